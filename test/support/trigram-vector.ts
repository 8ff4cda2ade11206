/**
 * Deterministic bag-of-character-trigrams vector: similar texts get similar vectors. A stand-in embedding
 * for tests of the dense retrieval path (no model needed); pure, so it runs in Node and in workerd.
 */
export function trigramVector(text: string, dims = 16): number[] {
  const v = new Array<number>(dims).fill(0);
  const t = ` ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= t.length; i++) {
    let h = 2166136261;
    for (const ch of t.slice(i, i + 3)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    v[(h >>> 0) % dims]! += 1;
  }
  return v;
}
