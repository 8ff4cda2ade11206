/** The constant of reciprocal rank fusion (Cormack et al.): damps the weight of the very first ranks. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion of ranked id lists: score(id) = Σ 1 / (k + rank), rank 1-based in each list where it
 * appears. Returns ids by fused score, best first (ties keep first-seen order).
 * @example fuseRanks([['a', 'b'], ['b', 'c']]) // [{ id: 'b', … }, { id: 'a', … }, { id: 'c', … }]
 */
export function fuseRanks(lists: readonly (readonly string[])[], k = RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
