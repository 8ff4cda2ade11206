import { addDaysIso, daysBetween } from '../engine/calendar.ts';
import { durationMs, type RemindersConfig } from '../config/reminders-config.ts';

/**
 * When reminder calls may be placed. All clocks here are local wall clocks of the bot's time zone,
 * `"YYYY-MM-DD HH:MM"`; the Worker turns the instant into one.
 */
export interface ReminderTiming {
  /** Minutes before the appointment the call is due. */
  beforeMin: number;
  /** Minutes between tries after no answer or busy. */
  retryAfterMin: number;
  /** Calling window, minutes since local midnight, [start, end). */
  windowStartMin: number;
  windowEndMin: number;
}

/** A reminder later than this before the visit is no use: the customer is on the way. */
export const MIN_LEAD_MIN = 60;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function reminderTiming(cfg: Pick<RemindersConfig, 'before' | 'window' | 'retry_after'>): ReminderTiming {
  const [start, end] = cfg.window.split('-').map((s) => s.trim());
  return {
    beforeMin: Math.round(durationMs(cfg.before)! / 60_000),
    retryAfterMin: Math.round(durationMs(cfg.retry_after)! / 60_000),
    windowStartMin: minutesOf(start!),
    windowEndMin: end === '24:00' ? 1440 : minutesOf(end!),
  };
}

/** Minutes from one local wall clock to another. */
export function wallMinutesBetween(from: string, to: string): number {
  return daysBetween(from.slice(0, 10), to.slice(0, 10)) * 1440 + minutesOf(to.slice(11, 16)) - minutesOf(from.slice(11, 16));
}

/** Is the local time inside the calling window? */
export function inCallingWindow(nowLocal: string, t: ReminderTiming): boolean {
  const m = minutesOf(nowLocal.slice(11, 16));
  return m >= t.windowStartMin && m < t.windowEndMin;
}

export type ReminderDecision =
  | { due: true }
  | { due: false; reason: 'not_yet' | 'outside_window' | 'too_late' };

/**
 * Whether an appointment's reminder may be dialed now: from `before` ahead of it, inside the window, and no later
 * than {@link MIN_LEAD_MIN} before the visit. An appointment at 09:00 with `before: 24h` and a 10–20 window is
 * called the day before from 10:00 on (the first window after it became due).
 */
export function reminderDue(appointment: { date: string; time: string }, nowLocal: string, t: ReminderTiming): ReminderDecision {
  const lead = wallMinutesBetween(nowLocal, `${appointment.date} ${appointment.time}`);
  if (lead < MIN_LEAD_MIN) return { due: false, reason: 'too_late' };
  if (lead > t.beforeMin) return { due: false, reason: 'not_yet' };
  if (!inCallingWindow(nowLocal, t)) return { due: false, reason: 'outside_window' };
  return { due: true };
}

/** The dates whose appointments can be due now: today and the days `before` reaches. */
export function candidateDates(nowLocal: string, t: ReminderTiming): { from: string; to: string } {
  const today = nowLocal.slice(0, 10);
  return { from: today, to: addDaysIso(today, Math.ceil(t.beforeMin / 1440) + 1) };
}

/** Minutes since local midnight: the daily cap counts calls since then. */
export const minutesSinceMidnight = (nowLocal: string): number => minutesOf(nowLocal.slice(11, 16));
