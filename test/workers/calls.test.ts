import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { api, createCompanyWithBot } from './support.ts';

type NewCall = typeof schema.calls.$inferInsert;

/** Seeds finished calls straight into D1 (intake has its own tests). */
async function seedCalls(companyId: string, botId: string, calls: Partial<NewCall>[]) {
  const base = Date.parse('2026-11-20T09:00:00Z');
  const rows = calls.map((c, i) => ({
    id: `call-${companyId}-${i}`,
    companyId,
    botId,
    startedAt: base + i * 3_600_000,
    endedAt: base + i * 3_600_000 + 90_000,
    durationMs: 90_000,
    endedBy: 'caller',
    status: 'processed' as const,
    turnCount: 4,
    transcriptJson: JSON.stringify([
      { role: 'bot', text: 'Здравствуйте! Салон красоты Элегант. Чем могу помочь?', at: new Date(base).toISOString() },
      { role: 'caller', text: 'Хочу записаться на маникюр', at: new Date(base + 2000).toISOString() },
    ]),
    ...c,
  }));
  await db(env.DB).insert(schema.calls).values(rows);
  return rows;
}

describe('calls', () => {
  it('lists calls newest first and pages with a cursor', async () => {
    const { company, bot } = await createCompanyWithBot();
    await seedCalls(company.id, bot.id, Array.from({ length: 5 }, () => ({})));
    const first = await api('GET', '/calls?limit=2', { key: company.key });
    expect(first.status).toBe(200);
    expect(first.body.calls.map((c: { id: string }) => c.id)).toEqual([`call-${company.id}-4`, `call-${company.id}-3`]);
    const second = await api('GET', `/calls?limit=2&cursor=${first.body.next_cursor}`, { key: company.key });
    const third = await api('GET', `/calls?limit=2&cursor=${second.body.next_cursor}`, { key: company.key });
    expect(second.body.calls.map((c: { id: string }) => c.id)).toEqual([`call-${company.id}-2`, `call-${company.id}-1`]);
    expect(third.body.calls.map((c: { id: string }) => c.id)).toEqual([`call-${company.id}-0`]);
    expect(third.body.next_cursor).toBeNull();
  });

  it('filters by bot, status, outcome and time range', async () => {
    const { company, bot } = await createCompanyWithBot();
    await seedCalls(company.id, bot.id, [
      { outcome: 'booking_created' },
      { outcome: null, status: 'failed' },
      { outcome: 'booking_created' },
      { outcome: 'lead_qualified' },
    ]);
    const ids = (res: { body: { calls: { id: string }[] } }) => res.body.calls.map((c) => c.id.split('-').pop());
    expect(ids(await api('GET', '/calls?outcome=booking_created', { key: company.key }))).toEqual(['2', '0']);
    expect(ids(await api('GET', '/calls?outcome=none', { key: company.key }))).toEqual(['1']);
    expect(ids(await api('GET', '/calls?status=failed', { key: company.key }))).toEqual(['1']);
    expect(ids(await api('GET', `/calls?bot_id=${bot.id}&from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z`, { key: company.key }))).toEqual(['2', '1']);
    expect((await api('GET', '/calls?bot_id=bot_other', { key: company.key })).body.calls).toEqual([]);
  });

  it('rejects bad filters with paths: limit over 100, bad date, bad status, bad cursor', async () => {
    const { company } = await createCompanyWithBot();
    const res = await api('GET', '/calls?limit=500&from=yesterday&status=lost', { key: company.key });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['query.from', 'query.limit', 'query.status']);
    expect((await api('GET', '/calls?cursor=%%%', { key: company.key })).status).toBe(422);
  });

  it('GET /calls/{id} returns the transcript, fields and timings', async () => {
    const { company, bot } = await createCompanyWithBot();
    const [row] = await seedCalls(company.id, bot.id, [
      { outcome: 'booking_created', fieldsJson: JSON.stringify({ service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' }), metricsJson: JSON.stringify([{ turn: 1, source: 'scripted', engine_ms: 0.2, total_ms: 180 }]) },
    ]);
    const res = await api('GET', `/calls/${row!.id}`, { key: company.key });
    expect(res.status).toBe(200);
    expect(res.body.transcript[1]).toMatchObject({ role: 'caller', text: 'Хочу записаться на маникюр' });
    expect(res.body.fields).toEqual({ service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' });
    expect(res.body.metrics[0].total_ms).toBe(180);
    expect(res.body.started_at).toBe('2026-11-20T09:00:00.000Z');
  });
});
