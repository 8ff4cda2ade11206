import type { Case } from './numbers.ts';

const GENITIVE = new Set(['с', 'со', 'до', 'от', 'после', 'около', 'из', 'более', 'менее', 'свыше', 'кроме', 'для', 'без', 'больше', 'меньше', 'дороже', 'дешевле', 'начиная', 'стоимостью']);
const ACCUSATIVE = new Set(['в', 'во', 'на', 'за', 'про', 'через', 'стоит', 'стоят', 'стоила', 'стоил', 'стоило', 'обойдётся', 'обойдется', 'заплатить', 'оплатить', 'доплатить', 'доплата', 'плюс']);
const DATIVE = new Set(['к', 'ко', 'по']);
const PREPOSITIONAL = new Set(['о', 'об', 'при']);

/** The word right before `index` in `text`, lower-cased ('' at the start or after a sentence end). */
export function wordBefore(text: string, index: number): string {
  const m = /(\p{L}+)[\s\u00a0]*$/u.exec(text.slice(Math.max(0, index - 40), index));
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * The case a number takes after the word before it: "с/до/от 9" genitive, "в/на/за/стоит 15" accusative,
 * "к 15" dative, "о/при" prepositional; anything else nominative.
 */
export function caseAfter(word: string): Case {
  if (GENITIVE.has(word)) return 'gen';
  if (ACCUSATIVE.has(word)) return 'acc';
  if (DATIVE.has(word)) return 'dat';
  if (PREPOSITIONAL.has(word)) return 'pre';
  return 'nom';
}

/** A Cyrillic-aware word boundary before a match (JS `\b` knows only Latin letters). */
export const NOT_AFTER_LETTER = '(?<![\\p{L}\\d])';
export const NOT_BEFORE_LETTER = '(?![\\p{L}\\d])';
