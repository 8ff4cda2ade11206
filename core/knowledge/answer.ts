import { indexText, questionConcepts } from './query.ts';
import { splitSentences } from './split.ts';

/**
 * Extractive answer: the sentences (or `key: value` lines) of the best chunk that cover most of what the
 * question asks about — its topical words or their synonyms, as the knowledge index understands them —
 * in their original order. Null when no sentence covers at least `minCoverage` of the question, so the
 * engine says it has no information rather than reading out something unrelated. Used by the agent-host
 * when no LLM answers, and by the panel's text chat in the Worker.
 * @example extractiveAnswer('Сколько стоит маникюр?', ['Маникюр с покрытием стоит 1500 рублей. Педикюр — 2000 рублей.'])
 *   // 'Маникюр с покрытием стоит 1500 рублей.'
 */
export function extractiveAnswer(
  question: string,
  chunkTexts: readonly string[],
  maxSentences = 2,
  minCoverage = 0.4,
): string | null {
  const concepts = questionConcepts(question);
  const best = chunkTexts[0];
  if (!best || !concepts.length) return null;
  const scored = splitSentences(best).map((s, i) => {
    const words = new Set(indexText(s).split(' '));
    const hits = concepts.filter((group) => group.some((w) => words.has(w))).length;
    return { s, i, hits };
  });
  const top = Math.max(0, ...scored.map((x) => x.hits));
  // Too little of the question found in one sentence: reading it out would likely answer something else.
  if (top / concepts.length < minCoverage) return null;
  // A second sentence only if it is nearly as relevant: "стоит" alone must not drag in every price.
  const picked = scored
    .filter((x) => x.hits > 0 && x.hits >= top * 0.75)
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, maxSentences)
    .sort((a, b) => a.i - b.i);
  if (!picked.length) return null;
  return picked.map((x) => (/[.!?…]$/.test(x.s) ? x.s : `${x.s}.`)).join(' ');
}
