import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIVEKIT, NO_LIVEKIT, apiWithEnv, stubLivekit } from './livekit-fake.ts';
import { createCompany, createCompanyWithBot } from './support.ts';

afterEach(() => vi.restoreAllMocks());

const claimsOf = (jwt: string) => JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, any>;

describe('POST /bots/{id}/web-call: a voice test call from the browser', () => {
  it('dispatches the agent into a new web room and hands back a join token for that room only', async () => {
    const { company, bot } = await createCompanyWithBot();
    const lk = stubLivekit();
    const res = await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/web-call`, { key: company.key });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ url: LIVEKIT.LIVEKIT_URL, room: expect.stringMatching(/^call-web-/), dispatch_id: expect.stringMatching(/^AD_/) });
    const [dispatch] = lk.calls;
    expect(dispatch?.method).toBe('AgentDispatchService/CreateDispatch');
    expect(dispatch?.body).toMatchObject({ room: res.body.room, agentName: 'voicebot-agent' });
    expect(JSON.parse(dispatch?.body.metadata)).toEqual({ bot_id: bot.id, direction: 'inbound', channel: 'web' });
    const claims = claimsOf(res.body.token);
    expect(claims).toMatchObject({ iss: LIVEKIT.LIVEKIT_API_KEY, video: { roomJoin: true, room: res.body.room, canPublish: true, canSubscribe: true } });
    expect(claims.video.roomAdmin).toBeUndefined();
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(600);
  });

  it('without LiveKit: 503 naming what is missing; another company\'s bot: 404; LiveKit down: 502', async () => {
    const { company, bot } = await createCompanyWithBot();
    const none = await apiWithEnv(NO_LIVEKIT, 'POST', `/bots/${bot.id}/web-call`, { key: company.key });
    expect(none.status).toBe(503);
    expect(none.body.error).toMatchObject({ code: 'voice_not_configured', details: { missing: ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] } });
    const other = await createCompany('Чужая');
    stubLivekit();
    expect((await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/web-call`, { key: other.key })).status).toBe(404);
    vi.restoreAllMocks();
    stubLivekit({ fail: { 'AgentDispatchService/CreateDispatch': { status: 503, code: 'unavailable', msg: 'no agent workers' } } });
    const down = await apiWithEnv(LIVEKIT, 'POST', `/bots/${bot.id}/web-call`, { key: company.key });
    expect(down.status).toBe(502);
    expect(down.body.error.message).toMatch(/no agent workers/);
  });
});
