import { wordTokens } from './tokens.ts';

/**
 * Other ways callers say a common trigger phrase, beyond what morphology and typo tolerance reach:
 * "почём" or "какая цена" mean "сколько стоит". Keys and alternatives are normalized (lower case, `е` for `ё`).
 * A match through an alternative counts as the keyword itself (same value, same weight).
 */
const ALIASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['сколько стоит', ['почем', 'какая цена', 'какие цены', 'какая стоимость', 'по цене', 'по стоимости']],
  ['почем', ['сколько стоит', 'какая цена', 'какие цены']],
  ['цена', ['почем']],
  ['стоимость', ['почем']],
]);

// A latin letter as callers say it ("категория B" said "бэ", "би", written "б" by speech-to-text).
const LETTERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['а']], ['b', ['б', 'бэ', 'би']], ['c', ['ц', 'цэ', 'си']], ['d', ['д', 'дэ', 'ди']], ['e', ['е', 'э']],
  ['m', ['м', 'эм']], ['s', ['эс']], ['x', ['икс']], ['l', ['эль', 'л']],
]);

const NONE: readonly string[] = [];

/** Alternative phrasings of a keyword ([] for most keywords). */
export function keywordAliases(keyword: string): readonly string[] {
  const key = wordTokens(keyword).map((t) => t.text).join(' ');
  return ALIASES.get(key) ?? LETTERS.get(key) ?? NONE;
}
