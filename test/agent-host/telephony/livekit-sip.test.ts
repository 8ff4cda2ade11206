import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../agent-host/src/providers/errors.ts';
import { createTelephony, LivekitSip, LivekitSipTelephony } from '../../../agent-host/src/telephony/index.ts';
import { type LivekitTwirpServer, startLivekitTwirpServer } from '../../support/servers/livekit-twirp-server.ts';

const creds = { apiKey: 'APIsalon01', apiSecret: 'sec_9f2c7d1e4b6a8f0c3e5d7b9a1c2e4f6a' };
const salonNumber = '+74951234567';
let server: LivekitTwirpServer;
let sip: LivekitSip;

beforeEach(async () => {
  server = await startLivekitTwirpServer(creds);
  sip = new LivekitSip({ url: server.url.replace('http', 'ws'), ...creds, agentName: 'voicebot-agent' });
});
afterEach(() => server.close());

describe('LiveKit SIP provisioning against a local Twirp server', () => {
  it('creates an inbound trunk and an individual-room dispatch rule that dispatches our agent with the bot id', async () => {
    const ids = await sip.provisionNumber({ number: salonNumber, botId: 'bot_salon', companyId: 'co_elegant' });

    expect(server.calls.map((c) => c.path)).toEqual(['/twirp/livekit.SIP/CreateSIPInboundTrunk', '/twirp/livekit.SIP/CreateSIPDispatchRule']);
    const [trunkCall, ruleCall] = server.calls;
    expect(trunkCall?.body.trunk).toMatchObject({ numbers: [salonNumber], name: `voicebot ${salonNumber}` });
    expect(JSON.parse(trunkCall?.body.trunk.metadata)).toEqual({ bot_id: 'bot_salon', company_id: 'co_elegant' });
    expect(ruleCall?.body).toMatchObject({
      rule: { dispatchRuleIndividual: { roomPrefix: 'call-' } },
      trunkIds: [ids.trunkId],
      roomConfig: { agents: [{ agentName: 'voicebot-agent' }] },
    });
    expect(JSON.parse(ruleCall?.body.roomConfig.agents[0].metadata)).toEqual({ bot_id: 'bot_salon' });
    expect(JSON.parse(ruleCall?.body.metadata)).toEqual({ bot_id: 'bot_salon' });
    for (const call of server.calls) {
      expect(call.claims).toMatchObject({ iss: creds.apiKey, sip: { admin: true } });
      expect(call.claims?.sip?.call).toBeUndefined();
    }
    expect(server.trunks.has(ids.trunkId)).toBe(true);
    expect(server.rules.has(ids.dispatchRuleId)).toBe(true);

    const listed = await sip.listInboundTrunks([salonNumber]);
    expect(listed.map((t) => [t.sipTrunkId, t.numbers])).toEqual([[ids.trunkId, [salonNumber]]]);
    expect(server.calls.at(-1)?.body).toEqual({ numbers: [salonNumber] });
  });

  it('releases a number (rule, then trunk) and treats already-deleted objects as done', async () => {
    const ids = await sip.provisionNumber({ number: salonNumber, botId: 'bot_salon' });
    server.calls.length = 0;

    await sip.releaseNumber(ids);
    await sip.releaseNumber(ids);

    expect(server.calls.slice(0, 2).map((c) => [c.method, c.body])).toEqual([
      ['SIP/DeleteSIPDispatchRule', { sipDispatchRuleId: ids.dispatchRuleId }],
      ['SIP/DeleteSIPTrunk', { sipTrunkId: ids.trunkId }],
    ]);
    expect(server.trunks.size + server.rules.size).toBe(0);
  });

  it('removes the trunk again when the dispatch rule cannot be created (5xx → retryable error)', async () => {
    server.failNext('SIP/CreateSIPDispatchRule', 503, 'unavailable', 'sip service restarting');

    const error = await sip.provisionNumber({ number: salonNumber, botId: 'bot_salon' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 503, retryable: true, fatal: false });
    expect(server.trunks.size).toBe(0);
    expect(server.calls.at(-1)?.method).toBe('SIP/DeleteSIPTrunk');
  });

  it('a wrong API secret (Twirp unauthenticated, 401) is a fatal config error naming both env keys', async () => {
    const wrong = new LivekitSip({ url: server.url, apiKey: creds.apiKey, apiSecret: 'not-the-secret', agentName: 'voicebot-agent' });

    const error = await wrong.provisionNumber({ number: salonNumber, botId: 'bot_salon' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 401, fatal: true, retryable: false });
    expect((error as Error).message).toMatch(/LIVEKIT_API_KEY and LIVEKIT_API_SECRET/);
    expect((error as Error).message).toMatch(/invalid signature/);
    expect(server.trunks.size).toBe(0);
  });
});

describe('LiveKit SIP calls', () => {
  it('dials out: agent dispatch (roomAdmin on the room), then CreateSIPParticipant with the sip.call grant; hangup removes the participant', async () => {
    const telephony = new LivekitSipTelephony(sip);

    const call = await telephony.dial({ to: '+79161234567', botId: 'bot_salon', outboundTrunkId: 'ST_OUTBOUND1', fromNumber: salonNumber });

    const [dispatch, dial] = server.calls;
    expect(dispatch?.path).toBe('/twirp/livekit.AgentDispatchService/CreateDispatch');
    expect(dispatch?.body).toMatchObject({ room: call.room, agentName: 'voicebot-agent' });
    expect(JSON.parse(dispatch?.body.metadata)).toEqual({ bot_id: 'bot_salon', direction: 'outbound' });
    expect(dispatch?.claims?.video).toMatchObject({ roomAdmin: true, room: call.room });
    expect(dial?.path).toBe('/twirp/livekit.SIP/CreateSIPParticipant');
    expect(dial?.body).toMatchObject({
      sipTrunkId: 'ST_OUTBOUND1',
      sipCallTo: '+79161234567',
      sipNumber: salonNumber,
      roomName: call.room,
      participantIdentity: 'sip-79161234567',
    });
    expect(dial?.claims?.sip).toEqual({ call: true });
    expect(call.sipCallId).toMatch(/^SCL_/);

    await telephony.hangup(call.participantIdentity);

    const hang = server.calls.at(-1);
    expect(hang?.path).toBe('/twirp/livekit.RoomService/RemoveParticipant');
    expect(hang?.body).toEqual({ room: call.room, identity: 'sip-79161234567' });
    expect(hang?.claims?.video).toMatchObject({ roomAdmin: true, room: call.room });
    expect(server.participants.get(call.room)?.size).toBe(0);
  });

  it('hangs up an inbound caller the dispatch rule put in a room; an unknown call id is refused', async () => {
    server.participants.set('call-_+79161234567_Xy1', new Set(['sip_+79161234567']));
    const telephony = createTelephony('livekit', { LIVEKIT_URL: server.url, LIVEKIT_API_KEY: creds.apiKey, LIVEKIT_API_SECRET: creds.apiSecret });

    await expect(telephony.hangup('sip_+79161234567')).rejects.toThrow(/unknown call/);
    await telephony.connectToLivekit('sip_+79161234567', 'call-_+79161234567_Xy1');
    await telephony.hangup('sip_+79161234567');

    expect(server.participants.get('call-_+79161234567_Xy1')?.size).toBe(0);
  });

  it('an unanswered outbound dial cleans the room up and reports the SIP failure', async () => {
    server.failNext('SIP/CreateSIPParticipant', 400, 'invalid_argument', 'number is not routable');

    const error = await sip.dialOut({ to: '+79161234567', botId: 'bot_salon', outboundTrunkId: 'ST_OUTBOUND1' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 400, fatal: false, retryable: false });
    expect(server.calls.map((c) => c.method)).toEqual(['AgentDispatchService/CreateDispatch', 'SIP/CreateSIPParticipant', 'RoomService/DeleteRoom']);
  });
});

describe('createTelephony', () => {
  it('names every missing variable for each provider', () => {
    expect(() => createTelephony('livekit', {})).toThrow(/livekit telephony is not configured: set LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET/);
    expect(() => createTelephony('exolve', { LIVEKIT_URL: 'wss://x.livekit.cloud' })).toThrow(/set EXOLVE_API_KEY, LIVEKIT_SIP_URI, LIVEKIT_API_KEY, LIVEKIT_API_SECRET/);
    expect(() => createTelephony('twilio', { TWILIO_ACCOUNT_SID: 'AC1' })).toThrow(/set TWILIO_AUTH_TOKEN, LIVEKIT_SIP_URI/);
    expect(createTelephony('twilio', { TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', LIVEKIT_SIP_URI: 'sip:abc.sip.livekit.cloud' }).name).toBe('twilio');
  });
});
