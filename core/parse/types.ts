/** What the parsers need to know about "now" and the business. */
export interface ParseContext {
  /** "Now" as an instant; relative dates are computed in `timezone`. */
  now: Date;
  /** IANA zone, e.g. 'Europe/Moscow'. */
  timezone: string;
  /** Opening hours 'HH:MM' used to resolve a bare hour: "в три" → 15:00 if 03:00 is outside hours. */
  businessHours: { open: string; close: string };
}

/** One value found in text, with its span [start, end) as indices into the ORIGINAL input string. */
export interface Extracted<T> {
  value: T;
  start: number;
  end: number;
}
