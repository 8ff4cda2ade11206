import { HALF_WORDS, NUMBER_WORDS, ONE_AND_HALF_WORDS, readNumeral } from '../text/numbers.ts';
import { spaceBetween, wordTokens, type Token } from '../text/tokens.ts';
import { extractPhones } from './phones.ts';
import type { Extracted } from './types.ts';
import { MONTHS, overlapsAny } from './vocab.ts';

const COUPLE = new Set(['пару', 'пара', 'пары']);
// "тысяч на пять", "тысячи за три": an approximate amount said with the thousands first.
const APPROX_PREPOSITIONS = new Set(['на', 'за', 'в', 'до', 'около']);
const MIN_DICTATED_DIGITS = 3;

/** A quantity said by the caller; `collective` for "двое", "пятерых", "впятером" (a count of people). */
export interface NumberMention extends Extracted<number> {
  collective?: boolean;
}
// "28.11", "15:30", "28.11.2026" are dates and times, not quantities.
const DATE_OR_TIME_RE = /^\d{1,2}[.:/]\d{2}(?:[./]\d{2,4})?$/;
const DIGITS_RE = /\d+(?:[.,/:]\d+)*/g;

/** An ordinal that names a day or an hour, not a count: "двадцать восьмое", "пятого ноября", "половине пятого". */
function isCalendarOrdinal(tokens: readonly Token[], from: number, to: number): boolean {
  const prev = tokens[from - 1]?.text ?? '';
  const next = tokens[to]?.text ?? '';
  const last = tokens[to - 1]!.text;
  return /(ое|ье)$/.test(last) || MONTHS.has(next) || next === 'числа' || HALF_WORDS.has(prev) || prev === 'четверть' || /^минут/.test(prev);
}

/**
 * Quantities in Russian speech: digits ("3", "2,5") and number words up to the thousands ("сто двадцать пять",
 * "полтора" → 1.5, "два с половиной" → 2.5, "пару" → 2, a standalone ordinal "третьего" → 3).
 * Phone numbers, clock times, dd.mm dates and ordinals that name a day or an hour ("двадцать восьмое",
 * "пятого ноября", "в половине пятого") are skipped.
 * @example extractNumbers('три зуба') // [{ value: 3, start: 0, end: 3 }]
 */
export function extractNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(DIGITS_RE)) {
    const raw = m[0];
    if (DATE_OR_TIME_RE.test(raw)) continue;
    const decimal = /^\d+[.,]\d+$/.test(raw);
    if (!decimal && /\D/.test(raw)) continue;
    out.push({ value: Number(raw.replace(',', '.')), start: m.index, end: m.index + raw.length });
  }
  const tokens = wordTokens(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.digits) continue;
    if (ONE_AND_HALF_WORDS.has(t.text) || COUPLE.has(t.text)) {
      const thousands = NUMBER_WORDS.get(tokens[i + 1]?.text ?? '')?.value === 1000;
      const value = (COUPLE.has(t.text) ? 2 : 1.5) * (thousands ? 1000 : 1);
      out.push({ value, start: t.start, end: thousands ? tokens[i + 1]!.end : t.end });
      if (thousands) i++;
      continue;
    }
    if (!NUMBER_WORDS.has(t.text)) continue;
    const approx = thousandsFirst(text, tokens, i);
    if (approx) {
      out.push(approx.mention);
      i = approx.next - 1;
      continue;
    }
    const digits = dictatedDigits(text, tokens, i);
    if (digits) {
      out.push(digits.mention);
      i = digits.next - 1;
      continue;
    }
    const n = readNumeral(text, tokens, i);
    if (!n) continue;
    if (n.ordinal && isCalendarOrdinal(tokens, i, n.to)) {
      i = n.to - 1;
      continue;
    }
    let value = n.value;
    let to = n.to;
    if (!n.ordinal && tokens[to]?.text === 'с' && /^половин/.test(tokens[to + 1]?.text ?? '')) {
      value += 0.5;
      to += 2;
    }
    out.push({ value, start: t.start, end: tokens[to - 1]!.end, ...(n.collective ? { collective: true } : {}) });
    i = to - 1;
  }
  if (out.length === 0) return out;
  const phones = extractPhones(text);
  return out.filter((x) => !overlapsAny(x.start, x.end, phones)).sort((a, b) => a.start - b.start);
}

type Read = { mention: NumberMention; next: number };

/** "тысяч на пять" → 5000: a bare "тысяч" before a preposition and a numeral below a thousand. */
function thousandsFirst(text: string, tokens: readonly Token[], i: number): Read | null {
  const t = tokens[i]!;
  if (NUMBER_WORDS.get(t.text)?.value !== 1000 || (i > 0 && NUMBER_WORDS.has(tokens[i - 1]!.text))) return null;
  const prep = tokens[i + 1];
  if (!prep || !APPROX_PREPOSITIONS.has(prep.text)) return null;
  const n = readNumeral(text, tokens, i + 2);
  if (!n || n.ordinal || n.collective || n.value >= 1000 || n.value === 0) return null;
  return { mention: { value: n.value * 1000, start: t.start, end: tokens[n.to - 1]!.end }, next: n.to };
}

/** "три семь пять один" → 3751: single digits said one by one are a dictated number, not a sum. */
function dictatedDigits(text: string, tokens: readonly Token[], i: number): Read | null {
  let j = i;
  let digits = '';
  while (j < tokens.length) {
    const w = NUMBER_WORDS.get(tokens[j]!.text);
    if (!w || w.ordinal || w.collective || w.value > 9 || (j > i && !spaceBetween(text, tokens[j - 1]!, tokens[j]!))) break;
    digits += String(w.value);
    j++;
  }
  if (digits.length < MIN_DICTATED_DIGITS) return null;
  return { mention: { value: Number(digits), start: tokens[i]!.start, end: tokens[j - 1]!.end }, next: j };
}
