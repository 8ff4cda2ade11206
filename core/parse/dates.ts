import { HALF_WORDS, NUMBER_WORDS, readNumeral } from '../text/numbers.ts';
import { lowerSameLength, wordTokens, type Token } from '../text/tokens.ts';
import {
  addDays, addMonths, compareDays, formatDay, isValidDay, localNow, weekdayOf,
  type CalendarDay, type LocalNow,
} from './clock.ts';
import { extractPhones } from './phones.ts';
import type { Extracted, ParseContext } from './types.ts';
import { MONTHS, WEEKDAYS, dropOverlaps, overlapsAny, withPreposition } from './vocab.ts';

const NUMERIC_DATE_RE = /(?<![\d.:/,+-])(\d{1,2})([./])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d:])(?![./]\d)/g;
const RELATIVE: ReadonlyMap<string, number> = new Map([['сегодня', 0], ['завтра', 1], ['послезавтра', 2]]);
const THIS_WORDS = new Set(['эту', 'этот', 'это', 'этой', 'этом']);
const DAY_SUFFIXES = new Set(['го', 'е', 'ое', 'ого']);
const YEAR_WORDS = new Set(['год', 'года', 'году', 'г']);
// An ordinal before these nouns is not a day of month ("третьего этажа", "пятого зуба").
const NOT_A_DAY_NEXT = /^(час|этаж|подъезд|кабинет|зуб|класс|раз|числ[ао]м)/;
const NOT_A_DAY_PREV = new Set([...HALF_WORDS, 'четверть', 'четверти', 'без', 'минут', 'минуты', 'минуту']);

/** The next occurrence of day+month on or after today (this year, else the next leap-safe year). */
function nextDayMonth(today: CalendarDay, month: number, day: number): CalendarDay | null {
  for (let year = today.year; year <= today.year + 4; year++) {
    const d = { year, month, day };
    if (isValidDay(year, month, day) && compareDays(d, today) >= 0) return d;
  }
  return null;
}

/** Day of month only: this month if still ahead, else the next month that has that day. */
function nextDay(today: CalendarDay, day: number): CalendarDay | null {
  for (let k = 0; k <= 12; k++) {
    const m = addMonths({ year: today.year, month: today.month, day: 1 }, k);
    const d = { year: m.year, month: m.month, day };
    if (isValidDay(d.year, d.month, day) && compareDays(d, today) >= 0) return d;
  }
  return null;
}

/**
 * A weekday: the nearest one after today. Today's weekday means today only with "эту"/"сегодня",
 * otherwise a week ahead. "следующий вторник" is the Tuesday of next calendar week (Mon–Sun).
 */
function resolveWeekday(today: LocalNow, weekday: number, mode: 'nearest' | 'this' | 'next'): CalendarDay {
  const delta = (weekday - today.weekday + 7) % 7;
  if (mode === 'next') return addDays(today, 7 - today.weekday + weekday);
  if (mode === 'this') return addDays(today, delta);
  return addDays(today, delta === 0 ? 7 : delta);
}

function tokenStartBefore(tokens: readonly Token[], pos: number): number {
  let i = tokens.length - 1;
  while (i >= 0 && tokens[i]!.start >= pos) i--;
  return i + 1;
}

function numericDates(text: string, tokens: readonly Token[], today: CalendarDay, out: Extracted<string>[]): void {
  for (const m of lowerSameLength(text).matchAll(NUMERIC_DATE_RE)) {
    const day = Number(m[1]);
    const month = Number(m[3]);
    let d: CalendarDay | null;
    if (m[4]) {
      const year = m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
      d = isValidDay(year, month, day) ? { year, month, day } : null;
    } else {
      d = nextDayMonth(today, month, day);
    }
    if (!d) continue;
    const i = tokenStartBefore(tokens, m.index);
    out.push({ value: formatDay(d), start: withPreposition(tokens, i), end: m.index + m[0].length });
  }
}

/** A day number at token i: "28", "28-го", "двадцать восьмого", "двадцать восемь". */
function readDayNumber(text: string, tokens: readonly Token[], i: number) {
  const t = tokens[i]!;
  if (t.digits) {
    if (t.text.length > 2) return null;
    const next = tokens[i + 1];
    const gap = next ? text.slice(t.end, next.start) : ' ';
    const suffix = next !== undefined && (gap === '' || gap === '-') && DAY_SUFFIXES.has(next.text);
    if (!suffix && (gap === ':' || gap === '.' || gap === '/')) return null;
    return { value: Number(t.text), to: suffix ? i + 2 : i + 1, marked: suffix };
  }
  const n = readNumeral(text, tokens, i);
  if (!n || n.value > 31 || n.value < 1) return null;
  const last = tokens[n.to - 1]!.text;
  const dayForm = n.ordinal && /(ого|его|ое|ье)$/.test(last);
  return { value: n.value, to: n.to, marked: dayForm };
}

function readYear(text: string, tokens: readonly Token[], j: number): { year: number; to: number } | null {
  const t = tokens[j];
  if (!t) return null;
  let year: number | null = null;
  let to = j + 1;
  if (t.digits && t.text.length === 4) year = Number(t.text);
  else if (NUMBER_WORDS.has(t.text)) {
    const n = readNumeral(text, tokens, j);
    if (n && n.value >= 2000 && n.value < 2100) [year, to] = [n.value, n.to];
  }
  if (year === null) return null;
  if (tokens[to] && YEAR_WORDS.has(tokens[to]!.text)) to++;
  return { year, to };
}

function weekdayMode(tokens: readonly Token[], i: number): { mode: 'nearest' | 'this' | 'next'; from: number } {
  let mode: 'nearest' | 'this' | 'next' = 'nearest';
  let from = i;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const w = tokens[j]!.text;
    if (WEEKDAYS.has(w) || RELATIVE.has(w)) break;
    if (w.startsWith('следующ')) [mode, from] = ['next', j];
    else if (THIS_WORDS.has(w)) [mode, from] = ['this', j];
    else if (w.startsWith('ближайш')) from = j;
  }
  return { mode, from };
}

function readAfterThrough(text: string, tokens: readonly Token[], i: number, today: CalendarDay) {
  let j = i + 1;
  let amount = 1;
  const t = tokens[j];
  if (!t) return null;
  if (t.digits) [amount, j] = [Number(t.text), j + 1];
  else if (t.text === 'пару' || t.text === 'пара') [amount, j] = [2, j + 1];
  else {
    const n = readNumeral(text, tokens, j);
    if (n && !n.ordinal) [amount, j] = [n.value, n.to];
  }
  const unit = tokens[j]?.text ?? '';
  let d: CalendarDay;
  // "через день" without a number skips one day: the day after tomorrow.
  if (unit === 'день' && j === i + 1) d = addDays(today, 2);
  else if (/^(дня|дней|день)$/.test(unit) && j > i + 1) d = addDays(today, amount);
  else if (/^недел[юиь]$/.test(unit)) d = addDays(today, 7 * amount);
  else if (/^месяц(а|ев)?$/.test(unit)) d = addMonths(today, amount);
  else return null;
  return { d, to: j + 1 };
}

/**
 * "на выходных" / "в эти выходные" → the nearest Saturday (today on a weekend), "на следующих выходных" →
 * Saturday of next week; "в начале (следующей) недели" → next Monday. Bare "в выходные" stays unread: it is
 * as often habitual ("а в выходные вы работаете?").
 */
function readLooseDay(tokens: readonly Token[], i: number, today: LocalNow): { d: CalendarDay; from: number; to: number } | null {
  const w = tokens[i]!.text;
  const prev = tokens[i - 1]?.text ?? '';
  if (w === 'выходных' || w === 'выходные') {
    const next = prev.startsWith('следующ');
    const determiner = next || THIS_WORDS.has(prev) || prev === 'эти' || prev === 'этих' || prev.startsWith('ближайш');
    const from = determiner ? i - 1 : i;
    const prep = tokens[from - 1]?.text;
    if (w === 'выходных' ? prep !== 'на' : !(determiner && (prep === 'в' || prep === 'на'))) return null;
    const saturday = addDays(today, 5 - today.weekday);
    const d = next ? addDays(saturday, 7) : today.weekday >= 5 ? today : saturday;
    return { d, from: from - 1, to: i + 1 };
  }
  if (w === 'начале' && tokens[i - 1]?.text === 'в') {
    const k = tokens[i + 1]?.text.startsWith('следующ') ? i + 2 : i + 1;
    if (tokens[k]?.text !== 'недели') return null;
    return { d: addDays(today, 7 - today.weekday), from: i - 1, to: k + 1 };
  }
  return null;
}

function wordDates(text: string, tokens: readonly Token[], today: LocalNow, out: Extracted<string>[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const push = (d: CalendarDay | null, from: number, to: number) => {
      if (d) out.push({ value: formatDay(d), start: withPreposition(tokens, from), end: tokens[to - 1]!.end });
    };
    const rel = RELATIVE.get(t.text);
    if (rel !== undefined) {
      // "сегодня пятница" / "завтра в субботу" name the same day twice: one match.
      const k = tokens[i + 1]?.text === 'в' || tokens[i + 1]?.text === 'во' ? i + 2 : i + 1;
      const wd = tokens[k] ? WEEKDAYS.get(tokens[k]!.text) : undefined;
      const to = wd !== undefined && wd === weekdayOf(addDays(today, rel)) ? k + 1 : i + 1;
      push(addDays(today, rel), i, to);
      i = to - 1;
      continue;
    }
    if (t.text === 'через') {
      const r = readAfterThrough(text, tokens, i, today);
      if (r) {
        push(r.d, i, r.to);
        i = r.to - 1;
      }
      continue;
    }
    const loose = readLooseDay(tokens, i, today);
    if (loose) {
      out.push({ value: formatDay(loose.d), start: tokens[loose.from]!.start, end: tokens[loose.to - 1]!.end });
      i = loose.to - 1;
      continue;
    }
    const wd = WEEKDAYS.get(t.text);
    if (wd !== undefined) {
      const { mode, from } = weekdayMode(tokens, i);
      push(resolveWeekday(today, wd, mode), from, i + 1);
      continue;
    }
    if (!t.digits && !NUMBER_WORDS.has(t.text)) continue;
    if (NOT_A_DAY_PREV.has(tokens[i - 1]?.text ?? '')) continue;
    const day = readDayNumber(text, tokens, i);
    if (!day) continue;
    const next = tokens[day.to];
    const month = next ? MONTHS.get(next.text) : undefined;
    if (month !== undefined) {
      const year = readYear(text, tokens, day.to + 1);
      const d = year
        ? (isValidDay(year.year, month, day.value) ? { year: year.year, month, day: day.value } : null)
        : nextDayMonth(today, month, day.value);
      push(d, i, year ? year.to : day.to + 1);
      i = (year ? year.to : day.to + 1) - 1;
    } else if (next?.text === 'числа' || (day.marked && !NOT_A_DAY_NEXT.test(next?.text ?? ''))) {
      const to = next?.text === 'числа' ? day.to + 1 : day.to;
      push(nextDay(today, day.value), i, to);
      i = to - 1;
    } else if (!t.digits) {
      i = day.to - 1;
    }
  }
}

/**
 * Dates in Russian speech → 'YYYY-MM-DD', computed in `ctx.timezone`: "сегодня", "завтра", "послезавтра",
 * weekdays ("в следующий вторник"), "28 ноября", "двадцать восьмого", "28.11", "28.11.2026", "через 3 дня",
 * "через неделю", "через день" (the day after tomorrow), "на выходных", "в начале следующей недели".
 * A past day+month means next year; a past day of month alone means next month. A deadline ("до третьего",
 * "до пятницы") is no date to book and is left out.
 * Times ("15:30") and phone digits are never read as dates.
 * @example extractDates('в пятницу в 11 утра', ctx) // [{ value: '2026-11-27', start: 0, end: 9 }]
 */
export function extractDates(text: string, ctx: ParseContext): Extracted<string>[] {
  const tokens = wordTokens(text);
  if (tokens.length === 0) return [];
  const today = localNow(ctx);
  const found: Extracted<string>[] = [];
  numericDates(text, tokens, today, found);
  wordDates(text, tokens, today, found);
  const phones = found.length > 0 ? extractPhones(text) : [];
  const dates = dropOverlaps(found.filter((f) => !overlapsAny(f.start, f.end, phones)));
  return dates.some((d) => isDeadline(text, d)) ? dates.filter((d) => !isDeadline(text, d)) : dates;
}

/** "до третьего", "до пятницы": the day something must be done by, not the day to book. */
function isDeadline(text: string, d: Extracted<string>): boolean {
  return /^до(?![\p{L}])/u.test(lowerSameLength(text.slice(d.start, d.end)));
}
