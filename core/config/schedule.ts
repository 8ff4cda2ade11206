import { z } from 'zod';

const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
export const hhmm = z.string().regex(HHMM_RE, 'time must be HH:MM, 24h');

/** Opening hours of one day. */
export interface DayHours {
  open: string;
  close: string;
}

/** Day keys of a weekly table, Monday first (index 0 = Monday, as in core/parse). */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type DayKey = (typeof WEEKDAY_KEYS)[number];

const RANGE_RE = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/;
const CLOSED = new Set(['closed', 'выходной', 'off', '-']);

/** One day of a weekly table: "09:00-21:00", { open, close }, or closed ("closed", "выходной", false, null). */
const DaySchema = z.union([
  z.strictObject({ open: hhmm, close: hhmm }),
  z.string(),
  z.literal(false),
  z.null(),
]);

function parseDay(value: z.infer<typeof DaySchema>, ctx: z.RefinementCtx, key: string): DayHours | null {
  if (value === null || value === false) return null;
  if (typeof value === 'object') return value;
  if (CLOSED.has(value.trim().toLowerCase())) return null;
  const m = RANGE_RE.exec(value);
  const pad = (t: string) => t.padStart(5, '0');
  if (m && HHMM_RE.test(pad(m[1]!)) && HHMM_RE.test(pad(m[2]!)) && pad(m[1]!) < pad(m[2]!)) {
    return { open: pad(m[1]!), close: pad(m[2]!) };
  }
  ctx.addIssue({ code: 'custom', path: [key], message: `"${value}": a day is "HH:MM-HH:MM" (open before close) or "closed"` });
  return null;
}

/**
 * Normalized opening hours: `open`/`close` span the whole week (the earliest opening, the latest closing) so code
 * that only needs one range keeps working; `days[0..6]` (Monday first) gives each day's hours, null when closed.
 */
export interface WeeklyHours extends DayHours {
  days: (DayHours | null)[];
}

const everyDay = (h: DayHours): WeeklyHours => ({ ...h, days: WEEKDAY_KEYS.map(() => ({ ...h })) });

/**
 * Opening hours as written in a config: the old single range `{ open, close }` (every day the same), or a weekly
 * table `{ mon: "09:00-21:00", …, sun: closed }`; "mon-fri" and "weekdays"/"weekend" keys set several days at once.
 * Days left out of a table are closed.
 */
const DayHoursSchema = z.strictObject({ open: hhmm, close: hhmm });
/** The normalized form itself (a stored config read back): kept as it is. */
const NormalizedSchema = z.strictObject({ open: hhmm, close: hhmm, days: z.array(DayHoursSchema.nullable()).length(7) });

export const WeeklyHoursSchema = z
  .union([DayHoursSchema, NormalizedSchema, z.record(z.string(), DaySchema)])
  .transform((value, ctx): WeeklyHours => {
    if ('days' in value && Array.isArray(value.days)) return value as WeeklyHours;
    if ('open' in value && 'close' in value && typeof value.open === 'string' && typeof value.close === 'string') {
      return everyDay({ open: value.open, close: value.close });
    }
    const days: (DayHours | null)[] = WEEKDAY_KEYS.map(() => null);
    for (const [key, raw] of Object.entries(value)) {
      const indices = dayIndices(key);
      if (!indices) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown day "${key}": use mon…sun, "mon-fri", weekdays, weekend` });
        continue;
      }
      const hours = parseDay(raw as z.infer<typeof DaySchema>, ctx, key);
      for (const i of indices) days[i] = hours;
    }
    const open = days.filter((d): d is DayHours => d !== null);
    if (!open.length) {
      ctx.addIssue({ code: 'custom', message: 'the business must be open on at least one day' });
      return everyDay({ open: '09:00', close: '21:00' });
    }
    return {
      open: open.map((d) => d.open).sort()[0]!,
      close: open.map((d) => d.close).sort().at(-1)!,
      days,
    };
  });
export type WeeklyHoursInput = z.input<typeof WeeklyHoursSchema>;

function dayIndices(key: string): number[] | null {
  const k = key.trim().toLowerCase();
  if (k === 'weekdays') return [0, 1, 2, 3, 4];
  if (k === 'weekend') return [5, 6];
  const range = /^([a-z]{3})\s*-\s*([a-z]{3})$/.exec(k);
  if (range) {
    const a = WEEKDAY_KEYS.indexOf(range[1] as DayKey);
    const b = WEEKDAY_KEYS.indexOf(range[2] as DayKey);
    if (a < 0 || b < 0 || b < a) return null;
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const i = WEEKDAY_KEYS.indexOf(k as DayKey);
  return i < 0 ? null : [i];
}
