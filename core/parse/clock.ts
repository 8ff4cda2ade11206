import type { ParseContext } from './types.ts';

/** A calendar day. `month` is 1–12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The wall clock in the context's time zone. `weekday` is 0 = Monday … 6 = Sunday. */
export interface LocalNow extends CalendarDay {
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// The last answer: one turn asks for the same instant many times (dates, times, several scenarios).
let last: { timeZone: string; ms: number; value: LocalNow } | null = null;

/**
 * Local date and time of `ctx.now` in `ctx.timezone`. The formatter is built once per zone and the last
 * answer is kept, so repeated calls for one turn's instant cost a comparison (the result is frozen).
 */
export function localNow(ctx: ParseContext): LocalNow {
  const ms = ctx.now.getTime();
  if (last && last.ms === ms && last.timeZone === ctx.timezone) return last.value;
  const value = Object.freeze(computeLocalNow(ctx));
  last = { timeZone: ctx.timezone, ms, value };
  return value;
}

function computeLocalNow(ctx: ParseContext): LocalNow {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(ctx.timezone).formatToParts(ctx.now)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts.year!;
  const month = parts.month!;
  const day = parts.day!;
  return { year, month, day, weekday: weekdayOf({ year, month, day }), hour: parts.hour! % 24, minute: parts.minute! };
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(d: CalendarDay): number {
  return (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;
}

/** `d` plus `n` days (n may be negative). */
export function addDays(d: CalendarDay, n: number): CalendarDay {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** `d` plus `n` months, the day clamped to the month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: CalendarDay, n: number): CalendarDay {
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Negative when `a` is before `b`. */
export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** 'YYYY-MM-DD'. */
export function formatDay(d: CalendarDay): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** 'HH:MM' → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Minutes after midnight → 'HH:MM'. */
export function formatTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
