/**
 * Dates that exist: `YYYY-MM-DD` with a month of 1–12 and a day that month has (2026-13-01 and 2099-02-30 do not
 * exist; JavaScript's Date would roll them into the next month and book 2 March twice). Years are kept to
 * 1900–2199, and a booking to `BOOKING_HORIZON_DAYS` ahead of the business's today.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** How far ahead a slot may be looked up, booked or moved to: two years. */
export const BOOKING_HORIZON_DAYS = 731;

/** Whether `s` is a real calendar date `YYYY-MM-DD` between 1900 and 2199. */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a real date `iso` is more than the booking horizon after `today` (both `YYYY-MM-DD`). */
export function beyondBookingHorizon(today: string, iso: string): boolean {
  return (Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000 > BOOKING_HORIZON_DAYS;
}
