import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import csvB64 from '../fixtures/knowledge/price-list-cp1251.csv.b64?raw';
import { trigramVector } from '../support/trigram-vector.ts';
import { db, schema } from '../../workers/db/client.ts';
import type { IngestJob } from '../../workers/env.ts';
import { handleIngestBatch } from '../../workers/knowledge/consumer.ts';
import type { DenseRetrieval } from '../../workers/knowledge/dense.ts';
import type { VectorHit, VectorIndex, VectorPoint } from '../../workers/knowledge/index/vector-index.ts';
import { KnowledgeService } from '../../workers/knowledge/service.ts';
import { createCompanyWithBot } from './support.ts';
import { fromBase64 } from './knowledge-helpers.ts';

/** An in-process vector store with Qdrant's semantics (cosine, filter by bot_id, upsert by id). */
class MemoryIndex implements VectorIndex {
  readonly points = new Map<string, VectorPoint>();
  async upsert(points: readonly VectorPoint[]) {
    for (const p of points) this.points.set(p.id, p);
  }
  async query(botId: string, vector: readonly number[], limit: number): Promise<VectorHit[]> {
    const cos = (a: readonly number[], b: readonly number[]) => {
      const dot = a.reduce((s, x, i) => s + x * b[i]!, 0);
      return dot / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0) || 1);
    };
    return [...this.points.values()].filter((p) => p.payload.bot_id === botId)
      .map((p) => ({ id: p.id, score: cos(vector, p.vector) })).sort((a, b) => b.score - a.score).slice(0, limit);
  }
  async deleteDoc(botId: string, docId: string) {
    for (const [id, p] of this.points) if (p.payload.bot_id === botId && p.payload.doc_id === docId) this.points.delete(id);
  }
  async deleteBot(botId: string) {
    for (const [id, p] of this.points) if (p.payload.bot_id === botId) this.points.delete(id);
  }
}

const embedder = { model: 'trigram-16', embed: async (texts: readonly string[]) => texts.map((t) => trigramVector(t)) };

/** Store a CSV doc as an upload would and index it through the consumer with the given dense retrieval. */
async function indexPriceList(dense: DenseRetrieval) {
  const { company, bot } = await createCompanyWithBot();
  const docId = `doc_dense${crypto.randomUUID().slice(0, 8)}`;
  const bytes = fromBase64(csvB64);
  const r2Key = `knowledge/${company.id}/${bot.id}/${docId}`;
  await env.FILES.put(r2Key, bytes);
  await db(env.DB).insert(schema.knowledgeDocs).values({
    id: docId, companyId: company.id, botId: bot.id, filename: 'прайс.csv', contentType: 'text/csv', format: 'csv',
    sizeBytes: bytes.length, sha256: docId, r2Key, updatedAt: Date.now(),
  });
  const ingest = async () => {
    const batch = createMessageBatch<IngestJob>('voicebot-ingest', [{ id: `m-${docId}`, timestamp: new Date(), attempts: 1, body: { docId, botId: bot.id, companyId: company.id } }]);
    await handleIngestBatch(batch, env, { dense });
    return getQueueResult(batch, createExecutionContext());
  };
  expect((await ingest()).explicitAcks).toEqual([`m-${docId}`]);
  return { company, bot, docId, ingest };
}

describe('knowledge: dense retrieval (embeddings + vector index) fused with BM25', { timeout: 20_000 }, () => {
  it('upserts one point per chunk with the chunk id and bot/doc payload; a re-run overwrites', async () => {
    const index = new MemoryIndex();
    const { bot, docId, ingest } = await indexPriceList({ embedder, index });
    const chunkIds = (await env.DB.prepare('SELECT id FROM knowledge_chunks WHERE doc_id = ? ORDER BY ord').bind(docId).all<{ id: string }>()).results.map((r) => r.id);
    expect(chunkIds).toHaveLength(5);
    expect([...index.points.keys()].sort()).toEqual([...chunkIds].sort());
    const first = index.points.get(chunkIds[0]!)!;
    expect(first.payload).toMatchObject({ bot_id: bot.id, doc_id: docId, ord: 0, source: 'прайс.csv', section: 'Волосы', page: null });
    expect(first.vector).toEqual(trigramVector('Волосы\nУслуга: Стрижка женская\nКатегория: Волосы\nЦена: 1500 руб.\nДлительность: 60 мин'));

    // A retry of the same job (e.g. the ack was lost) re-indexes without duplicates.
    await env.DB.prepare("UPDATE knowledge_docs SET status = 'pending' WHERE id = ?").bind(docId).run();
    await ingest();
    expect(index.points.size).toBe(5);
    const count = await env.DB.prepare('SELECT count(*) AS n FROM knowledge_chunks WHERE doc_id = ?').bind(docId).first<{ n: number }>();
    expect(count!.n).toBe(5);
  });

  it('fuses lexical and vector ranks, fills vector-only hits from D1 and drops points of unindexed chunks', async () => {
    const index = new MemoryIndex();
    const { bot, docId } = await indexPriceList({ embedder, index });
    // A point whose chunk never reached D1 (its doc is not ready): must never surface.
    await index.upsert([{ id: '00000000-0000-8000-8000-00000000dead', vector: trigramVector('Педикюр аппаратный'), payload: { bot_id: bot.id, doc_id: 'doc_unready', company_id: 'x', ord: 0, source: 'x', page: null, section: null } }]);
    const service = new KnowledgeService(env, { dense: { embedder, index } });

    const hits = await service.search(bot.id, 'Педикюр аппаратный', 5);
    expect(hits).toHaveLength(5);
    expect(hits[0]!.text).toContain('Услуга: Педикюр аппаратный');
    expect(hits.every((h) => h.doc_id === docId)).toBe(true);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    // Lexical search alone finds one row; the other four came from the vector side.
    const lexical = await new KnowledgeService(env, { dense: null }).search(bot.id, 'Педикюр аппаратный', 5);
    expect(lexical).toHaveLength(1);
  });

  it('answers from BM25 alone when the embedding service is down', async () => {
    const index = new MemoryIndex();
    const { bot } = await indexPriceList({ embedder, index });
    const down = { model: 'bge-m3', embed: async (): Promise<number[][]> => { throw new Error('connect ECONNREFUSED'); } };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const hits = await new KnowledgeService(env, { dense: { embedder: down, index } }).search(bot.id, 'Сколько стоит женская стрижка?', 3);
    expect(logged).toHaveBeenCalledExactlyOnceWith(JSON.stringify({ msg: 'vector index unavailable', op: 'search', error: 'Error: connect ECONNREFUSED' }));
    logged.mockRestore();
    const lexical = await new KnowledgeService(env, { dense: null }).search(bot.id, 'Сколько стоит женская стрижка?', 3);
    expect(hits.map((h) => h.chunk_id)).toEqual(lexical.map((h) => h.chunk_id));
    expect(hits[0]!.text).toContain('Стрижка женская');
  });
});
