import snowball from 'snowball-stemmers';
import { tokenize } from './normalize.ts';

const russian = snowball.newStemmer('russian');
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/**
 * Snowball (Porter) stem of one normalized Russian word; latin words and numbers pass through.
 * @example stemWord('стрижку') === stemWord('стрижка') // 'стрижк'
 */
export function stemWord(word: string): string {
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = /[а-я]/.test(word) ? russian.stem(word) : word;
    if (cache.size < CACHE_LIMIT) cache.set(word, stem);
  }
  return stem;
}

/** Stems of every word of a text, in order. */
export function stemText(text: string): string[] {
  return tokenize(text).map(stemWord);
}
