import { afterEach, describe, expect, it, vi } from 'vitest';
import { env } from 'cloudflare:workers';
import { LIVEKIT, apiWithEnv, stubLivekit } from './livekit-fake.ts';
import { SERVICE_TOKEN, api, createCompanyWithBot, scenarioText } from './support.ts';

afterEach(() => vi.restoreAllMocks());

let serial = 0;
const freshNumber = () => `+7812${String(Date.now() % 1_000_000).padStart(6, '0')}${serial++ % 10}`;

describe('hardening: phone numbers of deleted bots', { timeout: 30_000 }, () => {
  it('deleting a bot releases its numbers on LiveKit, and the number can be attached to another bot', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lk = stubLivekit();
    const number = freshNumber();
    const attached = await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'livekit' } });
    expect(attached.status).toBe(201);

    expect((await apiWithEnv(LIVEKIT, 'DELETE', `/bots/${bot.id}`, { key: company.key })).status).toBe(204);
    expect(lk.calls.slice(2).map((c) => c.method)).toEqual(['SIP/DeleteSIPDispatchRule', 'SIP/DeleteSIPTrunk']);
    expect((await api('GET', `/internal/phone-numbers/${encodeURIComponent(number)}/bot`, { key: SERVICE_TOKEN })).status).toBe(404);

    const next = await api('POST', '/bots', { key: company.key, body: scenarioText('dental-clinic.yaml'), headers: { 'content-type': 'application/yaml' } });
    const again = await apiWithEnv(LIVEKIT, 'POST', `/bots/${next.body.id}/phone-numbers`, { key: company.key, body: { number, provider: 'livekit' } });
    expect(again.status).toBe(201);
    expect(again.body.bot_id).toBe(next.body.id);
  });

  it('keeps the bot and says why when LiveKit refuses to release its number', async () => {
    const { company, bot } = await createCompanyWithBot();
    stubLivekit({ fail: { 'SIP/DeleteSIPDispatchRule': { status: 500, code: 'internal', msg: 'sip service down' } } });
    const number = freshNumber();
    await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'livekit' } });
    const del = await apiWithEnv(LIVEKIT, 'DELETE', `/bots/${bot.id}`, { key: company.key });
    expect(del.status).toBe(502);
    expect(del.body.error.code).toBe('livekit_error');
    expect((await api('GET', `/bots/${bot.id}`, { key: company.key })).status).toBe(200);
  });

  it('frees a number still held by a bot deleted before numbers were released', async () => {
    const { company, bot } = await createCompanyWithBot();
    const number = freshNumber();
    expect((await api('POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'twilio' } })).status).toBe(201);
    // What an older delete left behind: the bot soft-deleted, its number row still there.
    await env.DB.prepare('UPDATE bots SET deleted_at = ? WHERE id = ?').bind(Date.now(), bot.id).run();

    const next = await api('POST', '/bots', { key: company.key, body: scenarioText('car-service.yaml'), headers: { 'content-type': 'application/yaml' } });
    const again = await api('POST', `/bots/${next.body.id}/phone-numbers`, { key: company.key, body: { number, provider: 'twilio' } });
    expect(again.status).toBe(201);
    const found = await api('GET', `/internal/phone-numbers/${encodeURIComponent(number)}/bot`, { key: SERVICE_TOKEN });
    expect(found.body.bot.id).toBe(next.body.id);
  });
});
