import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import blankB64 from '../fixtures/knowledge/blank-scan.pdf.b64?raw';
import lockedB64 from '../fixtures/knowledge/password-protected.pdf.b64?raw';
import txt from '../fixtures/knowledge/salon-handbook.txt?raw';
import { db, schema } from '../../workers/db/client.ts';
import type { IngestJob } from '../../workers/env.ts';
import { handleIngestBatch, handleIngestDeadLetters } from '../../workers/knowledge/consumer.ts';
import { EmbeddingError } from '../../workers/knowledge/embed/ollama.ts';
import { api, createCompanyWithBot } from './support.ts';
import { fromBase64, search, uploadAndIndex, uploadFile } from './knowledge-helpers.ts';

const MB = 1024 * 1024;

describe('knowledge: bad input', { timeout: 30_000 }, () => {
  it('refuses unsupported types with 415, files over 20 MB with 413, a missing or empty file with 422', async () => {
    const { company, bot } = await createCompanyWithBot();
    const jpg = await uploadFile(company.key, bot.id, 'фото.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg');
    expect(jpg.status).toBe(415);
    expect(jpg.body.error.code).toBe('unsupported_media_type');

    const big = await uploadFile(company.key, bot.id, 'огромный.txt', new Uint8Array(20 * MB + 1).fill(0x41), 'text/plain');
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');

    const none = await api('POST', `/bots/${bot.id}/knowledge`, { key: company.key, body: new FormData() });
    expect(none.status).toBe(422);
    const empty = await uploadFile(company.key, bot.id, 'пусто.txt', new Uint8Array(0), 'text/plain');
    expect(empty.status).toBe(422);

    const list = await api('GET', `/bots/${bot.id}/knowledge`, { key: company.key });
    expect(list.body.docs).toEqual([]);
  });

  it('marks encrypted, text-less and corrupt files failed with a reason, leaving other docs intact', async () => {
    const { company, bot } = await createCompanyWithBot();
    const [good, locked, scan, brokenPdf, brokenDocx, oldWord] = await Promise.all([
      uploadAndIndex(company.key, bot.id, 'о-салоне.txt', txt, 'text/plain'),
      uploadAndIndex(company.key, bot.id, 'закрытый.pdf', fromBase64(lockedB64), 'application/pdf'),
      uploadAndIndex(company.key, bot.id, 'скан.pdf', fromBase64(blankB64), 'application/pdf'),
      uploadAndIndex(company.key, bot.id, 'битый.pdf', new TextEncoder().encode('%PDF-1.7\nэто не настоящий PDF')),
      uploadAndIndex(company.key, bot.id, 'битый.docx', new TextEncoder().encode('PK\u0003\u0004 обрывок архива')),
      uploadAndIndex(company.key, bot.id, 'старый.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
    ]);

    expect(locked).toMatchObject({ status: 'failed', chunk_count: 0 });
    expect(locked.error).toMatch(/паролем.*password-protected/);
    expect(scan.error).toMatch(/нет текстового слоя/);
    expect(brokenPdf.error).toMatch(/повреждён или это не PDF/);
    expect(brokenDocx.error).toMatch(/повреждён или это не DOCX/);
    expect(oldWord.error).toMatch(/защищён паролем или это старый формат \.doc/);

    const after = await api('GET', `/bots/${bot.id}/knowledge/${good.id}`, { key: company.key });
    expect(after.body).toMatchObject({ status: 'ready', error: null });
    const hits = await search(company.key, bot.id, 'парковка');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.doc_id === good.id)).toBe(true);
  });
});

afterEach(() => vi.restoreAllMocks());

describe('knowledge: consumer crash → retries → dead-letter queue → failed', () => {
  it('keeps the doc unsearchable while retrying and marks it failed from the DLQ', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { company, bot } = await createCompanyWithBot();
    // A doc stored as the upload would, but not enqueued: the test drives the consumer itself.
    const docId = `doc_crash${crypto.randomUUID().slice(0, 8)}`;
    const r2Key = `knowledge/${company.id}/${bot.id}/${docId}`;
    await env.FILES.put(r2Key, txt);
    await db(env.DB).insert(schema.knowledgeDocs).values({
      id: docId, companyId: company.id, botId: bot.id, filename: 'о-салоне.txt', contentType: 'text/plain', format: 'txt',
      sizeBytes: txt.length, sha256: docId, r2Key, updatedAt: Date.now(),
    });
    const embedderDown = {
      embedder: { model: 'bge-m3', embed: async () => { throw new EmbeddingError('ollama /api/embed unreachable: connection refused'); } },
      index: { upsert: async () => {}, query: async () => [], deleteDoc: async () => {}, deleteBot: async () => {} },
    };
    const body = { docId, botId: bot.id, companyId: company.id };

    for (const attempts of [1, 2, 3, 4]) {
      const batch = createMessageBatch<IngestJob>('voicebot-ingest', [{ id: `msg-${docId}`, timestamp: new Date(), attempts, body }]);
      const ctx = createExecutionContext();
      await handleIngestBatch(batch, env, { dense: embedderDown });
      const result = await getQueueResult(batch, ctx);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: `msg-${docId}` })]);
      const doc = await api('GET', `/bots/${bot.id}/knowledge/${docId}`, { key: company.key });
      expect(doc.body).toMatchObject({ status: 'pending', chunk_count: 0 });
      expect(doc.body.error).toContain('connection refused');
      expect(await search(company.key, bot.id, 'парковка')).toEqual([]);
    }

    // Each failed attempt is logged once, with the doc and the attempt number.
    expect(logged.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([1, 2, 3, 4].map((attempt) => ({
      msg: 'ingest attempt failed', docId, attempt, error: expect.stringContaining('connection refused'),
    })));

    const dlq = createMessageBatch<IngestJob>('voicebot-ingest-dlq', [{ id: `msg-${docId}`, timestamp: new Date(), attempts: 1, body }]);
    await handleIngestDeadLetters(dlq, env);
    const failed = await api('GET', `/bots/${bot.id}/knowledge/${docId}`, { key: company.key });
    expect(failed.body.status).toBe('failed');
    expect(failed.body.error).toMatch(/после 4 попыток.*connection refused/);
    const letter = await env.DB.prepare('SELECT queue, company_id, error FROM dead_letters WHERE message_id = ?').bind(`msg-${docId}`).first();
    expect(letter).toMatchObject({ queue: 'voicebot-ingest-dlq', company_id: company.id });
  });

  it('acks and records a malformed message instead of retrying it forever', async () => {
    const batch = createMessageBatch<IngestJob>('voicebot-ingest', [{ id: 'msg-malformed-1', timestamp: new Date(), attempts: 1, body: { doc: 42 } as never }]);
    const ctx = createExecutionContext();
    await handleIngestBatch(batch, env, { dense: null });
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['msg-malformed-1']);
    const letter = await env.DB.prepare('SELECT error FROM dead_letters WHERE message_id = ?').bind('msg-malformed-1').first();
    expect(letter).toEqual({ error: 'malformed ingest job' });
  });
});
