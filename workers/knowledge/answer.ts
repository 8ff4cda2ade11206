import { indexText, questionConcepts } from '../../core/knowledge/query.ts';

const SENTENCE = /[^.!?…\n]+[.!?…]*/g;

/**
 * A short answer read from the best chunk found for a question: the one or two sentences (or `key: value` lines)
 * that cover most of what the question asks about, in their order; null when none covers at least 40% of it, so
 * the engine says it has no information rather than reading out something unrelated. (The agent-host answers calls
 * the same way when no LLM is configured; the panel's text chat uses this one.)
 * @example extractAnswer('сколько стоит маникюр', ['Маникюр с покрытием — 1500 рублей. Педикюр — 2000 рублей.'])
 *   // 'Маникюр с покрытием — 1500 рублей.'
 */
export function extractAnswer(question: string, chunks: readonly string[], maxSentences = 2): string | null {
  const concepts = questionConcepts(question);
  const best = chunks[0];
  if (!best || !concepts.length) return null;
  const scored = (best.match(SENTENCE) ?? []).map((raw, i) => {
    const s = raw.trim();
    const words = new Set(indexText(s).split(' '));
    return { s, i, hits: concepts.filter((group) => group.some((w) => words.has(w))).length };
  });
  const top = Math.max(0, ...scored.map((x) => x.hits));
  if (top / concepts.length < 0.4) return null;
  const picked = scored
    .filter((x) => x.s && x.hits >= top * 0.75)
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, maxSentences)
    .sort((a, b) => a.i - b.i);
  return picked.map((x) => (/[.!?…]$/.test(x.s) ? x.s : `${x.s}.`)).join(' ') || null;
}
