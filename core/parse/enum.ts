import type { EnumOption } from '../config/bot-config.ts';
import { findKeyword } from '../text/keywords.ts';
import { wordTokens } from '../text/tokens.ts';
import type { Extracted } from './types.ts';

function labelsOf(option: EnumOption): { value: string; labels: string[] } {
  if (typeof option === 'string') return { value: option, labels: [option] };
  return { value: option.value, labels: [option.value, ...(option.synonyms ?? [])] };
}

/**
 * The enum option the caller named, by its value or any synonym (single words or phrases), with the same
 * morphology- and typo-tolerant matching as trigger keywords. The best-scoring option wins (phrases over
 * single words, exact over fuzzy, then the earliest mention); the span covers the words that matched.
 * @example matchEnumOption('хочу удалить зуб', [{ value: 'хирург', synonyms: ['удаление', 'удалить'] }])
 *   // { value: 'хирург', start: 5, end: 12 }
 */
export function matchEnumOption(text: string, options: readonly EnumOption[]): Extracted<string> | null {
  const tokens = wordTokens(text);
  if (tokens.length === 0) return null;
  let best: (Extracted<string> & { score: number }) | null = null;
  for (const option of options) {
    const { value, labels } = labelsOf(option);
    for (const label of labels) {
      const hit = findKeyword(tokens, label);
      if (!hit) continue;
      // The option's own name beats a synonym on a tie ("скорее всего позже" → "позже").
      const score = hit.quality * hit.words + (label === value ? 0.01 : 0);
      if (!best || score > best.score || (score === best.score && hit.start < best.start)) {
        best = { value, start: hit.start, end: hit.end, score };
      }
    }
  }
  return best ? { value: best.value, start: best.start, end: best.end } : null;
}
