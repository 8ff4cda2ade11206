const encoder = new TextEncoder();

/**
 * Deterministic UUID (version-8 layout, SHA-256 based) of a document's chunk: the D1 chunk id and the Qdrant
 * point id, so re-indexing after a retry overwrites instead of duplicating. WebCrypto only (Workers and Node).
 * @example await chunkId('doc_m3k2a9x1Qw8ZpLr2', 0) // 'c1d3…-…' (same every time)
 */
export async function chunkId(docId: string, ord: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${docId}#${ord}`)));
  const b = digest.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
