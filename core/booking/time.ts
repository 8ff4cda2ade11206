// Calendar and clock arithmetic is the engine's and the parsers' own; the booking code names it its way.
import { addDaysIso, weekday } from '../engine/calendar.ts';
import { formatTime, minutesOf } from '../parse/clock.ts';

/** Minutes since midnight of `HH:MM`. */
export const toMinutes = minutesOf;

/** `HH:MM` of minutes since midnight. */
export const fromMinutes = (min: number): string => formatTime(Math.floor(min / 60), min % 60);

/** Day of week of a `YYYY-MM-DD` date, 0 = Sunday. */
export const weekdayOf = weekday;

/** `YYYY-MM-DD` plus `days`. */
export const addDays = addDaysIso;
