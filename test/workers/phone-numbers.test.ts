import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXOLVE, LIVEKIT, NO_LIVEKIT, apiWithEnv, stubLivekit } from './livekit-fake.ts';
import { SERVICE_TOKEN, api, createCompanyWithBot } from './support.ts';

afterEach(() => vi.restoreAllMocks());

/** A request with LiveKit explicitly unset (whatever .dev.vars holds). */
const plain = (method: string, path: string, opts: { key?: string; body?: unknown } = {}) => apiWithEnv(NO_LIVEKIT, method, path, opts);

/** A number unique to this test run (phone_numbers.number is globally unique). */
let serial = 0;
const freshNumber = () => `+7495${String(Date.now() % 1_000_000).padStart(6, '0')}${serial++ % 10}`;

describe('POST /bots/{id}/phone-numbers with LiveKit configured', () => {
  it('provisions an inbound trunk + individual-room dispatch rule to our agent with the bot id, stores both ids', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lk = stubLivekit();
    const number = freshNumber();

    const res = await apiWithEnv({ ...LIVEKIT, AGENT_NAME: 'salon-agent' }, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'exolve' } });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ bot_id: bot.id, number, provider: 'exolve', provisioned: true, livekit_trunk_id: expect.stringMatching(/^ST_/), livekit_dispatch_rule_id: expect.stringMatching(/^SDR_/) });
    expect(lk.calls.map((c) => c.method)).toEqual(['SIP/CreateSIPInboundTrunk', 'SIP/CreateSIPDispatchRule']);
    const [trunk, rule] = lk.calls;
    expect(trunk?.body.trunk).toMatchObject({ numbers: [number] });
    expect(JSON.parse(trunk?.body.trunk.metadata)).toEqual({ bot_id: bot.id, company_id: company.id });
    expect(rule?.body).toMatchObject({ rule: { dispatchRuleIndividual: { roomPrefix: 'call-' } }, trunkIds: [res.body.livekit_trunk_id], roomConfig: { agents: [{ agentName: 'salon-agent' }] } });
    expect(JSON.parse(rule?.body.roomConfig.agents[0].metadata)).toEqual({ bot_id: bot.id });
    for (const call of lk.calls) expect(call.claims).toMatchObject({ iss: LIVEKIT.LIVEKIT_API_KEY, sip: { admin: true } });

    const listed = await api('GET', `/bots/${bot.id}/phone-numbers`, { key: company.key });
    expect(listed.body.phone_numbers).toEqual([res.body]);
  });

  it("uses AGENT_NAME's default 'voicebot-agent' and the internal lookup finds the bot by the attached number", async () => {
    const { company, bot } = await createCompanyWithBot('dental-clinic.yaml');
    const lk = stubLivekit();
    const number = freshNumber();

    await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'livekit' } });

    expect(lk.calls[1]?.body.roomConfig.agents[0].agentName).toBe('voicebot-agent');
    const found = await api('GET', `/internal/phone-numbers/${encodeURIComponent(number)}/bot`, { key: SERVICE_TOKEN });
    expect(found.status).toBe(200);
    expect(found.body.bot).toMatchObject({ id: bot.id, slug: bot.slug, company_id: company.id });
  });

  it('deletes the dispatch rule and trunk on DELETE, and the number no longer resolves', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lk = stubLivekit();
    const number = freshNumber();
    const attached = await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'twilio' } });

    const del = await apiWithEnv(LIVEKIT, 'DELETE', `/bots/${bot.id}/phone-numbers/${attached.body.id}`, { key: company.key });

    expect(del.status).toBe(204);
    expect(lk.calls.slice(2).map((c) => [c.method, c.body])).toEqual([
      ['SIP/DeleteSIPDispatchRule', { sipDispatchRuleId: attached.body.livekit_dispatch_rule_id }],
      ['SIP/DeleteSIPTrunk', { sipTrunkId: attached.body.livekit_trunk_id }],
    ]);
    expect((await api('GET', `/bots/${bot.id}/phone-numbers`, { key: company.key })).body.phone_numbers).toEqual([]);
    expect((await api('GET', `/internal/phone-numbers/${encodeURIComponent(number)}/bot`, { key: SERVICE_TOKEN })).status).toBe(404);
  });

  it('a LiveKit credentials error (Twirp unauthenticated) is a clear 503 and nothing is stored', async () => {
    const { company, bot } = await createCompanyWithBot();
    stubLivekit({ fail: { 'SIP/CreateSIPInboundTrunk': { status: 401, code: 'unauthenticated', msg: 'invalid token' } } });
    const number = freshNumber();

    const res = await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'livekit' } });

    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'telephony_misconfigured', message: expect.stringMatching(/LIVEKIT_API_KEY and LIVEKIT_API_SECRET/) });
    expect((await api('GET', `/bots/${bot.id}/phone-numbers`, { key: company.key })).body.phone_numbers).toEqual([]);
  });

  it('removes the new trunk when the dispatch rule fails (502, number not stored)', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lk = stubLivekit({ fail: { 'SIP/CreateSIPDispatchRule': { status: 500, code: 'internal', msg: 'sip service down' } } });

    const res = await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number: freshNumber(), provider: 'livekit' } });

    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('livekit_error');
    expect(lk.calls.map((c) => c.method)).toEqual(['SIP/CreateSIPInboundTrunk', 'SIP/CreateSIPDispatchRule', 'SIP/DeleteSIPTrunk']);
  });
});

describe('Exolve numbers', () => {
  it('with EXOLVE_API_KEY and LIVEKIT_SIP_URI, attaching sets the Exolve forwarding to the LiveKit SIP URI; detaching deletes it', async () => {
    const { company, bot } = await createCompanyWithBot('dental-clinic.yaml');
    const lk = stubLivekit();
    const number = freshNumber();

    const res = await apiWithEnv({ ...LIVEKIT, ...EXOLVE }, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'exolve' } });

    expect(res.status).toBe(201);
    expect(res.body.inbound_sip_uri).toBe(`sip:${number}@vjnxecm0tjk.sip.livekit.cloud`);
    expect(lk.exolveCalls).toEqual([
      {
        path: '/number/v1/SetCallForwarding',
        authorization: 'Bearer exo-worker-key',
        body: { number_code: Number(number.slice(1)), call_forwarding_type: 1, call_forwarding_sip: { sip_uri: `${number}@vjnxecm0tjk.sip.livekit.cloud:5060` } },
      },
    ]);

    expect((await apiWithEnv({ ...LIVEKIT, ...EXOLVE }, 'DELETE', `/bots/${bot.id}/phone-numbers/${res.body.id}`, { key: company.key })).status).toBe(204);
    expect(lk.exolveCalls[1]).toMatchObject({ path: '/number/v1/DeleteCallForwarding', body: { number_code: Number(number.slice(1)) } });
  });

  it('an Exolve 401 is a 503 naming EXOLVE_API_KEY, and the LiveKit trunk and rule made before it are removed', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lk = stubLivekit();

    const res = await apiWithEnv({ ...LIVEKIT, ...EXOLVE, EXOLVE_API_KEY: 'revoked' }, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number: freshNumber(), provider: 'exolve' } });

    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/Exolve rejected EXOLVE_API_KEY \(401\)/);
    expect(lk.calls.map((c) => c.method)).toEqual(['SIP/CreateSIPInboundTrunk', 'SIP/CreateSIPDispatchRule', 'SIP/DeleteSIPDispatchRule', 'SIP/DeleteSIPTrunk']);
    expect((await api('GET', `/bots/${bot.id}/phone-numbers`, { key: company.key })).body.phone_numbers).toEqual([]);
  });
});

describe('POST /bots/{id}/phone-numbers without LiveKit', () => {
  it('stores the number only (provisioned: false) and makes no network call', async () => {
    const { company, bot } = await createCompanyWithBot();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const number = freshNumber();

    const res = await plain('POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number, provider: 'exolve' } });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number, provisioned: false, livekit_trunk_id: null, livekit_dispatch_rule_id: null });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect((await plain('DELETE', `/bots/${bot.id}/phone-numbers/${res.body.id}`, { key: company.key })).status).toBe(204);
  });

  it('validates E.164 and the provider; a number attached anywhere is 409', async () => {
    const a = await createCompanyWithBot();
    const b = await createCompanyWithBot('car-service.yaml');
    const number = freshNumber();
    const bad = await plain('POST', `/bots/${a.bot.id}/phone-numbers`, { key: a.company.key, body: { number: '8 (495) 123-45-67', provider: 'sipnet' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['json.number', 'json.provider']);

    expect((await plain('POST', `/bots/${a.bot.id}/phone-numbers`, { key: a.company.key, body: { number, provider: 'livekit' } })).status).toBe(201);
    const again = await plain('POST', `/bots/${a.bot.id}/phone-numbers`, { key: a.company.key, body: { number, provider: 'livekit' } });
    const elsewhere = await plain('POST', `/bots/${b.bot.id}/phone-numbers`, { key: b.company.key, body: { number, provider: 'twilio' } });

    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ bot_id: a.bot.id });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.details).toBeUndefined();
  });

  it("tenant isolation: company B gets 404 on A's bot numbers and cannot delete them", async () => {
    const a = await createCompanyWithBot();
    const b = await createCompanyWithBot('car-service.yaml');
    const number = freshNumber();
    const attached = await plain('POST', `/bots/${a.bot.id}/phone-numbers`, { key: a.company.key, body: { number, provider: 'livekit' } });

    for (const [method, path, body] of [
      ['GET', `/bots/${a.bot.id}/phone-numbers`, undefined],
      ['POST', `/bots/${a.bot.id}/phone-numbers`, { number: freshNumber(), provider: 'livekit' }],
      ['DELETE', `/bots/${a.bot.id}/phone-numbers/${attached.body.id}`, undefined],
      ['DELETE', `/bots/${b.bot.id}/phone-numbers/${attached.body.id}`, undefined],
    ] as const) {
      const res = await api(method, path, { key: b.company.key, body });
      expect.soft(res.status, `${method} ${path}`).toBe(404);
      expect.soft(JSON.stringify(res.body)).not.toContain(number);
    }
    expect((await api('GET', `/bots/${a.bot.id}/phone-numbers`, { key: a.company.key })).body.phone_numbers).toHaveLength(1);
    expect((await api('GET', `/bots/${a.bot.id}/phone-numbers`)).status).toBe(401);
  });

  it('deleting a provisioned number without LiveKit settings is refused with 503 (no orphaned trunk)', async () => {
    const { company, bot } = await createCompanyWithBot();
    stubLivekit();
    const attached = await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number: freshNumber(), provider: 'livekit' } });

    const res = await plain('DELETE', `/bots/${bot.id}/phone-numbers/${attached.body.id}`, { key: company.key });

    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/set LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET/);
    expect((await api('GET', `/bots/${bot.id}/phone-numbers`, { key: company.key })).body.phone_numbers).toHaveLength(1);
  });
});
