import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIVEKIT, NO_LIVEKIT, apiWithEnv, stubLivekit } from './livekit-fake.ts';
import { createCompanyWithBot } from './support.ts';

afterEach(() => vi.restoreAllMocks());

/** A request with LiveKit explicitly unset (whatever .dev.vars holds). */
const plain = (method: string, path: string, opts: { key?: string; body?: unknown } = {}) => apiWithEnv(NO_LIVEKIT, method, path, opts);

const OUTBOUND = { ...LIVEKIT, LIVEKIT_SIP_OUTBOUND_TRUNK_ID: 'ST_outbound01' };

describe('POST /bots/{id}/calls', () => {
  it('dispatches the agent into a new room with the bot id, then dials via the outbound trunk with the sip.call grant', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lk = stubLivekit();
    const botNumber = `+7812${String(Date.now() % 10_000_000).padStart(7, '0')}`;
    await plain('POST', `/bots/${bot.id}/phone-numbers`, { key: company.key, body: { number: botNumber, provider: 'exolve' } });

    const res = await apiWithEnv(OUTBOUND, 'POST', `/bots/${bot.id}/calls`, { key: company.key, body: { to: '+79161234567' } });

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ bot_id: bot.id, to: '+79161234567', from: botNumber, participant_identity: 'sip-79161234567', sip_call_id: expect.stringMatching(/^SCL_/) });
    const [dispatch, dial] = lk.calls;
    expect(dispatch?.method).toBe('AgentDispatchService/CreateDispatch');
    expect(dispatch?.body).toMatchObject({ room: res.body.room, agentName: 'voicebot-agent' });
    expect(JSON.parse(dispatch?.body.metadata)).toEqual({ bot_id: bot.id, direction: 'outbound' });
    expect(dispatch?.claims?.video).toMatchObject({ roomAdmin: true, room: res.body.room });
    expect(dial?.method).toBe('SIP/CreateSIPParticipant');
    expect(dial?.body).toMatchObject({ sipTrunkId: 'ST_outbound01', sipCallTo: '+79161234567', sipNumber: botNumber, roomName: res.body.room });
    expect(dial?.claims?.sip).toEqual({ call: true });
    expect(res.body.room).toMatch(/^call-out-/);
  });

  it('without LiveKit or an outbound trunk: 503 naming exactly what is missing', async () => {
    const { company, bot } = await createCompanyWithBot();

    const none = await plain('POST', `/bots/${bot.id}/calls`, { key: company.key, body: { to: '+79161234567' } });
    const noTrunk = await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/calls`, { key: company.key, body: { to: '+79161234567' } });

    expect(none.status).toBe(503);
    expect(none.body.error).toMatchObject({ code: 'telephony_not_configured', details: { missing: ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'LIVEKIT_SIP_OUTBOUND_TRUNK_ID'] } });
    expect(noTrunk.status).toBe(503);
    expect(noTrunk.body.error.message).toBe('outbound calls are not configured: set LIVEKIT_SIP_OUTBOUND_TRUNK_ID');
  });

  it('a failed dial is a 502 with the LiveKit reason, and the room is cleaned up', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lk = stubLivekit({ fail: { 'SIP/CreateSIPParticipant': { status: 400, code: 'invalid_argument', msg: 'outbound trunk not found' } } });

    const res = await apiWithEnv(OUTBOUND, 'POST', `/bots/${bot.id}/calls`, { key: company.key, body: { to: '+79161234567' } });

    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'livekit_error', message: expect.stringMatching(/outbound trunk not found/) });
    expect(lk.calls.map((c) => c.method)).toEqual(['AgentDispatchService/CreateDispatch', 'SIP/CreateSIPParticipant', 'RoomService/DeleteRoom']);
  });

  it("validates the number and isolates tenants (company B → 404 on A's bot)", async () => {
    const a = await createCompanyWithBot();
    const b = await createCompanyWithBot('car-service.yaml');
    const lk = stubLivekit();

    const bad = await apiWithEnv(OUTBOUND, 'POST', `/bots/${a.bot.id}/calls`, { key: a.company.key, body: { to: '89161234567' } });
    const foreign = await apiWithEnv(OUTBOUND, 'POST', `/bots/${a.bot.id}/calls`, { key: b.company.key, body: { to: '+79161234567' } });

    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('json.to');
    expect(foreign.status).toBe(404);
    expect(lk.calls).toEqual([]);
  });
});
