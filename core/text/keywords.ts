import type { Extracted } from '../parse/types.ts';
import { commonPrefix, damerau } from './distance.ts';
import { keywordAliases } from './keyword-aliases.ts';
import { isNegated, standsAsAbbreviation } from './keyword-context.ts';
import { canonicalStem } from './lemma.ts';
import { NUMBER_WORDS } from './numbers.ts';
import { stemWord } from './stem.ts';
import { wordTokens, type Token } from './tokens.ts';


/** How well a text word matches a keyword word. */
export const MATCH_QUALITY = { exact: 1, stem: 1, prefix: 0.9, typo: 0.75, typoPrefix: 0.7 } as const;

// Prepositions may be left out by the caller: "этом месяце" still matches "в этом месяце".
const OPTIONAL_WORDS = new Set(['в', 'во', 'на', 'к', 'ко', 'с', 'со', 'по', 'за', 'у', 'о', 'об', 'для', 'до', 'из', 'от']);
// Short function words whose stems collide with content words ("сто" ~ "стоит", "при" ~ "приём").
const EXACT_ONLY = new Set([
  'при', 'про', 'под', 'над', 'без', 'для', 'что', 'как', 'так', 'там', 'тут', 'где', 'кто', 'чем', 'его', 'ее',
  'их', 'мне', 'мой', 'моя', 'мое', 'мои', 'вас', 'вам', 'нас', 'нам', 'они', 'она', 'оно', 'все', 'всё', 'уже',
  'еще', 'был', 'была', 'было', 'были', 'более', 'этот', 'эта', 'это', 'эти', 'тот', 'та', 'те', 'то', 'ли', 'же',
  'бы', 'не', 'ни', 'да', 'нет', 'или', 'но', 'а', 'и', 'почему', 'зачем', 'когда', 'куда', 'откуда', 'тогда', 'потом',
]);

// Russian root consonant alternations (пиСать/пиШу, хоТеть/хоЧу), folded for prefix comparison only.
const FOLD: Record<string, string> = { ш: 'с', ж: 'з', ч: 'т', щ: 'с' };
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 50_000;
function fold(s: string): string {
  let f = foldCache.get(s);
  if (f === undefined) {
    f = /[шжчщ]/.test(s) ? s.replace(/[шжчщ]/g, (c) => FOLD[c]!) : s;
    if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(s, f);
  }
  return f;
}

/** Shared prefix of at least `min` letters and 70% of the shorter string. */
function prefixRule(a: string, b: string, min: number): boolean {
  const p = commonPrefix(a, b);
  return p >= min && p >= 0.7 * Math.min(a.length, b.length);
}

/**
 * How well one (normalized, lower case) text word matches one keyword word: 0 = no match,
 * 1 = same word or same stem, less for a shared root prefix or a likely typo (see MATCH_QUALITY).
 * @example wordSimilarity('запишите', 'записаться') // 0.9 (stems "запиш" / "записа", ш~с)
 */
export function wordSimilarity(word: string, kw: string): number {
  if (word === kw) return MATCH_QUALITY.exact;
  if (word.length < 3 || kw.length < 3 || EXACT_ONLY.has(word) || EXACT_ONLY.has(kw)) return 0;
  if (NUMBER_WORDS.has(word) || NUMBER_WORDS.has(kw)) return 0;
  const sw = stemWord(word);
  const sk = stemWord(kw);
  if (sw === sk && (sw.length >= 4 || Math.abs(word.length - kw.length) <= 2)) return MATCH_QUALITY.stem;
  // Fleeting vowels, young-animal plurals and suppletive plurals: "щенка" ~ "щенок", "котята" ~ "котёнок", "детей" ~ "ребёнок".
  if (sw !== sk && canonicalStem(word) === canonicalStem(kw)) return MATCH_QUALITY.stem;
  const fw = fold(word);
  const fk = fold(kw);
  const fsw = fold(sw);
  const fsk = fold(sk);
  // Whole words need 5 shared letters ("стоит" must not reach "стоимость"), stems 4 ("удалить" ~ "удаление").
  if (prefixRule(fw, fk, 5) || prefixRule(fsw, fsk, 4)) return MATCH_QUALITY.prefix;
  if (word[0] !== kw[0]) return 0;
  const shorter = Math.min(word.length, kw.length);
  if (shorter >= 5 && damerau(word, kw, 2) <= (shorter >= 9 ? 2 : 1)) return MATCH_QUALITY.typo;
  const n = Math.min(fsw.length, fsk.length);
  if (n >= 5 && n >= 0.7 * Math.max(fsw.length, fsk.length) && damerau(fsw.slice(0, n), fsk.slice(0, n), 1) <= 1) {
    return MATCH_QUALITY.typoPrefix;
  }
  return 0;
}

interface KeywordInfo {
  /** Content words; `negated` when the keyword itself says "не" before the word ("не спешу"). */
  required: { word: string; negated: boolean }[];
  /** A keyword of one short word ("ТО"): it must stand as an abbreviation. */
  abbreviation: boolean;
  optional: string[];
  /** Content words including a keyword's own "не": the weight of a hit. */
  weight: number;
  aliases: readonly string[];
}
const infoCache = new Map<string, KeywordInfo>();

function keywordInfo(keyword: string): KeywordInfo {
  let info = infoCache.get(keyword);
  if (info) return info;
  const words = wordTokens(keyword).map((t) => t.text);
  const content = words.filter((w) => !OPTIONAL_WORDS.has(w));
  const base = content.length > 0 ? content : words;
  const required: KeywordInfo['required'] = [];
  let negate = false;
  for (const word of base) {
    if (word === 'не' && base.length > 1) negate = true;
    else {
      required.push({ word, negated: negate });
      negate = false;
    }
  }
  info = {
    required,
    abbreviation: required.length === 1 && required[0]!.word.length <= 2,
    optional: content.length > 0 ? words.filter((w) => OPTIONAL_WORDS.has(w)) : [],
    weight: base.length,
    aliases: keywordAliases(keyword),
  };
  if (infoCache.size < 2000) infoCache.set(keyword, info);
  return info;
}

/** A keyword found in tokenized text: mean word quality, span and number of content words. */
export interface KeywordHit {
  quality: number;
  words: number;
  start: number;
  end: number;
  /** The caller negated it ("не хочу записываться", "не срочно"): a mention, not a choice. */
  negated?: boolean;
}

function findOne(tokens: readonly Token[], info: KeywordInfo, weight: number, text: string | undefined, leads?: ReadonlySet<string>): KeywordHit | null {
  const { required, optional, abbreviation } = info;
  if (required.length === 0) return null;
  const used = new Set<number>();
  let sum = 0;
  let start = Infinity;
  let end = -1;
  let negatedHit = false;
  for (const { word: kw, negated } of required) {
    let best = 0;
    let bestIdx = -1;
    // A match whose negation differs from the keyword's: used only when nothing else matches.
    let fallback = 0;
    let fallbackIdx = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (used.has(i)) continue;
      const q = wordSimilarity(tokens[i]!.text, kw);
      if (q <= best && q <= fallback) continue;
      if (q === 0 || (abbreviation && !standsAsAbbreviation(tokens, i, text, leads))) continue;
      if (isNegated(tokens, i, text) !== negated) {
        if (q > fallback) [fallback, fallbackIdx] = [q, i];
        continue;
      }
      if (q > best) {
        best = q;
        bestIdx = i;
        if (q === 1) break;
      }
    }
    if (bestIdx < 0) {
      // A keyword that itself says "не" is simply not there; otherwise it was said negated.
      if (fallbackIdx < 0 || negated) return null;
      [best, bestIdx, negatedHit] = [fallback, fallbackIdx, true];
    }
    used.add(bestIdx);
    sum += best;
    start = Math.min(start, tokens[bestIdx]!.start);
    end = Math.max(end, tokens[bestIdx]!.end);
  }
  // Take in a word standing right before the match: the keyword's preposition ("в этом месяце"), the "не" it says.
  const firstIdx = tokens.findIndex((t) => t.start === start);
  const before = tokens[firstIdx - 1];
  if (before && (optional.includes(before.text) || (before.text === 'не' && required[0]?.negated))) start = before.start;
  const hit: KeywordHit = { quality: sum / required.length, words: weight, start, end };
  if (negatedHit) hit.negated = true;
  return hit;
}

/**
 * Finds `keyword` (or one of its alternative phrasings, see keyword-aliases.ts) in already tokenized text;
 * every content word of it must occur, in any order. A keyword of one word of one or two letters ("ТО") matches
 * only as an abbreviation (see `standsAsAbbreviation`; `leads` are more words it may follow). A keyword the caller negated ("не хочу записываться") comes back
 * with `negated: true`. Pass the original `text` so that capitals and punctuation can be seen.
 */
export function findKeyword(tokens: readonly Token[], keyword: string, text?: string, leads?: ReadonlySet<string>): KeywordHit | null {
  const info = keywordInfo(keyword);
  let hit = findOne(tokens, info, info.weight, text, leads);
  if (hit && !hit.negated) return hit;
  for (const alias of info.aliases) {
    const alt = findOne(tokens, keywordInfo(alias), info.weight, text, leads);
    if (alt && (!hit || (hit.negated && !alt.negated))) hit = alt;
    if (hit && !hit.negated) break;
  }
  return hit;
}

/**
 * Does `text` contain the trigger keyword (single word or phrase), robust to morphology, word order and typos?
 * Every content word of a phrase must occur; prepositions of the phrase are optional.
 * @example matchKeyword('запешите меня на завтра', 'записаться') // { value: 'записаться', start: 0, end: 8 }
 */
export function matchKeyword(text: string, keyword: string): Extracted<string> | null {
  const hit = findKeyword(wordTokens(text), keyword, text);
  return hit && !hit.negated ? { value: keyword, start: hit.start, end: hit.end } : null;
}

/** Result of `scoreKeywords`. */
export interface KeywordScore {
  score: number;
  matches: Extracted<string>[];
  /** Keywords the caller said negated ("не хочу записываться"); they add nothing to the score. */
  negated?: Extracted<string>[];
}

/**
 * Score of a text against a scenario's keywords: sum over matched keywords of quality × number of
 * content words (0 = none). Phrases therefore outweigh single words, exact hits outweigh typos;
 * negated mentions do not count and are listed apart.
 */
export function scoreKeywords(text: string, keywords: readonly string[]): KeywordScore {
  const tokens = wordTokens(text);
  let score = 0;
  const matches: Extracted<string>[] = [];
  let negated: Extracted<string>[] | undefined;
  for (const keyword of keywords) {
    const hit = findKeyword(tokens, keyword, text);
    if (!hit) continue;
    const found = { value: keyword, start: hit.start, end: hit.end };
    if (hit.negated) {
      (negated ??= []).push(found);
      continue;
    }
    score += hit.quality * hit.words;
    matches.push(found);
  }
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  return negated ? { score, matches, negated } : { score, matches };
}
