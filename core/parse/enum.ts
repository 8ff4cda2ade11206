import type { EnumOption } from '../config/bot-config.ts';
import { findKeyword, type KeywordHit } from '../text/keywords.ts';
import { wordTokens } from '../text/tokens.ts';
import type { Extracted } from './types.ts';

function labelsOf(option: EnumOption): { value: string; labels: string[] } {
  if (typeof option === 'string') return { value: option, labels: [option] };
  return { value: option.value, labels: [option.value, ...(option.synonyms ?? [])] };
}

type Scored = Extracted<string> & { score: number };

function better(hit: KeywordHit, score: number, best: Scored | null): boolean {
  return !best || score > best.score || (score === best.score && hit.start < best.start);
}

/**
 * The enum option the caller named, by its value or any synonym (single words or phrases), with the same
 * morphology- and typo-tolerant matching as trigger keywords. The best-scoring option wins (phrases over
 * single words, exact over fuzzy, then the earliest mention); the span covers the words that matched.
 * A negated mention ("не срочно", "не к хирургу") never chooses its option; when an enum has exactly two
 * options and only one of them is mentioned, negated, the other one is meant ("не срочно" → "позже").
 * @example matchEnumOption('хочу удалить зуб', [{ value: 'хирург', synonyms: ['удаление', 'удалить'] }])
 *   // { value: 'хирург', start: 5, end: 12 }
 */
export function matchEnumOption(text: string, options: readonly EnumOption[]): Extracted<string> | null {
  const m = scoreEnumOption(text, options);
  return m && { value: m.value, start: m.start, end: m.end };
}

/**
 * {@link matchEnumOption} with how well the option matched (content words × match quality), to let two enum fields
 * that both match one word decide which of them the caller meant. `leads`: words after which a one- or two-letter
 * option stands as itself ("категорию би").
 */
export function scoreEnumOption(
  text: string,
  options: readonly EnumOption[],
  leads?: ReadonlySet<string>,
): (Extracted<string> & { score: number }) | null {
  const tokens = wordTokens(text);
  if (tokens.length === 0) return null;
  let best: Scored | null = null;
  let refused: Scored | null = null;
  for (const option of options) {
    const { value, labels } = labelsOf(option);
    for (const label of labels) {
      const hit = findKeyword(tokens, label, text, leads);
      if (!hit) continue;
      // The option's own name beats a synonym on a tie ("скорее всего позже" → "позже").
      const score = hit.quality * hit.words + (label === value ? 0.01 : 0);
      if (hit.negated) {
        if (better(hit, score, refused)) refused = { value, start: hit.start, end: hit.end, score };
      } else if (better(hit, score, best)) {
        best = { value, start: hit.start, end: hit.end, score };
      }
    }
  }
  if (best) return best;
  if (!refused || options.length !== 2) return null;
  const other = options.map((o) => labelsOf(o).value).find((v) => v !== refused.value);
  return other === undefined ? null : { value: other, start: refused.start, end: refused.end, score: refused.score };
}
