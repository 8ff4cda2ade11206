import { api, type ApiResponse } from './support.ts';
import type { ChunkHit } from '../../workers/knowledge/index/bm25.ts';

/** Bytes of a base64 fixture (binary fixtures are stored as .b64 and imported with `?raw`). */
export function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
}

/** POST a file as multipart field `file`. */
export function uploadFile(key: string, botId: string, name: string, bytes: Uint8Array | string, type = ''): Promise<ApiResponse> {
  const form = new FormData();
  form.append('file', new File([bytes], name, { type }));
  return api('POST', `/bots/${botId}/knowledge`, { key, body: form });
}

/** Poll a doc until the (real) ingest queue consumer has finished with it. */
export async function waitForDoc(key: string, botId: string, docId: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api('GET', `/bots/${botId}/knowledge/${docId}`, { key });
    if (res.status !== 200) throw new Error(`GET doc: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status === 'ready' || res.body.status === 'failed') return res.body;
    if (Date.now() > deadline) throw new Error(`doc ${docId} still ${res.body.status}: ${res.body.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Upload and wait until indexed (or failed). */
export async function uploadAndIndex(key: string, botId: string, name: string, bytes: Uint8Array | string, type = '') {
  const res = await uploadFile(key, botId, name, bytes, type);
  if (res.status !== 202) throw new Error(`upload ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return waitForDoc(key, botId, res.body.id);
}

/** A search result, as the API returns it. */
export type Hit = ChunkHit;

/** GET /bots/{id}/knowledge/search → results (throws on a non-200). */
export async function search(key: string, botId: string, q: string, topK = 5): Promise<Hit[]> {
  const res = await api('GET', `/bots/${botId}/knowledge/search?${new URLSearchParams({ q, top_k: String(topK) })}`, { key });
  if (res.status !== 200) throw new Error(`search: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.results as Hit[];
}
