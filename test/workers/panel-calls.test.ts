import { describe, expect, it } from 'vitest';
import { api, createCompanyWithBot, SERVICE_TOKEN } from './support.ts';

async function storeCall(botId: string, id: string, caller: string | null, startedAt: string) {
  const res = await api('POST', '/internal/calls', {
    key: SERVICE_TOKEN,
    body: {
      call_id: id, bot_id: botId, started_at: startedAt, ended_at: new Date(Date.parse(startedAt) + 30_000).toISOString(),
      caller_number: caller, turns: [{ role: 'caller', text: 'алло а вы до скольки работаете', at: startedAt }], outcome: null, ended_by: 'caller',
    },
  });
  expect(res.status).toBe(202);
}

describe('the call list for the panel: a phone filter', () => {
  it('finds calls by any part of the number, however it is typed', async () => {
    const { company, bot } = await createCompanyWithBot();
    const tag = crypto.randomUUID().slice(0, 8);
    await storeCall(bot.id, `ph-${tag}-1`, '+79161234567', '2026-12-01T10:00:00Z');
    await storeCall(bot.id, `ph-${tag}-2`, '+79035550011', '2026-12-01T11:00:00Z');
    await storeCall(bot.id, `ph-${tag}-3`, null, '2026-12-01T12:00:00Z');
    const ids = async (phone: string) => (await api('GET', `/calls?bot_id=${bot.id}&phone=${encodeURIComponent(phone)}`, { key: company.key })).body.calls.map((c: any) => c.id);
    expect(await ids('8 (916) 123-45-67')).toEqual([`ph-${tag}-1`]);
    expect(await ids('+7 903')).toEqual([`ph-${tag}-2`]);
    expect(await ids('4567')).toEqual([`ph-${tag}-1`]);
    const bad = await api('GET', `/calls?phone=%25%25`, { key: company.key });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('query.phone');
  });
});
