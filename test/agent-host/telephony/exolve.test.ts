import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { createTelephony, ExolveTelephony, exolveNumberCode, LivekitSip, sipHostOf } from '../../../agent-host/src/telephony/index.ts';
import { type ExolveServer, startExolveServer } from '../../support/servers/exolve-server.ts';
import { type LivekitTwirpServer, startLivekitTwirpServer } from '../../support/servers/livekit-twirp-server.ts';

const lk = { apiKey: 'APIexolve1', apiSecret: 'sec_5b1f0d9c8e7a6b5c4d3e2f1a0b9c8d7e' };
const clinicNumber = '+74993334455';
let exolve: ExolveServer;
let livekit: LivekitTwirpServer;
let telephony: ExolveTelephony;

beforeEach(async () => {
  exolve = await startExolveServer({ apiKey: 'exo-key' });
  livekit = await startLivekitTwirpServer(lk);
  const sip = new LivekitSip({ url: livekit.url, ...lk, agentName: 'voicebot-agent' });
  telephony = new ExolveTelephony({ apiKey: 'exo-key', baseUrl: exolve.url, livekitSipHost: 'sip:vjnxecm0tjk.sip.livekit.cloud', callbackResourceId: 1657 }, sip);
});
afterEach(async () => {
  await exolve.close();
  await livekit.close();
});

describe('Exolve numbers forwarded to the LiveKit SIP URI', () => {
  it('attaches with SetCallForwarding type 1 (external SIP account) to +number@livekit-host:5060, Bearer key, JSON body', async () => {
    await telephony.attachNumber(clinicNumber);

    const req = exolve.requests[0];
    expect(req?.path).toBe('/number/v1/SetCallForwarding');
    expect(req?.authorization).toBe('Bearer exo-key');
    expect(req?.contentType).toBe('application/json');
    expect(req?.body).toEqual({
      number_code: 74993334455,
      call_forwarding_type: 1,
      call_forwarding_sip: { sip_uri: '+74993334455@vjnxecm0tjk.sip.livekit.cloud:5060' },
    });
    expect(exolve.forwarding.has(74993334455)).toBe(true);

    await telephony.detachNumber(clinicNumber);
    expect(exolve.requests[1]).toMatchObject({ path: '/number/v1/DeleteCallForwarding', body: { number_code: 74993334455 } });
    expect(exolve.forwarding.size).toBe(0);
  });

  it('a wrong key (401) is a fatal config error naming EXOLVE_API_KEY; 429 and 5xx are retryable', async () => {
    const wrong = createTelephony('exolve', {
      EXOLVE_API_KEY: 'revoked',
      EXOLVE_BASE_URL: exolve.url,
      LIVEKIT_SIP_URI: 'sip:vjnxecm0tjk.sip.livekit.cloud',
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
    }) as ExolveTelephony;
    const health = new ProviderHealth();

    const unauthorized = await wrong.attachNumber(clinicNumber).catch((e: unknown) => e);
    health.markFailure('telephony:exolve', unauthorized);
    expect(unauthorized).toMatchObject({ status: 401, fatal: true });
    expect((unauthorized as Error).message).toMatch(/EXOLVE_API_KEY rejected \(401\)/);
    expect(health.snapshot()['telephony:exolve']?.status).toBe('unavailable');

    for (const status of [429, 500, 503]) {
      exolve.failNext(status);
      await expect(telephony.attachNumber(clinicNumber)).rejects.toMatchObject({ status, retryable: true, fatal: false });
    }
  });

  it('rejects a number Exolve could not parse before sending anything', () => {
    expect(exolveNumberCode('+7 (499) 333-44-55')).toBe(74993334455);
    expect(() => exolveNumberCode('доб. 123')).toThrow(RangeError);
    expect(sipHostOf('sip:abc.sip.livekit.cloud:5060')).toBe('abc.sip.livekit.cloud');
  });
});

describe('Exolve calls', () => {
  it('dials out with MakeCallback: customer on line 1, the bot number (forwarded to LiveKit) on line 2', async () => {
    const callId = await telephony.dialOut('+79161234567', clinicNumber);

    expect(callId).toMatch(/^\d+$/);
    const req = exolve.requests[0];
    expect(req?.path).toBe('/call/v1/MakeCallback');
    expect(req?.body).toEqual({
      number_code: 74993334455,
      callback_resource_id: 1657,
      line_1: { destinations: [{ number: '79161234567', timeout: 30 }], display_number: '74993334455' },
      line_2: { destinations: [{ number: '74993334455', timeout: 30 }], display_number: '74993334455' },
    });
  });

  it('hangs up the call through LiveKit (RemoveParticipant → BYE to Exolve) once it is connected', async () => {
    livekit.participants.set('call-_+79161234567_Q2', new Set(['sip_+79161234567']));
    await telephony.connectToLivekit('sip_+79161234567', 'call-_+79161234567_Q2');

    await telephony.hangup('sip_+79161234567');

    expect(livekit.calls.at(-1)).toMatchObject({ method: 'RoomService/RemoveParticipant', body: { room: 'call-_+79161234567_Q2', identity: 'sip_+79161234567' } });
    expect(livekit.participants.get('call-_+79161234567_Q2')?.size).toBe(0);
    expect(exolve.requests).toEqual([]);
  });

  it('without a callback resource, outbound calls name the missing EXOLVE_CALLBACK_RESOURCE_ID', async () => {
    const bare = new ExolveTelephony({ apiKey: 'exo-key', baseUrl: exolve.url, livekitSipHost: 'x.sip.livekit.cloud' }, new LivekitSip({ url: livekit.url, ...lk, agentName: 'a' }));
    await expect(bare.dialOut('+79161234567', clinicNumber)).rejects.toMatchObject({ fatal: true, message: expect.stringMatching(/EXOLVE_CALLBACK_RESOURCE_ID/) });
  });
});
