import type { CollectField } from '../config/bot-config.ts';
import type { DayHours } from '../config/schedule.ts';
import { localNow } from '../parse/index.ts';
import { matchesWholePattern } from '../text/safe-pattern.ts';
import { beyondBookingHorizon, isCalendarDate } from '../booking/calendar-date.ts';
import { addDaysIso, daysBetween, weekday } from './calendar.ts';
import { fieldKind } from './field-kind.ts';
import type { Turn } from './handlers/turn.ts';
import { formatDateForSpeech } from './speech-format.ts';
import type { FieldValue } from './types.ts';

/** Why a value was refused, said to the caller, and the question to ask instead of the field's prompt (if any). */
export interface Refusal {
  reason: string;
  reprompt?: string;
  /** The field says such a value goes to a person (`out_of_range: handoff`). */
  handoff?: boolean;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Opening hours of a `YYYY-MM-DD` day (null: closed). */
export function hoursOn(t: Turn, iso: string): DayHours | null {
  const { days } = t.config.business_hours;
  return days[(weekday(iso) + 6) % 7] ?? null;
}

/**
 * Whether a recognised value may be stored: dates not in the past nor on closed days, times inside the day's hours
 * (and not already past today), numbers inside `min`/`max`, text matching `pattern`. `fields` are the values
 * collected so far (the date a time belongs to).
 */
export function refuseValue(
  t: Turn,
  field: CollectField,
  value: FieldValue,
  fields: Readonly<Record<string, FieldValue>>,
): Refusal | null {
  const kind = fieldKind(field);
  if (kind === 'date' && typeof value === 'string') return refuseDate(t, value);
  if (kind === 'time' && typeof value === 'string') return refuseTime(t, value, dateOf(t, fields));
  if (kind === 'number' && typeof value === 'number') {
    if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
      if (field.out_of_range === 'handoff') return { reason: '', handoff: true };
      return { reason: field.out_of_range ?? t.pack.phrases.outOfRange(field.min, field.max, field.unit) };
    }
  }
  if (field.pattern && !matchesWholePattern(field.pattern, String(value).trim())) {
    const reprompt = field.pattern_prompt ?? t.pack.phrases.patternMismatch(field.prompt);
    return { reason: '', reprompt };
  }
  return null;
}

/** The date field's value among collected fields, if the scenario has one. */
export function dateOf(t: Turn, fields: Readonly<Record<string, FieldValue>>): string | null {
  for (const s of t.config.scenarios) {
    for (const f of s.collect_fields) {
      const v = fields[f.name];
      if (fieldKind(f) === 'date' && typeof v === 'string') return v;
    }
  }
  return null;
}

function refuseDate(t: Turn, iso: string): Refusal | null {
  const today = t.today();
  const { phrases } = t.pack;
  if (daysBetween(today, iso) < 0 || justPassed(today, iso)) return { reason: phrases.dateInPast(openDays(t, today, 2)) };
  if (!isCalendarDate(iso) || beyondBookingHorizon(today, iso)) return { reason: phrases.dateTooFar(openDays(t, today, 2)) };
  if (!hoursOn(t, iso)) {
    const day = formatDateForSpeech(iso, today, t.pack);
    return { reason: phrases.closedDay(day, openDays(t, addDaysIso(iso, 1), 2)) };
  }
  return null;
}

function refuseTime(t: Turn, time: string, date: string | null): Refusal | null {
  const today = t.today();
  const { phrases, speech } = t.pack;
  const range = date ? hoursOn(t, date) : t.config.business_hours;
  if (!range) return null; // a closed day is refused as a date
  const m = minutes(time);
  const open = minutes(range.open);
  const close = minutes(range.close);
  if (m < open || m >= close) {
    const day = date ? formatDateForSpeech(date, today, t.pack) : null;
    const options = m < open ? [open, open + 60] : [close - 60, close - 120];
    const spoken = options.filter((x) => x >= open && x < close).map((x) => speech.time(hhmm(x)));
    return { reason: phrases.outsideHours(day, range.open, range.close, spoken) };
  }
  if (date === today) {
    const now = localNow(t.parse);
    const nowMin = now.hour * 60 + now.minute;
    if (m <= nowMin) {
      const next = Math.max(open, Math.ceil((nowMin + 1) / 60) * 60);
      const spoken = [next, next + 60].filter((x) => x < close).map((x) => speech.time(hhmm(x)));
      return { reason: phrases.timePassed(spoken) };
    }
  }
  return null;
}

/**
 * "двадцатое ноября" said on 25 November is read as next year's; a day that passed this year less than
 * three months ago was meant this year and is refused as past, not booked a year ahead.
 */
function justPassed(today: string, iso: string): boolean {
  const thisYear = `${today.slice(0, 4)}${iso.slice(4)}`;
  if (iso.slice(0, 4) === today.slice(0, 4) || !/^\d{4}-\d{2}-\d{2}$/.test(thisYear)) return false;
  const ago = daysBetween(thisYear, today);
  return ago > 0 && ago <= 90 && daysBetween(today, iso) > 270;
}

/** The first `n` open days from `from` on (today only while it is still open), spoken. */
function openDays(t: Turn, from: string, n: number): string[] {
  const today = t.today();
  const out: string[] = [];
  const now = localNow(t.parse);
  for (let i = 0, d = from; i < 21 && out.length < n; i++, d = addDaysIso(d, 1)) {
    const h = hoursOn(t, d);
    if (!h) continue;
    if (d === today && now.hour * 60 + now.minute >= minutes(h.close) - 60) continue;
    out.push(formatDateForSpeech(d, today, t.pack));
  }
  return out;
}
