import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import csvB64 from '../fixtures/knowledge/price-list-cp1251.csv.b64?raw';
import txt from '../fixtures/knowledge/salon-handbook.txt?raw';
import { api, createCompanyWithBot, SERVICE_TOKEN } from './support.ts';
import { botTermPrefix } from '../../core/knowledge/search-sql.ts';
import { fromBase64, search, uploadAndIndex } from './knowledge-helpers.ts';

describe('knowledge: tenant isolation and deletion', { timeout: 30_000 }, () => {
  it("company B can neither see, search nor delete company A's documents", async () => {
    const a = await createCompanyWithBot();
    const b = await createCompanyWithBot();
    const docA = await uploadAndIndex(a.company.key, a.bot.id, 'прайс.csv', fromBase64(csvB64));
    await uploadAndIndex(b.company.key, b.bot.id, 'о-салоне.txt', txt, 'text/plain');

    for (const [method, path] of [
      ['GET', `/bots/${a.bot.id}/knowledge`],
      ['GET', `/bots/${a.bot.id}/knowledge/${docA.id}`],
      ['GET', `/bots/${a.bot.id}/knowledge/search?q=${encodeURIComponent('стрижка')}`],
      ['DELETE', `/bots/${a.bot.id}/knowledge/${docA.id}`],
      ['DELETE', `/bots/${a.bot.id}/knowledge`],
    ] as const) {
      const res = await api(method, path, { key: b.company.key });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // A doc id of A under B's own bot is not found either, and B's search never returns A's chunks.
    expect((await api('GET', `/bots/${b.bot.id}/knowledge/${docA.id}`, { key: b.company.key })).status).toBe(404);
    expect((await api('DELETE', `/bots/${b.bot.id}/knowledge/${docA.id}`, { key: b.company.key })).status).toBe(404);
    expect(await search(b.company.key, b.bot.id, 'Сколько стоит стрижка?')).not.toContainEqual(expect.objectContaining({ doc_id: docA.id }));

    // A's doc is untouched.
    expect(await search(a.company.key, a.bot.id, 'Сколько стоит стрижка?')).toContainEqual(expect.objectContaining({ doc_id: docA.id }));
  });

  it('lets the agent-host service token search any bot, but not upload or delete', async () => {
    const { company, bot } = await createCompanyWithBot();
    const doc = await uploadAndIndex(company.key, bot.id, 'прайс.csv', fromBase64(csvB64));
    const hits = await search(SERVICE_TOKEN, bot.id, 'Сколько стоит стрижка?', 2);
    expect(hits).toHaveLength(2);
    expect(Object.keys(hits[0]!).sort()).toEqual(['chunk_id', 'doc_id', 'page', 'score', 'section', 'source', 'text']);
    expect((await api('DELETE', `/bots/${bot.id}/knowledge/${doc.id}`, { key: SERVICE_TOKEN })).status).toBe(401);
    expect((await api('GET', `/bots/${bot.id}/knowledge/search?q=`, { key: SERVICE_TOKEN })).status).toBe(422);
    expect((await api('GET', `/bots/${bot.id}/knowledge/search?q=x&top_k=500`, { key: SERVICE_TOKEN })).status).toBe(422);
  });

  it('deletes one document with its chunks, index rows and stored file; then clears the bot', async () => {
    const { company, bot } = await createCompanyWithBot();
    const [csv, text] = await Promise.all([
      uploadAndIndex(company.key, bot.id, 'прайс.csv', fromBase64(csvB64)),
      uploadAndIndex(company.key, bot.id, 'о-салоне.txt', txt, 'text/plain'),
    ]);
    const r2Key = (await env.DB.prepare('SELECT r2_key FROM knowledge_docs WHERE id = ?').bind(csv.id).first<{ r2_key: string }>())!.r2_key;
    expect(await env.FILES.head(r2Key)).not.toBeNull();

    expect((await api('DELETE', `/bots/${bot.id}/knowledge/${csv.id}`, { key: company.key })).status).toBe(204);
    expect((await api('GET', `/bots/${bot.id}/knowledge/${csv.id}`, { key: company.key })).status).toBe(404);
    expect(await env.FILES.head(r2Key)).toBeNull();
    const leftovers = await env.DB.prepare('SELECT count(*) AS n FROM knowledge_chunks WHERE doc_id = ?').bind(csv.id).first<{ n: number }>();
    expect(leftovers!.n).toBe(0);
    expect(await search(company.key, bot.id, 'Сколько стоит стрижка?')).not.toContainEqual(expect.objectContaining({ doc_id: csv.id }));
    expect((await search(company.key, bot.id, 'парковка')).map((h) => h.doc_id)).toContain(text.id);

    // Every FTS row of a bot holds the bot's bare key token.
    const ftsRows = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM knowledge_fts WHERE knowledge_fts MATCH ?').bind(`"${botTermPrefix(bot.id)}"`).first<{ n: number }>())!.n;
    expect(await ftsRows()).toBeGreaterThan(0);

    const cleared = await api('DELETE', `/bots/${bot.id}/knowledge`, { key: company.key });
    expect(cleared).toMatchObject({ status: 200, body: { deleted: 1 } });
    expect(await search(company.key, bot.id, 'парковка')).toEqual([]);
    expect((await api('GET', `/bots/${bot.id}/knowledge`, { key: company.key })).body.docs).toEqual([]);
    // The FTS index holds nothing of this bot any more.
    expect(await ftsRows()).toBe(0);
  });
});
