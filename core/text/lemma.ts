import { stemWord } from './stem.ts';

/**
 * Stems whose other forms share no stem at all (suppletive plurals): "ребёнок" / "дети", "человек" / "люди";
 * and short stems whose fleeting vowel the rule does not reach. Keys are Snowball stems of the normalized forms.
 */
const SUPPLETIVE: ReadonlyMap<string, string> = new Map([
  ['ребенок', 'дет'],
  ['ребенк', 'дет'],
  ['ребят', 'дет'],
  ['дет', 'дет'],
  ['человек', 'люд'],
  ['люд', 'люд'],
  // Short stems with a fleeting vowel, too short for the rule: пёс/пса, день/дня, сон/сна, рот/рта, лев/льва.
  ['пес', 'пс'],
  ['пс', 'пс'],
  ['ден', 'дн'],
  ['дня', 'дн'],
  ['дн', 'дн'],
  ['сон', 'сн'],
  ['сн', 'сн'],
  ['сна', 'сн'],
  ['рот', 'рт'],
  ['рт', 'рт'],
  ['рта', 'рт'],
  ['лев', 'льв'],
  ['льв', 'льв'],
]);

const VOWELS = 'аеёиоуыэюя';
// Young animals: "котята", "котят", "щенята" — the plural of "-ёнок"/"-ок" nouns.
const YOUNG_PLURAL = /^(\p{L}{2,}?)ят(?:а|ам|ами|ах)?$/u;
// A fleeting vowel before the last consonant of a stem: "щенок"/"щенка", "отец"/"отца", "ковёр"/"ковра".
const FLEETING = /^(\p{L}*[^аеёиоуыэюя\P{L}])[оеё]([кцнлрвт])$/u;

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/**
 * A key shared by the forms of one Russian noun that Snowball stems differently: fleeting vowels
 * (щенок/щенка → "щенк"), young-animal plurals (котёнок/котята → "котенк", щенок/щенята → "щенк") and a small
 * table of suppletive plurals (ребёнок/детей → "дет"). Other words get their plain stem. Input is a normalized word.
 * @example canonicalStem('щенка') === canonicalStem('щенок') // true
 */
export function canonicalStem(word: string): string {
  let key = cache.get(word);
  if (key !== undefined) return key;
  key = computeKey(word);
  if (cache.size < CACHE_LIMIT) cache.set(word, key);
  return key;
}

/** Forms too short for the stemmer to touch ("пса", "псом" stay as they are). */
const SHORT_FORMS: ReadonlyMap<string, string> = new Map(
  ['пса', 'псу', 'псом', 'псе', 'псы', 'псов', 'псам', 'псами', 'псах'].map((w) => [w, 'пс']),
);

function computeKey(word: string): string {
  const short = SHORT_FORMS.get(word);
  if (short) return short;
  const stem = stemWord(word);
  const suppletive = SUPPLETIVE.get(stem);
  if (suppletive) return suppletive;
  const young = word.length >= 5 ? YOUNG_PLURAL.exec(word) : null;
  if (young?.[1] && !VOWELS.includes(young[1].at(-1)!)) {
    const base = young[1];
    return base.endsWith('н') ? `${base}к` : `${base}енк`;
  }
  const fleeting = stem.length >= 4 ? FLEETING.exec(stem) : null;
  return fleeting ? `${fleeting[1]}${fleeting[2]}` : stem;
}
