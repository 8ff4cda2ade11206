import type { Token } from '../text/tokens.ts';
import type { Extracted } from './types.ts';

/** A time said through the lunch break rather than a clock: "в обед" (13:00), "после обеда" (14:00). */
export interface MealTime {
  hour: number;
  /** Index of the first token and one past the last token used. */
  from: number;
  to: number;
}

const LUNCH_HOUR = 13;
const AFTER_LUNCH_HOUR = 14;

/**
 * "в обед", "на обед", "в обеденное время", "в обеденный перерыв" → 13:00; "после обеда" → 14:00.
 * The word alone ("обед", "обедать") is not a time.
 */
export function readMealTime(tokens: readonly Token[], i: number): MealTime | null {
  const w = tokens[i]!.text;
  const prev = tokens[i - 1]?.text;
  if (w === 'обед' && (prev === 'в' || prev === 'на')) return { hour: LUNCH_HOUR, from: i - 1, to: i + 1 };
  if (w === 'обеда' && prev === 'после') return { hour: AFTER_LUNCH_HOUR, from: i - 1, to: i + 1 };
  if ((w === 'обеденное' || w === 'обеденный') && prev === 'в') {
    const next = tokens[i + 1]?.text;
    if (next === 'время' || next === 'перерыв') return { hour: LUNCH_HOUR, from: i - 1, to: i + 2 };
  }
  return null;
}

/**
 * Meal times give way to a clock time said in the same utterance ("после обеда часа в три" is 15:00);
 * a meal phrase right next to that clock time joins its span, so that it is not left in free text.
 */
export function mergeMealTimes(
  text: string,
  clocks: Extracted<string>[],
  meals: Extracted<string>[],
): Extracted<string>[] {
  if (meals.length === 0) return clocks;
  if (clocks.length === 0) return meals;
  return clocks.map((c) => {
    let { start, end } = c;
    for (const m of meals) {
      if (m.end <= start && /^[\s,]*$/.test(text.slice(m.end, start))) start = m.start;
      else if (m.start >= end && /^[\s,]*$/.test(text.slice(end, m.start))) end = m.end;
    }
    return { value: c.value, start, end };
  });
}
