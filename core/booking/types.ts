import { z } from 'zod';
import { isCalendarDate } from './calendar-date.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM, 24h');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD').refine(isCalendarDate, 'date does not exist in the calendar');

/** A bookable service: what callers ask for and how long it takes. */
export const ServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  synonyms: z.array(z.string()).default([]),
  durationMin: z.number().int().positive(),
  price: z.number().nonnegative().nullable().default(null),
});
export type Service = z.infer<typeof ServiceSchema>;

/** A master, doctor or resource (a chair, a lift) and the services it does. */
export interface Staff {
  id: string;
  name: string;
  serviceIds: readonly string[];
}

/** Regular opening hours of one staff member on a weekday (0 = Sunday … 6 = Saturday). */
export interface WeeklyHours {
  staffId: string;
  weekday: number;
  open: string;
  close: string;
}

/** A dated change of hours: a day off (`open`/`close` null) or special hours, for one staff member or (staffId null) everyone. */
export interface HoursException {
  staffId: string | null;
  date: string;
  open: string | null;
  close: string | null;
}

/** Time already taken on a staff member's day (confirmed bookings, breaks). */
export interface BusyInterval {
  staffId: string;
  date: string;
  start: string;
  end: string;
}

/** Everything slot computation needs; a plain snapshot of one bot's calendar. */
export interface CalendarSnapshot {
  services: readonly Service[];
  staff: readonly Staff[];
  hours: readonly WeeklyHours[];
  exceptions: readonly HoursException[];
  busy: readonly BusyInterval[];
  /** Start times are multiples of this many minutes from opening (default 30). */
  stepMin?: number;
}

/** A free start time for a service with one staff member. */
export const SlotSchema = z.object({
  date: isoDate,
  time: hhmm,
  staffId: z.string(),
  staffName: z.string(),
});
export type Slot = z.infer<typeof SlotSchema>;

export { hhmm as HhmmSchema, isoDate as IsoDateSchema };
