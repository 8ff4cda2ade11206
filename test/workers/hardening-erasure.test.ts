import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eraseCompany } from '../../workers/erasure/company.ts';
import { ADMIN_KEY, SERVICE_TOKEN, api, createCompanyWithBot, scenarioText } from './support.ts';
import { search, uploadAndIndex } from './knowledge-helpers.ts';
import { callResult, receiverUrl, registerWebhook, stubNetwork, waitFor } from './postcall-support.ts';

afterEach(() => vi.restoreAllMocks());

const HANDBOOK = 'Часы работы\nну мы работаем с девяти до двадцати одного без выходных\n\nПарковка\nесть бесплатная парковка во дворе\n';

/** A company with something in every store: knowledge, a processed call with webhook deliveries, a calendar, numbers, keys. */
async function populatedCompany() {
  const { company, bot } = await createCompanyWithBot();
  const doc = await uploadAndIndex(company.key, bot.id, 'о-салоне.txt', HANDBOOK, 'text/plain');
  expect(doc.status).toBe('ready');
  const url = receiverUrl('erase');
  await registerWebhook(company.key, url);
  const posted = await api('POST', '/internal/calls', { key: SERVICE_TOKEN, body: callResult(bot.id) });
  expect(posted.status).toBe(202);
  await waitFor(async () => (await env.DB.prepare('SELECT 1 AS ok FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.call_id = ?').bind(posted.body.call_id).first()) ?? null);
  expect((await api('POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number: `+7499${String(Date.now() % 10_000_000).padStart(7, '0')}`, provider: 'twilio' } })).status).toBe(201);
  expect((await api('POST', `/companies/${company.id}/api-keys`, { key: company.key, body: { name: 'crm' } })).status).toBe(201);
  // Calendar rows as the booking feature (issue 12) stores them.
  const staff = `st_${company.id}`;
  const service = `sv_${company.id}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO booking_staff (id, company_id, bot_id, name) VALUES (?, ?, ?, 'Ольга')").bind(staff, company.id, bot.id),
    env.DB.prepare("INSERT INTO booking_services (id, company_id, bot_id, name, duration_min) VALUES (?, ?, ?, 'маникюр', 60)").bind(service, company.id, bot.id),
    env.DB.prepare('INSERT INTO booking_staff_services (staff_id, service_id) VALUES (?, ?)').bind(staff, service),
    env.DB.prepare("INSERT INTO booking_hours (staff_id, bot_id, weekday, open, close) VALUES (?, ?, 1, '09:00', '18:00')").bind(staff, bot.id),
    env.DB.prepare("INSERT INTO booking_exceptions (id, bot_id, staff_id, date) VALUES (?, ?, ?, '2026-12-31')").bind(`ex_${company.id}`, bot.id, staff),
    env.DB.prepare("INSERT INTO calendar_bookings (id, company_id, bot_id, service_id, staff_id, date, start_min, end_min, phone, updated_at) VALUES (?, ?, ?, ?, ?, '2026-11-27', 600, 660, '+79161234567', ?)")
      .bind(`cb_${company.id}`, company.id, bot.id, service, staff, Date.now()),
    env.DB.prepare("INSERT INTO dead_letters (id, queue, message_id, body_json, company_id, error) VALUES (?, 'voicebot-postcall-dlq', ?, ?, NULL, 'x')")
      .bind(`dl_${company.id}`, `m_${company.id}`, JSON.stringify({ callId: posted.body.call_id })),
  ]);
  return { company, bot, doc, callId: posted.body.call_id as string };
}

/** Rows anywhere in D1 that still belong to the company: every table with a company_id or bot_id column, plus child tables. */
async function leftovers(companyId: string, botIds: string[], ids: { chunkSeqs: number[]; deliveryIds: string[]; staffIds: string[]; callId: string }) {
  const tables = (await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT LIKE 'knowledge_fts%'").all<{ name: string }>()).results.map((r) => r.name);
  const found: Record<string, number> = {};
  for (const table of tables) {
    const cols = (await env.DB.prepare(`PRAGMA table_info(${table})`).all<{ name: string }>()).results.map((c) => c.name);
    const where: string[] = [];
    const binds: unknown[] = [];
    if (cols.includes('company_id')) (where.push('company_id = ?'), binds.push(companyId));
    if (table === 'companies') (where.push('id = ?'), binds.push(companyId));
    if (cols.includes('bot_id') && botIds.length) (where.push(`bot_id IN (${botIds.map(() => '?').join(',')})`), binds.push(...botIds));
    if (cols.includes('delivery_id') && ids.deliveryIds.length) (where.push(`delivery_id IN (${ids.deliveryIds.map(() => '?').join(',')})`), binds.push(...ids.deliveryIds));
    if (cols.includes('staff_id') && ids.staffIds.length) (where.push(`staff_id IN (${ids.staffIds.map(() => '?').join(',')})`), binds.push(...ids.staffIds));
    if (cols.includes('body_json')) (where.push("json_extract(body_json, '$.callId') = ?"), binds.push(ids.callId));
    if (!where.length) continue;
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where.join(' OR ')}`).bind(...binds).first<{ n: number }>();
    if (row!.n) found[table] = row!.n;
  }
  const fts = await env.DB.prepare(`SELECT count(*) AS n FROM knowledge_fts WHERE rowid IN (${ids.chunkSeqs.join(',') || 'NULL'})`).first<{ n: number }>();
  if (fts!.n) found.knowledge_fts = fts!.n;
  return found;
}

describe('hardening: DELETE /companies/{id} erases everything of the company', { timeout: 60_000 }, () => {
  it('leaves no row, file, transcript or index entry behind, and touches no other company', async () => {
    const net = stubNetwork();
    net.on('http://127.0.0.1:9/hooks/', () => new Response('ok'));
    const gone = await populatedCompany();
    const kept = await populatedCompany();
    const botIds = [gone.bot.id];
    const chunkSeqs = (await env.DB.prepare('SELECT seq FROM knowledge_chunks WHERE company_id = ?').bind(gone.company.id).all<{ seq: number }>()).results.map((r) => r.seq);
    const deliveryIds = (await env.DB.prepare('SELECT id FROM webhook_deliveries WHERE company_id = ?').bind(gone.company.id).all<{ id: string }>()).results.map((r) => r.id);
    const ids = { chunkSeqs, deliveryIds, staffIds: [`st_${gone.company.id}`], callId: gone.callId };
    const call = await env.DB.prepare('SELECT transcript_key FROM calls WHERE id = ?').bind(gone.callId).first<{ transcript_key: string | null }>();
    expect(chunkSeqs.length).toBeGreaterThan(0);
    expect(deliveryIds.length).toBeGreaterThan(0);
    const before = await leftovers(gone.company.id, botIds, ids);
    expect(Object.keys(before).sort()).toEqual(expect.arrayContaining(['api_keys', 'bookings', 'bots', 'calendar_bookings', 'calls', 'companies', 'dead_letters', 'knowledge_chunks', 'knowledge_docs', 'knowledge_fts', 'phone_numbers', 'webhook_attempts', 'webhook_deliveries', 'webhooks']));

    // Objects no row names any more (a recording whose CallResult never came, a half-finished upload).
    await env.CALLS.put(`recordings/${gone.bot.id}/call-orphan.ogg`, 'OggS');
    await env.FILES.put(`knowledge/${gone.company.id}/${gone.bot.id}/doc_orphan`, 'Часы работы');
    expect((await api('DELETE', `/companies/${gone.company.id}`, { key: gone.company.key })).status).toBe(403);
    const del = await api('DELETE', `/companies/${gone.company.id}`, { key: ADMIN_KEY });
    expect(del.status).toBe(204);

    expect(await leftovers(gone.company.id, botIds, ids)).toEqual({});
    expect((await env.FILES.list({ prefix: `knowledge/${gone.company.id}/` })).objects).toEqual([]);
    if (call?.transcript_key) expect(await env.CALLS.head(call.transcript_key)).toBeNull();
    expect((await env.CALLS.list({ prefix: `recordings/${gone.bot.id}/` })).objects).toEqual([]);
    expect((await api('GET', `/companies/${gone.company.id}`, { key: gone.company.key })).status).toBe(401);
    expect((await api('DELETE', `/companies/${gone.company.id}`, { key: ADMIN_KEY })).status).toBe(404);

    // The other company is whole.
    expect(Object.keys(await leftovers(kept.company.id, [kept.bot.id], { chunkSeqs: [], deliveryIds: [], staffIds: [], callId: kept.callId }))).toContain('calls');
    expect((await search(kept.company.key, kept.bot.id, 'есть ли парковка')).length).toBeGreaterThan(0);
    net.restore();
  });

  it('removes the vectors of every bot of the company, deleted bots included', async () => {
    const { company, bot } = await createCompanyWithBot();
    const second = await api('POST', '/bots', { key: company.key, body: scenarioText('dental-clinic.yaml'), headers: { 'content-type': 'application/yaml' } });
    expect((await api('DELETE', `/bots/${second.body.id}`, { key: company.key })).status).toBe(204);
    const deletedBots: string[] = [];
    const dense = {
      embedder: { model: 'bge-m3', embed: async () => [] },
      index: { upsert: async () => {}, query: async () => [], deleteDoc: async () => {}, deleteBot: async (botId: string) => void deletedBots.push(botId) },
    };
    await eraseCompany(env, company.id, { dense });
    expect(deletedBots.sort()).toEqual([bot.id, second.body.id].sort());
    expect(await env.DB.prepare('SELECT count(*) AS n FROM bots WHERE company_id = ?').bind(company.id).first('n')).toBe(0);
  });
});
