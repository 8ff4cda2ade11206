import { HALF_WORDS, NUMBER_WORDS, readNumeral } from '../text/numbers.ts';
import { wordTokens, type Token } from '../text/tokens.ts';
import { formatTime, isValidDay } from './clock.ts';
import { extractDates } from './dates.ts';
import { mergeMealTimes, readMealTime } from './meal-times.ts';
import { extractPhones } from './phones.ts';
import { resolveBareHour, applyDayPart, dayPartOf, type DayPart } from './time-rules.ts';
import type { Extracted, ParseContext } from './types.ts';
import { dropOverlaps, overlapsAny } from './vocab.ts';

// Words that make a following number an hour ("в три", "к десяти", "часов в пять").
const STRONG_CUES = new Set(['в', 'во', 'к', 'ко', 'около', 'после', 'до', 'с', 'со', 'примерно']);
const HOUR_SUFFIX_RE = /^час(а|ов)?$/;
const MINUTE_SUFFIX_RE = /^минут[аы]?$/;
// A number before these is a count, not an hour ("в 3 раза", "в 10 лет", "через 2 дня").
const NOT_AN_HOUR_NEXT = /^(лет|год|раз|руб|зуб|челов|процент|штук|этаж|кабинет|класс|недел|месяц|минут|дней|сек|числ|ноябр|декабр|январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр)/;

interface Reading {
  hour: number;
  minute: number;
  /** Index one past the last token used. */
  to: number;
  /** Hour said as a 24h value or with a leading zero: no business-hours guess. */
  exact: boolean;
}

/** Hour word or digits at token i (cardinal 0–23, "час"). */
function readHour(text: string, tokens: readonly Token[], i: number): { hour: number; to: number; exact: boolean } | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.digits) {
    if (t.text.length > 2 || Number(t.text) > 23) return null;
    return { hour: Number(t.text), to: i + 1, exact: t.text.length === 2 && t.text[0] === '0' };
  }
  if (t.text === 'час' || t.text === 'часу') return { hour: 1, to: i + 1, exact: false };
  const n = readNumeral(text, tokens, i);
  if (!n || n.ordinal || n.value > 23) return null;
  return { hour: n.value, to: n.to, exact: false };
}

/** Minutes after an hour: "30", "тридцать", "сорок пять", "ноль пять" (with "минут" if said). */
function readMinutes(text: string, tokens: readonly Token[], j: number, afterSuffix: boolean): { minute: number; to: number } | null {
  const t = tokens[j];
  if (!t) return null;
  let minute: number;
  let to: number;
  if (t.digits) {
    if (t.text.length !== 2 && !afterSuffix) return null;
    [minute, to] = [Number(t.text), j + 1];
  } else if (t.text === 'ноль' || t.text === 'ноля') {
    const n = readNumeral(text, tokens, j + 1);
    if (!n || n.ordinal || n.value > 9) return null;
    [minute, to] = [n.value, n.to];
  } else {
    const n = readNumeral(text, tokens, j);
    if (!n || n.ordinal || n.value > 59 || (n.value < 10 && !afterSuffix)) return null;
    [minute, to] = [n.value, n.to];
  }
  if (minute > 59) return null;
  if (tokens[to] && MINUTE_SUFFIX_RE.test(tokens[to]!.text)) to++;
  return { minute, to };
}

function readClock(text: string, tokens: readonly Token[], i: number): (Reading & { colon: boolean }) | null {
  const h = readHour(text, tokens, i);
  if (!h) return null;
  const next = tokens[h.to];
  if (tokens[i]!.digits && next?.digits) {
    const gap = text.slice(tokens[i]!.end, next.start);
    if ((gap === ':' || gap === '.') && next.text.length === 2 && Number(next.text) <= 59) {
      const after = tokens[h.to + 1];
      const dateLike = gap === '.' && (isValidDay(2024, Number(next.text), h.hour) || (after !== undefined && text[next.end] === '.'));
      if (dateLike) return null;
      const exact = h.exact || h.hour > 12;
      return { hour: h.hour, minute: Number(next.text), to: h.to + 1, exact, colon: true };
    }
    if (gap !== ':' && gap !== '.' && gap !== '-' && !/^\s+$/.test(gap)) return null;
  }
  let to = h.to;
  const suffix = tokens[to] !== undefined && HOUR_SUFFIX_RE.test(tokens[to]!.text);
  if (suffix) to++;
  const m = readMinutes(text, tokens, to, suffix);
  return { hour: h.hour, minute: m?.minute ?? 0, to: m?.to ?? to, exact: h.exact || h.hour > 12, colon: false };
}

/** "в половине пятого" / "полпятого" / "четверть седьмого" / "без четверти шесть" / "без двадцати пяти восемь". */
function readRelative(text: string, tokens: readonly Token[], i: number): Reading | null {
  const w = tokens[i]!.text;
  const ord = (k: number) => {
    const n = tokens[k] ? NUMBER_WORDS.get(tokens[k]!.text) : undefined;
    return n?.ordinal && n.value >= 1 && n.value <= 12 ? n.value : null;
  };
  const glued = /^пол-?(\p{L}+)$/u.exec(w);
  if (glued && NUMBER_WORDS.get(glued[1]!)?.ordinal) {
    const v = NUMBER_WORDS.get(glued[1]!)!.value;
    if (v >= 1 && v <= 12) return { hour: v - 1 || 12, minute: 30, to: i + 1, exact: false };
  }
  if (HALF_WORDS.has(w) || w === 'четверть') {
    const v = ord(i + 1);
    if (v === null) return null;
    return { hour: v - 1 || 12, minute: w === 'четверть' ? 15 : 30, to: i + 2, exact: false };
  }
  // "пять минут шестого" = 05:05, "двадцать минут седьмого" = 06:20.
  if (NUMBER_WORDS.has(w)) {
    const n = readNumeral(text, tokens, i);
    if (!n || n.ordinal || n.value < 1 || n.value > 30 || !MINUTE_SUFFIX_RE.test(tokens[n.to]?.text ?? '')) return null;
    const v = ord(n.to + 1);
    return v === null ? null : { hour: v - 1 || 12, minute: n.value, to: n.to + 2, exact: false };
  }
  if (w !== 'без') return null;
  let before: number;
  let j: number;
  if (tokens[i + 1]?.text === 'четверти') [before, j] = [15, i + 2];
  else {
    const n = readNumeral(text, tokens, i + 1);
    if (!n || n.ordinal) return null;
    [before, j] = [n.value, n.to];
    // "без двадцати шесть": the numeral reader took "двадцати шесть" as 26; the unit is the hour.
    if (before > 30 || !readHour(text, tokens, MINUTE_SUFFIX_RE.test(tokens[j]?.text ?? '') ? j + 1 : j)) {
      if (n.to - n.from !== 2) return null;
      [before, j] = [NUMBER_WORDS.get(tokens[n.from]!.text)!.value, n.to - 1];
    }
  }
  if (before < 1 || before > 30) return null;
  if (MINUTE_SUFFIX_RE.test(tokens[j]?.text ?? '')) j++;
  const h = readHour(text, tokens, j);
  if (!h || h.hour < 1 || h.hour > 12) return null;
  return { hour: h.hour - 1 || 12, minute: 60 - before, to: h.to, exact: false };
}

function cueBefore(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1]?.text;
  return prev !== undefined && (STRONG_CUES.has(prev) || prev === 'часов' || prev === 'часам' || prev === 'районе');
}

function spanStart(tokens: readonly Token[], i: number): number {
  let k = i;
  // "в районе трёх" / "в районе половины пятого".
  if (k > 1 && tokens[k - 1]!.text === 'районе' && tokens[k - 2]!.text === 'в') return k - 2;
  if (k > 0 && (STRONG_CUES.has(tokens[k - 1]!.text) || tokens[k - 1]!.text === 'на')) k--;
  if (k > 0 && /^час(а|ов|ам)$/.test(tokens[k - 1]!.text)) k--;
  return k;
}

/** One time phrase starting at token i, or null. */
function readTimeAt(text: string, tokens: readonly Token[], i: number): (Reading & { from: number }) | null {
  const t = tokens[i]!;
  if (t.text === 'полдень' || t.text === 'полночь') {
    return { hour: t.text === 'полдень' ? 12 : 0, minute: 0, to: i + 1, exact: true, from: spanStart(tokens, i) };
  }
  const rel = readRelative(text, tokens, i);
  if (rel) return { ...rel, from: spanStart(tokens, i) };
  if (tokens[i - 1]?.text === 'через' || (tokens[i - 1]?.digits && /^[\s-]+$/.test(text.slice(tokens[i - 1]!.end, t.start)))) return null;
  const clock = readClock(text, tokens, i);
  if (!clock) return null;
  const next = tokens[clock.to]?.text ?? '';
  if (clock.to === i + 1 && NOT_AN_HOUR_NEXT.test(next)) return null;
  const part = dayPartOf(next);
  const saidHour = HOUR_SUFFIX_RE.test(tokens[readHour(text, tokens, i)!.to]?.text ?? '');
  const pairSaid = clock.to > i + 1 && !saidHour;
  const cue = cueBefore(tokens, i) || saidHour || (part !== null && part !== 'day') || clock.colon ||
    (pairSaid && (tokens[i - 1]?.text === 'на' || clock.minute % 5 === 0));
  if (!cue || (tokens[clock.to]?.digits && !clock.colon)) return null;
  return { ...clock, from: spanStart(tokens, i) };
}

/**
 * Times of day in Russian speech → 'HH:MM' (24h): "в три часа дня", "в 15:30", "15 30", "в пятнадцать тридцать",
 * "в половине пятого", "без четверти шесть", "в семь вечера", "в полдень", "к десяти", "часов в пять",
 * "в районе трёх", "в обед" (13:00), "после обеда" (14:00, unless a clock time is said too).
 * "утром"/"вечером" alone give no time.
 * A bare hour is placed inside `ctx.businessHours` ("в три" → 15:00, "в десять" → 10:00).
 * Dates ("28.11", "28 ноября") and phone digits are never read as times.
 */
export function extractTimes(text: string, ctx: ParseContext): Extracted<string>[] {
  const tokens = wordTokens(text);
  const found: Extracted<string>[] = [];
  const meals: Extracted<string>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const meal = readMealTime(tokens, i);
    if (meal) {
      meals.push({ value: formatTime(meal.hour, 0), start: tokens[meal.from]!.start, end: tokens[meal.to - 1]!.end });
      i = meal.to - 1;
      continue;
    }
    const r = readTimeAt(text, tokens, i);
    if (!r) continue;
    let to = r.to;
    let part: DayPart | null = dayPartOf(tokens[to]?.text ?? '');
    if (part) to++;
    else part = dayPartOf(tokens[r.from - 1]?.text ?? '') ?? dayPartOf(tokens[r.from - 2]?.text ?? '');
    const hour = part ? applyDayPart(r.hour, part) : r.exact ? r.hour : resolveBareHour(r.hour, r.minute, ctx.businessHours);
    if (hour > 23 || r.minute > 59) continue;
    found.push({ value: formatTime(hour, r.minute), start: tokens[r.from]!.start, end: tokens[to - 1]!.end });
    i = to - 1;
  }
  if (found.length === 0 && meals.length === 0) return found;
  const blocked = [...extractDates(text, ctx), ...extractPhones(text)];
  return mergeMealTimes(text, dropOverlaps(found.filter((f) => !overlapsAny(f.start, f.end, blocked))), meals);
}
