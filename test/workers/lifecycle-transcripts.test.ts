import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CallResultSchema } from '../../core/call-result.ts';
import { db } from '../../workers/db/client.ts';
import { storeCall, resolveCallBot } from '../../workers/postcall/intake.ts';
import { callRow, phoneCall, postCall, r2Keys, runLifecycle } from './lifecycle-support.ts';
import { uniqueCallId, waitFor } from './postcall-support.ts';
import { ADMIN_KEY, api, createCompanyWithBot } from './support.ts';

const LATER_WORDS = ['часа в три наверное', 'в какое время вам удобно', 'записала вас до встречи'];

/** Stores a call the way intake did before the R2 move: transcript and metrics inline in D1. */
async function storeLegacy(input: ReturnType<typeof phoneCall>) {
  const result = CallResultSchema.parse(input);
  const resolved = await resolveCallBot(db(env.DB), result.bot_id);
  if ('error' in resolved) throw new Error(resolved.error);
  return (await storeCall(db(env.DB), result, resolved.bot)).row;
}

/** The API answer with the parts that differ between two stored copies of one call (ids, processing time) set aside. */
const comparable = (body: Record<string, unknown>) => ({ ...body, id: '·', processed_at: '·', booking: { ...(body.booking as object), id: '·' } });

describe('transcripts and turn metrics live in R2', { timeout: 30_000 }, () => {
  it('intake writes the transcript to calls/{company}/{yyyy}/{mm}/{call}.json and keeps only aggregates in D1', async () => {
    const { company, bot } = await createCompanyWithBot();
    const call = phoneCall(bot.id, { call_id: uniqueCallId('r2') });
    const row = await postCall(call);

    const key = `calls/${company.id}/2026/11/${call.call_id}.json`;
    expect(row.transcriptKey).toBe(key);
    expect(row.transcriptJson).toBe('[]');
    expect(row.metricsJson).toBe('[]');
    expect(JSON.parse(row.latenciesJson!)).toEqual([620, 540, 700]);
    const dRow = JSON.stringify(row);
    for (const words of LATER_WORDS) expect(dRow).not.toContain(words);

    const doc = await (await env.CALLS.get(key))!.json<{ transcript: { text: string }[]; metrics: unknown[] }>();
    expect(doc.transcript.map((t) => t.text)).toContain('часа в три наверное');
    expect(doc.metrics).toHaveLength(3);
    // The post-call consumer read the transcript back from R2 for its summary.
    expect(row.summary).toContain('ну эээ короче хочу на маникюр в пятницу');
    expect(await r2Keys(`calls/${company.id}/`)).toEqual([key]);
  });

  it('GET /calls/{id} answers exactly as for a call stored inline, before and after the migration job', async () => {
    const { company, bot } = await createCompanyWithBot();
    const base = phoneCall(bot.id);
    const inR2 = await postCall({ ...base, call_id: uniqueCallId('new') });
    const legacyId = uniqueCallId('old');
    await storeLegacy({ ...base, call_id: legacyId });
    await env.POSTCALL_QUEUE.send({ callId: legacyId });
    await waitFor(async () => (await callRow(legacyId))?.status === 'processed');
    expect((await callRow(legacyId))!.transcriptKey).toBeNull();

    const fromR2 = (await api('GET', `/calls/${inR2.id}`, { key: company.key })).body;
    const inline = (await api('GET', `/calls/${legacyId}`, { key: company.key })).body;
    expect(fromR2.transcript).toHaveLength(5);
    expect(fromR2.metrics[0]).toEqual({ turn: 1, source: 'scripted', engine_ms: 3, stt_ms: 310, tts_first_byte_ms: 240, total_ms: 620 });
    expect(comparable(fromR2)).toEqual(comparable(inline));

    const started = await api('POST', '/maintenance/transcript-migration', { key: ADMIN_KEY });
    expect(started.status).toBe(202);
    expect(started.body.queued).toBe(true);
    expect(await runLifecycle([{ kind: 'migrate-transcripts' }])).toMatchObject({ explicitAcks: [expect.any(String)] });
    const migrated = (await callRow(legacyId))!;
    expect(migrated.transcriptKey).toBe(`calls/${company.id}/2026/11/${legacyId}.json`);
    expect(migrated.transcriptJson).toBe('[]');
    expect(JSON.parse(migrated.latenciesJson!)).toEqual([620, 540, 700]);
    expect((await api('GET', `/calls/${legacyId}`, { key: company.key })).body).toEqual(inline);
  });

  it('the migration job walks every inline row in steps and can run twice', async () => {
    const { company, bot } = await createCompanyWithBot();
    const ids = await Promise.all(Array.from({ length: 3 }, async () => (await storeLegacy(phoneCall(bot.id, { call_id: uniqueCallId('bulk') }))).id));
    await runLifecycle([{ kind: 'migrate-transcripts' }]);
    await runLifecycle([{ kind: 'migrate-transcripts' }]);
    for (const id of ids) expect((await callRow(id))!.transcriptKey).toMatch(new RegExp(`^calls/${company.id}/2026/11/`));
    expect((await r2Keys(`calls/${company.id}/`)).sort()).toEqual(ids.map((id) => `calls/${company.id}/2026/11/${id}.json`).sort());
    const left = await api('POST', '/maintenance/transcript-migration', { key: ADMIN_KEY });
    expect(left.body).toEqual({ queued: false, inline_calls: 0 });
    expect((await api('POST', '/maintenance/transcript-migration', { key: company.key })).status).toBe(401);
  });

  it('analytics still aggregates per-turn latency from D1', async () => {
    const { company, bot } = await createCompanyWithBot();
    await postCall(phoneCall(bot.id, { call_id: uniqueCallId('lat') }));
    const res = await api('GET', `/analytics?bot_id=${bot.id}&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`, { key: company.key });
    expect(res.body.response_latency_ms).toEqual({ p50: 620, p95: 700, samples: 3 });
  });
});
