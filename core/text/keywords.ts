import type { Extracted } from '../parse/types.ts';
import { commonPrefix, damerau } from './distance.ts';
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
function fold(s: string): string {
  return s.replace(/[шжчщ]/g, (c) => FOLD[c]!);
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
  required: string[];
  optional: string[];
}
const infoCache = new Map<string, KeywordInfo>();

function keywordInfo(keyword: string): KeywordInfo {
  let info = infoCache.get(keyword);
  if (info) return info;
  const words = wordTokens(keyword).map((t) => t.text);
  const content = words.filter((w) => !OPTIONAL_WORDS.has(w));
  info = content.length > 0 ? { required: content, optional: words.filter((w) => OPTIONAL_WORDS.has(w)) } : { required: words, optional: [] };
  if (infoCache.size < 2000) infoCache.set(keyword, info);
  return info;
}

/** A keyword found in tokenized text: mean word quality, span and number of content words. */
export interface KeywordHit {
  quality: number;
  words: number;
  start: number;
  end: number;
}

/** Finds `keyword` in already tokenized text; every content word of it must occur, in any order. */
export function findKeyword(tokens: readonly Token[], keyword: string): KeywordHit | null {
  const { required, optional } = keywordInfo(keyword);
  if (required.length === 0) return null;
  const used = new Set<number>();
  let sum = 0;
  let start = Infinity;
  let end = -1;
  for (const kw of required) {
    let best = 0;
    let bestIdx = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (used.has(i)) continue;
      const q = wordSimilarity(tokens[i]!.text, kw);
      if (q > best) {
        best = q;
        bestIdx = i;
        if (q === 1) break;
      }
    }
    if (bestIdx < 0) return null;
    used.add(bestIdx);
    sum += best;
    start = Math.min(start, tokens[bestIdx]!.start);
    end = Math.max(end, tokens[bestIdx]!.end);
  }
  // Take in a preposition of the keyword standing right before the match ("в этом месяце").
  const firstIdx = tokens.findIndex((t) => t.start === start);
  const before = tokens[firstIdx - 1];
  if (before && optional.includes(before.text)) start = before.start;
  return { quality: sum / required.length, words: required.length, start, end };
}

/**
 * Does `text` contain the trigger keyword (single word or phrase), robust to morphology, word order and typos?
 * Every content word of a phrase must occur; prepositions of the phrase are optional.
 * @example matchKeyword('запешите меня на завтра', 'записаться') // { value: 'записаться', start: 0, end: 8 }
 */
export function matchKeyword(text: string, keyword: string): Extracted<string> | null {
  const hit = findKeyword(wordTokens(text), keyword);
  return hit ? { value: keyword, start: hit.start, end: hit.end } : null;
}

/**
 * Score of a text against a scenario's keywords: sum over matched keywords of quality × number of
 * content words (0 = none). Phrases therefore outweigh single words, exact hits outweigh typos.
 */
export function scoreKeywords(text: string, keywords: readonly string[]): { score: number; matches: Extracted<string>[] } {
  const tokens = wordTokens(text);
  let score = 0;
  const matches: Extracted<string>[] = [];
  for (const keyword of keywords) {
    const hit = findKeyword(tokens, keyword);
    if (!hit) continue;
    score += hit.quality * hit.words;
    matches.push({ value: keyword, start: hit.start, end: hit.end });
  }
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  return { score, matches };
}
