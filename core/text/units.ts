import { canonicalStem } from './lemma.ts';

/** What a unit word measures: a duration (in minutes), people, or anything else by its stem. */
export type UnitSense =
  | { kind: 'duration'; minutes: number; key: string }
  | { kind: 'people'; key: 'people' }
  | { kind: 'word'; key: string };

// Keys are canonical stems (normalized lower case words through canonicalStem).
const DURATIONS: ReadonlyMap<string, number> = new Map([
  ['минут', 1], ['минутк', 1], ['час', 60], ['часик', 60], ['сут', 1440], ['сутк', 1440], ['дн', 1440],
  ['ноч', 1440], ['недел', 10080], ['недл', 10080], ['недельк', 10080], ['месяц', 43200],
]);
// "гостей", "человек", "взрослых", "детей", "персоны": counting people.
const PEOPLE: ReadonlySet<string> = new Set([
  'люд', 'дет', 'детьм', 'гост', 'персон', 'взросл', 'участник', 'пассажир', 'посетител', 'клиент', 'туристов', 'турист',
]);
// Plural stems that Snowball does not fold into the singular: "лет" counts years.
const ALIASES: ReadonlyMap<string, string> = new Map([['лет', 'год'], ['годик', 'год'], ['рубл', 'рубл'], ['руб', 'рубл']]);
// A half unit said as one word: "полчаса" is 0.5 of an hour.
const HALF_UNITS: ReadonlyMap<string, string> = new Map([['полчаса', 'час'], ['полчасика', 'час'], ['полдня', 'дн']]);

/**
 * The sense of one normalized word as a unit ("часа" → 60 minutes, "гостей" → people, "лет" → "год").
 * @example unitSense('недели') // { kind: 'duration', minutes: 10080, key: 'недел' }
 */
export function unitSense(word: string): UnitSense {
  const stem = canonicalStem(word);
  const key = ALIASES.get(stem) ?? stem;
  const minutes = DURATIONS.get(key);
  if (minutes !== undefined) return { kind: 'duration', minutes, key };
  if (PEOPLE.has(key)) return { kind: 'people', key: 'people' };
  return { kind: 'word', key };
}

/** Whether two unit senses count the same thing (a duration converts to any duration). */
export function sameMeasure(a: UnitSense, b: UnitSense): boolean {
  return a.kind === b.kind && (a.kind !== 'word' || a.key === b.key);
}

/** A unit said without a number ("на час", "на неделю", "полчаса"): how many of it. */
export function bareUnitAmount(word: string): { amount: number; sense: UnitSense } | null {
  const half = HALF_UNITS.get(word);
  if (half) return { amount: 0.5, sense: unitSense(half) };
  const sense = unitSense(word);
  return sense.kind === 'duration' ? { amount: 1, sense } : null;
}
