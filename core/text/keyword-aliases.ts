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

const NONE: readonly string[] = [];

/** Alternative phrasings of a keyword ([] for most keywords). */
export function keywordAliases(keyword: string): readonly string[] {
  return ALIASES.get(wordTokens(keyword).map((t) => t.text).join(' ')) ?? NONE;
}
