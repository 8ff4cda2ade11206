import type { Extracted } from './types.ts';
import type { Token } from '../text/tokens.ts';

/** Month names in the forms used after a day number ("28 ноября") and a few nominatives. */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['января', 'январь', 'январе'],
    ['февраля', 'февраль', 'феврале'],
    ['марта', 'март', 'марте'],
    ['апреля', 'апрель', 'апреле'],
    ['мая', 'май', 'мае'],
    ['июня', 'июнь', 'июне'],
    ['июля', 'июль', 'июле'],
    ['августа', 'август', 'августе'],
    ['сентября', 'сентябрь', 'сентябре'],
    ['октября', 'октябрь', 'октябре'],
    ['ноября', 'ноябрь', 'ноябре'],
    ['декабря', 'декабрь', 'декабре'],
  ].flatMap((forms, i) => forms.map((f) => [f, i + 1] as const)),
);

/** Weekday names in every case → 0 = Monday … 6 = Sunday. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  [
    ['понедельник', 'понедельника', 'понедельнику', 'понедельником', 'понедельнике'],
    ['вторник', 'вторника', 'вторнику', 'вторником', 'вторнике'],
    ['среда', 'среду', 'среды', 'среде', 'средой'],
    ['четверг', 'четверга', 'четвергу', 'четвергом', 'четверге'],
    ['пятница', 'пятницу', 'пятницы', 'пятнице', 'пятницей'],
    ['суббота', 'субботу', 'субботы', 'субботе', 'субботой'],
    ['воскресенье', 'воскресенья', 'воскресенью', 'воскресеньем'],
  ].flatMap((forms, i) => forms.map((f) => [f, i] as const)),
);

/** Prepositions that may open a date or time phrase; they are included in its span. */
export const LEADING_PREPOSITIONS: ReadonlySet<string> = new Set(['в', 'во', 'на', 'к', 'ко', 'с', 'со', 'до', 'после', 'около']);

/** Keeps the earliest, then longest, of overlapping matches; result in order of appearance. */
export function dropOverlaps<T>(items: Extracted<T>[]): Extracted<T>[] {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Extracted<T>[] = [];
  for (const item of sorted) {
    const last = out[out.length - 1];
    if (last && item.start < last.end) continue;
    out.push(item);
  }
  return out;
}

/** True when [start, end) overlaps any of `spans`. */
export function overlapsAny(start: number, end: number, spans: readonly { start: number; end: number }[]): boolean {
  for (const s of spans) if (start < s.end && s.start < end) return true;
  return false;
}

/** Start of the span, widened to a preposition right before token `i`. */
export function withPreposition(tokens: readonly Token[], i: number): number {
  const prev = tokens[i - 1];
  return prev && LEADING_PREPOSITIONS.has(prev.text) ? prev.start : tokens[i]!.start;
}
