import { describe, expect, it } from 'vitest';
import { api, createCompanyWithBot, SERVICE_TOKEN } from './support.ts';
import { callResult } from './postcall-support.ts';

describe('hardening: a slug is unique within its company only', { timeout: 30_000 }, () => {
  it('resolves a slug within the company the dispatch names, while another company reuses it', async () => {
    const first = await createCompanyWithBot('salon-bot-1.yaml');
    const second = await createCompanyWithBot('salon-bot-1.yaml');
    expect(first.bot.slug).toBe(second.bot.slug);

    for (const { company, bot } of [first, second]) {
      const res = await api('GET', `/internal/bots/${bot.slug}/runtime?company_id=${company.id}`, { key: SERVICE_TOKEN });
      expect(res.status).toBe(200);
      expect(res.body.bot).toMatchObject({ id: bot.id, company_id: company.id, slug: bot.slug });
      // By internal id a call never depends on who else uses the slug.
      expect((await api('GET', `/internal/bots/${bot.id}/runtime`, { key: SERVICE_TOKEN })).body.bot.id).toBe(bot.id);
    }
    const elsewhere = await api('GET', `/internal/bots/${first.bot.id}/runtime?company_id=${second.company.id}`, { key: SERVICE_TOKEN });
    expect(elsewhere.status).toBe(404);
    const bare = await api('GET', `/internal/bots/${first.bot.slug}/runtime`, { key: SERVICE_TOKEN });
    expect(bare.status).toBe(409);
    expect(bare.body.error.message).toMatch(/use the bot id|company_id/);
  });

  it('stores each company’s calls when both post CallResults for bots with the same slug', async () => {
    const first = await createCompanyWithBot('salon-bot-1.yaml');
    const second = await createCompanyWithBot('salon-bot-1.yaml');
    for (const { company, bot } of [first, second]) {
      const posted = await api('POST', '/internal/calls', { key: SERVICE_TOKEN, body: callResult(bot.id) });
      expect(posted.status).toBe(202);
      expect(posted.body.bot_id).toBe(bot.id);
      const calls = await api('GET', '/calls', { key: company.key });
      expect(calls.body.calls.map((c: { id: string }) => c.id)).toEqual([posted.body.call_id]);
    }
  });

  it('never answers a booking request by slug with another company’s calendar', async () => {
    const first = await createCompanyWithBot('salon-bot-1.yaml');
    const second = await createCompanyWithBot('salon-bot-1.yaml');
    const query = { service: 'маникюр', date: '2026-11-27', time: '15:00' };
    const bySlug = await api('POST', `/internal/bots/${first.bot.slug}/availability`, { key: SERVICE_TOKEN, body: query });
    expect(bySlug.status).toBe(409);
    expect(bySlug.body.error.code).toBe('conflict');
    const byId = await api('POST', `/internal/bots/${second.bot.id}/availability`, { key: SERVICE_TOKEN, body: query });
    expect(byId.status).not.toBe(409);
  });
});
