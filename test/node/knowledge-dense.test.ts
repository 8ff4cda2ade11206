import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbeddingError, OllamaEmbedder } from '../../workers/knowledge/embed/ollama.ts';
import { QdrantIndex } from '../../workers/knowledge/index/qdrant.ts';
import type { VectorPoint } from '../../workers/knowledge/index/vector-index.ts';
import { startOllamaEmbedServer, trigramVector } from '../support/servers/ollama-embed-server.ts';
import { startQdrantServer } from '../support/servers/qdrant-server.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const TEXTS = [
  'Стрижка женская: 1500 руб.',
  'Стрижка мужская: 900 руб.',
  'Окрашивание в один тон: 3500 руб.',
  'Маникюр классический: 1200 руб.',
  'Мы работаем ежедневно с 9:00 до 21:00.',
];

describe('OllamaEmbedder against a local /api/embed server', () => {
  it('embeds in batches with the configured model, keeping order', async () => {
    const srv = await startOllamaEmbedServer({ models: ['bge-m3'] });
    closers.push(srv.close);
    const vectors = await new OllamaEmbedder({ baseUrl: `${srv.url}/`, batchSize: 2 }).embed(TEXTS);
    expect(vectors).toEqual(TEXTS.map((t) => trigramVector(t)));
    expect(srv.requests.map((r) => r.input)).toEqual([TEXTS.slice(0, 2), TEXTS.slice(2, 4), TEXTS.slice(4)]);
    expect(srv.requests.every((r) => r.model === 'bge-m3' && r.truncate === true)).toBe(true);
  });

  it('reports a missing model, a server error and a short answer as retryable EmbeddingError', async () => {
    const missing = await startOllamaEmbedServer({ models: ['nomic-embed-text'] });
    const broken = await startOllamaEmbedServer({ failWith: { status: 500, error: 'CUDA out of memory' } });
    const short = await startOllamaEmbedServer({ dropOne: true });
    closers.push(missing.close, broken.close, short.close);
    await expect(new OllamaEmbedder({ baseUrl: missing.url }).embed(TEXTS)).rejects.toThrow(/404: model "bge-m3" not found/);
    await expect(new OllamaEmbedder({ baseUrl: broken.url }).embed(TEXTS)).rejects.toThrow(/500: CUDA out of memory/);
    const err = await new OllamaEmbedder({ baseUrl: short.url }).embed(TEXTS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    expect((err as EmbeddingError).retryable).toBe(true);
    await expect(new OllamaEmbedder({ baseUrl: 'http://127.0.0.1:9' }).embed(['тест'])).rejects.toThrow(/unreachable/);
  });
});

function points(botId: string, docId: string, texts: string[]): VectorPoint[] {
  return texts.map((t, ord) => ({
    id: `00000000-0000-8000-8000-${botId.slice(-4)}${docId.slice(-4)}${String(ord).padStart(4, '0')}`,
    vector: trigramVector(t),
    payload: { bot_id: botId, doc_id: docId, company_id: 'cmp_1', ord, source: 'прайс.csv', page: null, section: 'Волосы' },
  }));
}

describe('QdrantIndex against a local Qdrant REST server', () => {
  it('creates the collection and payload indexes on first upsert, with the api-key', async () => {
    const srv = await startQdrantServer({ apiKey: 'secret-key' });
    closers.push(srv.close);
    // The official client warns about a key over plain http: expected against a local test server.
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const index = new QdrantIndex({ url: srv.url, apiKey: 'secret-key', collection: 'kb_test' });
    await index.upsert(points('bot_aaaa', 'doc_0001', TEXTS));
    expect(warned).toHaveBeenCalledExactlyOnceWith('Api key is used with unsecure connection.');
    warned.mockRestore();
    const col = srv.collections.get('kb_test')!;
    expect(col).toMatchObject({ size: 16, distance: 'Cosine' });
    expect(Object.fromEntries(col.payloadIndexes)).toEqual({ bot_id: 'keyword', doc_id: 'keyword' });
    expect(col.points.size).toBe(TEXTS.length);
    expect(srv.requests.every((r) => r.apiKey === 'secret-key')).toBe(true);
    const upserts = srv.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/points'));
    expect(upserts.every((r) => r.query.includes('wait=true'))).toBe(true);
  });

  it('overwrites points with the same ids (a retried ingest does not duplicate)', async () => {
    const srv = await startQdrantServer();
    closers.push(srv.close);
    const index = new QdrantIndex({ url: srv.url, collection: 'kb_test', batchSize: 2 });
    await index.upsert(points('bot_aaaa', 'doc_0001', TEXTS));
    await index.upsert(points('bot_aaaa', 'doc_0001', TEXTS));
    expect(srv.collections.get('kb_test')!.points.size).toBe(TEXTS.length);
    expect(srv.requests.filter((r) => r.path === '/collections/kb_test' && r.method === 'PUT')).toHaveLength(1);
  });

  it('queries only the given bot, nearest first, and deletes by doc and by bot', async () => {
    const srv = await startQdrantServer();
    closers.push(srv.close);
    const index = new QdrantIndex({ url: srv.url, collection: 'kb_test' });
    expect(await index.query('bot_aaaa', trigramVector('стрижка'), 3)).toEqual([]); // no collection yet
    const a1 = points('bot_aaaa', 'doc_0001', TEXTS.slice(0, 3));
    const a2 = points('bot_aaaa', 'doc_0002', TEXTS.slice(3));
    const b1 = points('bot_bbbb', 'doc_0003', TEXTS);
    await index.upsert([...a1, ...a2, ...b1]);

    const hits = await index.query('bot_aaaa', trigramVector('Стрижка женская: 1500 руб.'), 3);
    expect(hits[0]!.id).toBe(a1[0]!.id);
    expect(hits).toHaveLength(3);
    const aIds = new Set([...a1, ...a2].map((p) => p.id));
    expect(hits.every((h) => aIds.has(h.id))).toBe(true);
    const query = srv.requests.find((r) => r.path.endsWith('/points/query'))!;
    expect(query.body).toMatchObject({ filter: { must: [{ key: 'bot_id', match: { value: 'bot_aaaa' } }] }, limit: 3, with_payload: false });

    await index.deleteDoc('bot_aaaa', 'doc_0001');
    expect((await index.query('bot_aaaa', trigramVector('стрижка'), 10)).map((h) => h.id).sort()).toEqual(a2.map((p) => p.id).sort());
    await index.deleteBot('bot_aaaa');
    expect(await index.query('bot_aaaa', trigramVector('стрижка'), 10)).toEqual([]);
    expect(await index.query('bot_bbbb', trigramVector('стрижка'), 10)).toHaveLength(TEXTS.length);
  });
});
