import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import blankB64 from '../fixtures/knowledge/blank-scan.pdf.b64?raw';
import { db, schema } from '../../workers/db/client.ts';
import type { IngestJob } from '../../workers/env.ts';
import { handleIngestBatch } from '../../workers/knowledge/consumer.ts';
import { sweepStaleDocs } from '../../workers/knowledge/sweeper.ts';
import { runScheduled } from '../../workers/scheduled.ts';
import { api, createCompanyWithBot } from './support.ts';
import { fromBase64, search, uploadFile, waitForDoc } from './knowledge-helpers.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const SMALL = 'Часы работы\nну мы работаем с девяти до двадцати без выходных\n\nПарковка\nесть бесплатная парковка во дворе\n';

/** A doc stored as an upload would, but not enqueued: the test drives the consumer or the sweeper itself. */
async function storeDoc(company: { id: string }, bot: { id: string }, name: string, format: 'txt' | 'csv' | 'docx', bytes: Uint8Array, extra: Partial<typeof schema.knowledgeDocs.$inferInsert> = {}) {
  const id = `doc_h${crypto.randomUUID().slice(0, 12)}`;
  const r2Key = `knowledge/${company.id}/${bot.id}/${id}`;
  await env.FILES.put(r2Key, bytes);
  await db(env.DB).insert(schema.knowledgeDocs).values({
    id, companyId: company.id, botId: bot.id, filename: name, contentType: 'application/octet-stream', format,
    sizeBytes: bytes.length, sha256: id, r2Key, updatedAt: Date.now(), ...extra,
  });
  return { docId: id, botId: bot.id, companyId: company.id };
}

async function runBatch(jobs: IngestJob[], deps: Parameters<typeof handleIngestBatch>[2] = { dense: null }) {
  const batch = createMessageBatch<IngestJob>('voicebot-ingest', jobs.map((body, i) => ({ id: `msg-${body.docId}`, timestamp: new Date(), attempts: i + 1, body })));
  const ctx = createExecutionContext();
  await handleIngestBatch(batch, env, deps);
  return getQueueResult(batch, ctx);
}

const docOf = async (key: string, job: IngestJob) => (await api('GET', `/bots/${job.botId}/knowledge/${job.docId}`, { key })).body;

describe('hardening: one heavy document cannot stall indexing', { timeout: 60_000 }, () => {
  it('fails over-cap TXT, CSV and a DOCX bomb at once, without retries, while another company’s doc becomes ready', async () => {
    const attacker = await createCompanyWithBot();
    const salon = await createCompanyWithBot();
    // Past the caps (1 M characters, 24 MB inflated); bench:knowledge runs the full 10 MB versions.
    const headings = utf8('Раздел\n'.repeat(300_000));
    const csv = utf8('Услуга;Цена\n' + 'стрижка;тысяча\n'.repeat(100_000));
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(41 * 2 ** 20).fill(0x20) }, { level: 9 });
    const heavy = [
      await storeDoc(attacker.company, attacker.bot, 'заголовки.txt', 'txt', headings),
      await storeDoc(attacker.company, attacker.bot, 'прайс.csv', 'csv', csv),
      await storeDoc(attacker.company, attacker.bot, 'бомба.docx', 'docx', bomb),
    ];
    const small = await storeDoc(salon.company, salon.bot, 'о-салоне.txt', 'txt', utf8(SMALL));

    const result = await runBatch([...heavy, small]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(4);

    const [txt, table, docx] = await Promise.all(heavy.map((j) => docOf(attacker.company.key, j)));
    expect(txt).toMatchObject({ status: 'failed', chunk_count: 0 });
    expect(txt.error).toMatch(/^Файл слишком большой: .* символов текста/);
    expect(table.error).toMatch(/^Файл слишком большой/);
    expect(docx.error).toMatch(/после распаковки больше 24 МБ/);
    expect(await docOf(salon.company.key, small)).toMatchObject({ status: 'ready', error: null });
    expect((await search(salon.company.key, salon.bot.id, 'есть ли парковка')).length).toBeGreaterThan(0);
  });

  it('makes any parser or chunker crash final instead of retrying what cannot succeed', async () => {
    const { company, bot } = await createCompanyWithBot();
    const job = await storeDoc(company, bot, 'о-салоне.txt', 'txt', utf8(SMALL));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await runBatch([job], { dense: null, countTokens: () => { throw new RangeError('Maximum call stack size exceeded'); } });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('"msg":"document parser crashed"'));
    logged.mockRestore();
    expect(result.retryMessages).toEqual([]);
    const doc = await docOf(company.key, job);
    expect(doc).toMatchObject({ status: 'failed' });
    expect(doc.error).toMatch(/^Не удалось разобрать файл/);
  });

  it('fails a doc whose earlier attempts died mid-parse instead of parsing it again', async () => {
    const { company, bot } = await createCompanyWithBot();
    const job = await storeDoc(company, bot, 'о-салоне.txt', 'txt', utf8(SMALL), { status: 'processing', attempts: 2 });
    const result = await runBatch([job]);
    expect(result.retryMessages).toEqual([]);
    expect((await docOf(company.key, job)).error).toMatch(/прерывалась 2 раза/);
  });
});

describe('hardening: content sniffing and deduplication by format', { timeout: 60_000 }, () => {
  it('refuses random binary named .txt and parses a PDF named .txt as a PDF', async () => {
    const { company, bot } = await createCompanyWithBot();
    const noise = Uint8Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256);
    const binary = await uploadFile(company.key, bot.id, 'прайс.txt', noise, 'text/plain');
    expect(binary.status).toBe(415);
    expect(binary.body.error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('двоичный файл') });

    const pdfAsTxt = await uploadFile(company.key, bot.id, 'прайс.txt', fromBase64(blankB64), 'text/plain');
    expect(pdfAsTxt.status).toBe(202);
    expect(pdfAsTxt.body.format).toBe('pdf');
    const doc = await waitForDoc(company.key, bot.id, pdfAsTxt.body.id);
    expect(doc.error).toMatch(/нет текстового слоя/);
  });

  it('takes the same bytes as .txt and as .csv for two documents', async () => {
    const { company, bot } = await createCompanyWithBot();
    const bytes = utf8('Услуга;Цена\nСтрижка женская;1500\n');
    const asTxt = await uploadFile(company.key, bot.id, 'прайс.txt', bytes, 'text/plain');
    const asCsv = await uploadFile(company.key, bot.id, 'прайс.csv', bytes, 'text/csv');
    const again = await uploadFile(company.key, bot.id, 'прайс-копия.csv', bytes, 'text/csv');
    expect([asTxt.status, asCsv.status, again.status]).toEqual([202, 202, 200]);
    expect(asCsv.body).toMatchObject({ format: 'csv' });
    expect(asCsv.body.id).not.toBe(asTxt.body.id);
    expect(again.body.id).toBe(asCsv.body.id);
  });

  it('strips control and bidi-override characters from file names', async () => {
    const { company, bot } = await createCompanyWithBot();
    const res = await uploadFile(company.key, bot.id, 'счёт\u202Etxt.exe\u0007.txt', utf8(SMALL), 'text/plain');
    expect(res.status).toBe(202);
    expect(res.body.filename).toBe('счётtxt.exe.txt');
  });
});

describe('hardening: stuck documents are picked up again', { timeout: 60_000 }, () => {
  it('re-queues docs stuck in pending or processing and fails those out of attempts', async () => {
    const { company, bot } = await createCompanyWithBot();
    const hourAgo = Date.now() - 60 * 60_000;
    const lost = await storeDoc(company, bot, 'потерянный.txt', 'txt', utf8(SMALL), { status: 'pending', updatedAt: hourAgo });
    const died = await storeDoc(company, bot, 'упавший.txt', 'txt', utf8(`${SMALL}\nМаникюр\nстоит тысячу двести\n`), { status: 'processing', attempts: 1, updatedAt: hourAgo });
    const hopeless = await storeDoc(company, bot, 'безнадёжный.txt', 'txt', utf8('Педикюр\nдве тысячи\n'), { status: 'processing', attempts: 3, updatedAt: hourAgo });
    const fresh = await storeDoc(company, bot, 'свежий.txt', 'txt', utf8('Стрижка\nтысяча пятьсот\n'), { status: 'pending' });

    const swept = await sweepStaleDocs(env, Date.now());
    expect(swept.requeued).toBeGreaterThanOrEqual(2);
    // The real queue consumer indexes the re-queued docs.
    expect(await waitForDoc(company.key, bot.id, lost.docId)).toMatchObject({ status: 'ready' });
    expect(await waitForDoc(company.key, bot.id, died.docId)).toMatchObject({ status: 'ready' });
    expect(await docOf(company.key, hopeless)).toMatchObject({ status: 'failed', error: expect.stringMatching(/за 3 попыток/) });
    expect(await docOf(company.key, fresh)).toMatchObject({ status: 'pending' });
  });

  it('runs the sweeper from the Cron Trigger every 15 minutes', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lost = await storeDoc(company, bot, 'забытый.txt', 'txt', utf8(`${SMALL}\nАдрес\nулица ленина дом пять\n`), { status: 'pending', updatedAt: Date.now() - 60 * 60_000 });
    const controller = { cron: '*/15 * * * *', scheduledTime: Date.now(), noRetry() {} } as ScheduledController;
    await runScheduled(controller, env, createExecutionContext());
    expect(await waitForDoc(company.key, bot.id, lost.docId)).toMatchObject({ status: 'ready' });
  });

  it('re-queues a stuck doc when the same file is uploaded again', async () => {
    const { company, bot } = await createCompanyWithBot();
    const bytes = utf8(`${SMALL}\nОплата\nкартой или наличными\n`);
    const first = await uploadFile(company.key, bot.id, 'оплата.txt', bytes, 'text/plain');
    await waitForDoc(company.key, bot.id, first.body.id);
    await env.DB.prepare("UPDATE knowledge_docs SET status = 'processing', updated_at = ? WHERE id = ?").bind(Date.now() - 60 * 60_000, first.body.id).run();
    const again = await uploadFile(company.key, bot.id, 'оплата.txt', bytes, 'text/plain');
    expect(again).toMatchObject({ status: 200, body: { id: first.body.id, status: 'pending' } });
    expect(await waitForDoc(company.key, bot.id, first.body.id)).toMatchObject({ status: 'ready' });
  });
});
