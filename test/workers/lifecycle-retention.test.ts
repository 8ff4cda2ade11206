import { createExecutionContext, createScheduledController, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, schema } from '../../workers/db/client.ts';
import worker from '../../workers/index.ts';
import { companyObjectPrefixes, deleteByPrefixes } from '../../workers/lifecycle/prefixes.ts';
import { callRow, phoneCall, postCall, r2Keys, wholeDatabaseText } from './lifecycle-support.ts';
import { receiverUrl, registerWebhook, stubNetwork, uniqueCallId, waitFor } from './postcall-support.ts';
import { ADMIN_KEY, api, createCompanyWithBot } from './support.ts';

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

/** The daily sweep as Cloudflare fires it: 03:00 UTC on 29 November 2026. */
const SWEEP_AT = Date.parse('2026-11-29T03:00:00Z');
async function runDailySweep() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '0 3 * * *', scheduledTime: SWEEP_AT }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('retention settings', { timeout: 30_000 }, () => {
  it('defaults to 180 days, can be set through the API, and is private to the company', async () => {
    const { company } = await createCompanyWithBot();
    const other = await createCompanyWithBot();
    expect((await api('GET', `/companies/${company.id}/retention`, { key: company.key })).body).toEqual({ company_id: company.id, retention_days: 180, is_default: true });
    const set = await api('PUT', `/companies/${company.id}/retention`, { key: company.key, body: { retention_days: 30 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ company_id: company.id, retention_days: 30, is_default: false });
    const bad = await api('PUT', `/companies/${company.id}/retention`, { key: company.key, body: { retention_days: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('json.retention_days');
    expect((await api('PUT', `/companies/${company.id}/retention`, { key: other.company.key, body: { retention_days: 1 } })).status).toBe(404);
    expect((await api('GET', `/companies/${company.id}/retention`, { key: ADMIN_KEY })).body.retention_days).toBe(30);
    expect((await api('PUT', `/companies/${company.id}/retention`, { key: company.key, body: { retention_days: null } })).body.is_default).toBe(true);
  });
});

describe('the daily retention sweep (Cron Trigger → lifecycle queue)', { timeout: 30_000 }, () => {
  it('erases calls past the company retention from D1 and R2, and keeps the rest', async () => {
    const short = await createCompanyWithBot();
    await api('PUT', `/companies/${short.company.id}/retention`, { key: short.company.key, body: { retention_days: 30 } });
    const long = await createCompanyWithBot();
    const [oldShort, newShort, oldLong] = await Promise.all([
      postCall(phoneCall(short.bot.id, { call_id: uniqueCallId('old'), started_at: '2026-10-10T10:00:00Z' })),
      postCall(phoneCall(short.bot.id, { call_id: uniqueCallId('new'), started_at: '2026-11-20T10:00:00Z' })),
      postCall(phoneCall(long.bot.id, { call_id: uniqueCallId('old'), started_at: '2026-10-10T10:00:00Z' })),
    ]);
    expect(await r2Keys(oldShort.transcriptKey!)).toHaveLength(1);

    await runDailySweep();
    await waitFor(async () => !(await callRow(oldShort.id)), 20_000);
    expect(await r2Keys(oldShort.transcriptKey!)).toEqual([]);
    expect(await wholeDatabaseText()).not.toContain(oldShort.id);
    // Within 30 days, and another company on the 180-day default: untouched.
    expect(await callRow(newShort.id)).toBeTruthy();
    expect(await r2Keys(newShort.transcriptKey!)).toHaveLength(1);
    expect(await callRow(oldLong.id)).toBeTruthy();
    expect((await api('GET', `/calls/${oldLong.id}`, { key: long.company.key })).body.transcript).toHaveLength(5);
  });
});

describe('DELETE /calls/{id}', { timeout: 30_000 }, () => {
  it('erases the call and everything that names it: row, transcript, recording, booking, webhook payloads', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('crm');
    net.on(url, () => new Response('ok'));
    await registerWebhook(company.key, url);
    const callId = uniqueCallId('erase');
    const recordingKey = `recordings/${bot.id}/2026/11/${callId}.ogg`;
    await env.CALLS.put(recordingKey, new Uint8Array([0x4f, 0x67, 0x67, 0x53]), { httpMetadata: { contentType: 'audio/ogg' } });
    const phone = '+79035556677';
    const row = await postCall(phoneCall(bot.id, { call_id: callId, caller_number: phone, fields: { service: 'маникюр', phone }, recording_key: recordingKey }));
    await waitFor(async () => net.to(url).length > 0, 20_000);
    // The appointment the call made in the built-in calendar (as the agent-host's booking client creates it).
    const visitId = `cbk_${crypto.randomUUID().slice(0, 8)}`;
    await db(env.DB).insert(schema.calendarBookings).values({
      id: visitId, companyId: company.id, botId: bot.id, serviceId: 'svc_manicure', staffId: 'stf_anna', date: '2026-11-27',
      startMin: 900, endMin: 960, name: 'Анна', phone, callId, idempotencyKey: `${callId}:book-1`, source: 'call', updatedAt: Date.now(),
    });
    const before = await wholeDatabaseText();
    expect(before).toContain(phone);
    expect(before).toContain(callId);

    const other = await createCompanyWithBot();
    expect((await api('DELETE', `/calls/${callId}`, { key: other.company.key })).status).toBe(404);
    const res = await api('DELETE', `/calls/${callId}`, { key: company.key });
    expect(res.status).toBe(204);

    const after = await wholeDatabaseText({ except: ['calendar_bookings'] });
    expect(await wholeDatabaseText()).not.toContain(callId);
    expect(after).not.toContain(phone);
    expect(await r2Keys(row.transcriptKey!)).toEqual([]);
    expect(await r2Keys(recordingKey)).toEqual([]);
    // The visit stays booked for the salon, no longer linked to the erased call.
    const visit = await db(env.DB).select().from(schema.calendarBookings).where(eq(schema.calendarBookings.id, visitId)).get();
    expect(visit).toMatchObject({ callId: null, idempotencyKey: null, date: '2026-11-27', status: 'confirmed' });
    expect((await api('GET', `/calls/${callId}`, { key: company.key })).status).toBe(404);
    expect((await api('DELETE', `/calls/${callId}`, { key: company.key })).status).toBe(404);
  });
});

/** The export read as bytes: NDJSON is text, but not a content type the runtime's `.text()` recognises as such. */
async function exportNdjson(key: string, query: string) {
  const res = await SELF.fetch(`http://api.test/calls/export?${query}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, headers: res.headers, text: new TextDecoder().decode(await res.arrayBuffer()) };
}

describe('GET /calls/export', { timeout: 30_000 }, () => {
  it('streams NDJSON of the range, oldest first, each line the same detail as GET /calls/{id}', async () => {
    const { company, bot } = await createCompanyWithBot();
    const other = await createCompanyWithBot();
    const times = ['2026-11-02T08:00:00Z', '2026-11-02T12:30:00Z', '2026-11-03T09:15:00Z', '2026-11-09T10:00:00Z'];
    const [ids] = await Promise.all([
      Promise.all(times.map(async (at) => (await postCall(phoneCall(bot.id, { call_id: uniqueCallId('exp'), started_at: at }))).id)),
      postCall(phoneCall(other.bot.id, { call_id: uniqueCallId('foreign'), started_at: '2026-11-02T09:00:00Z' })),
    ]);

    const res = await exportNdjson(company.key, 'from=2026-11-02T00:00:00Z&to=2026-11-04T00:00:00Z');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="calls-2026-11-02-2026-11-04.ndjson"');
    const lines = res.text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(ids.slice(0, 3));
    for (const line of lines) expect(line).toEqual((await api('GET', `/calls/${line.id}`, { key: company.key })).body);
    expect(lines[0].transcript[1].text).toBe('ну эээ короче хочу на маникюр в пятницу');

    const empty = await exportNdjson(company.key, 'from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z');
    expect(empty.status).toBe(200);
    expect(empty.text).toBe('');
    const bad = await api('GET', '/calls/export?from=2026-11-04T00:00:00Z&to=2026-11-02T00:00:00Z', { key: company.key });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: 'query.to', message: 'to must be after from' }]);
    expect((await api('GET', '/calls/export?from=2026-11-02T00:00:00Z', { key: company.key })).body.error.details[0].path).toBe('query.to');
  });
});

describe('R2 prefixes of a company (for company erasure)', { timeout: 30_000 }, () => {
  it('names calls/{company}/ and recordings/{bot}/ of every bot, and deleting them leaves other companies alone', async () => {
    const { company, bot } = await createCompanyWithBot();
    const other = await createCompanyWithBot();
    const orphanRecording = `recordings/${bot.id}/2026/11/never-posted-call.ogg`;
    await env.CALLS.put(orphanRecording, new Uint8Array([1, 2, 3]));
    const [mine, theirs] = await Promise.all([
      postCall(phoneCall(bot.id, { call_id: uniqueCallId('mine') })),
      postCall(phoneCall(other.bot.id, { call_id: uniqueCallId('theirs') })),
    ]);
    const prefixes = await companyObjectPrefixes(env, company.id);
    expect(prefixes).toEqual([`calls/${company.id}/`, `recordings/${bot.id}/`]);
    expect(await deleteByPrefixes(env.CALLS, prefixes)).toBe(2);
    expect(await r2Keys(mine.transcriptKey!)).toEqual([]);
    expect(await r2Keys(orphanRecording)).toEqual([]);
    expect(await r2Keys(theirs.transcriptKey!)).toEqual([theirs.transcriptKey]);
  });
});
