import { describe, expect, it } from 'vitest';
import { TwilioTelephony, twimlDialLivekit } from '../../../agent-host/src/telephony/twilio.ts';
import { twilioSignature, verifyTwilioSignature } from '../../../agent-host/src/telephony/twilio-signature.ts';
import { readBody, sendJson, startLocalServer } from '../../support/servers/http-util.ts';

const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';

describe('X-Twilio-Signature', () => {
  it("matches both worked examples from Twilio's request-validation docs", () => {
    const base = { CallSid: 'CA1234567890ABCDE', Digits: '1234', To: '+18005551212' };
    expect(twilioSignature('12345', url, { ...base, Caller: '+12349013030', From: '+12349013030' })).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(twilioSignature('12345', url, { ...base, Caller: '+14158675310', From: '+14158675310' })).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('rejects a tampered parameter, a wrong token and a missing header', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675310', Digits: '1234', From: '+14158675310', To: '+18005551212' };
    const sig = 'GvWf1cFY/Q7PnoempGyD5oXAezc=';
    expect(verifyTwilioSignature('12345', url, params, sig)).toBe(true);
    expect(verifyTwilioSignature('12345', url, { ...params, To: '+79161234567' }, sig)).toBe(false);
    expect(verifyTwilioSignature('54321', url, params, sig)).toBe(false);
    expect(verifyTwilioSignature('12345', url, params, undefined)).toBe(false);
  });
});

describe('Twilio call control against a local REST server', () => {
  it('hangs up with POST Calls/{sid}.json Status=completed and Basic auth; TwiML dials the LiveKit SIP URI', async () => {
    const seen: { path?: string; auth?: string; body?: string } = {};
    const server = await startLocalServer(async (req, res) => {
      Object.assign(seen, { path: req.url, auth: req.headers.authorization, body: (await readBody(req)).toString() });
      sendJson(res, 200, { sid: 'CA42', status: 'completed' });
    });
    try {
      const twilio = new TwilioTelephony({ accountSid: 'AC123', authToken: 'tok', livekitSipHost: 'abc.sip.livekit.cloud', baseUrl: server.url });
      await twilio.hangup('CA42');
      expect(seen.path).toBe('/2010-04-01/Accounts/AC123/Calls/CA42.json');
      expect(seen.auth).toBe(`Basic ${Buffer.from('AC123:tok').toString('base64')}`);
      expect(new URLSearchParams(seen.body).get('Status')).toBe('completed');
      expect(twimlDialLivekit('+74951234567', 'abc.sip.livekit.cloud')).toContain('<Dial><Sip>sip:+74951234567@abc.sip.livekit.cloud</Sip></Dial>');
    } finally {
      await server.close();
    }
  });

  it('dials out with POST Calls.json: To/From and TwiML bridging the answered call to the bot number at LiveKit', async () => {
    const seen: { path?: string; body?: string } = {};
    const server = await startLocalServer(async (req, res) => {
      Object.assign(seen, { path: req.url, body: (await readBody(req)).toString() });
      sendJson(res, 201, { sid: 'CA7f3e', status: 'queued' });
    });
    try {
      const twilio = new TwilioTelephony({ accountSid: 'AC123', authToken: 'tok', livekitSipHost: 'abc.sip.livekit.cloud', baseUrl: server.url });
      const sid = await twilio.dialOut('+79161234567', '+74951234567');
      const form = new URLSearchParams(seen.body);
      expect(sid).toBe('CA7f3e');
      expect(seen.path).toBe('/2010-04-01/Accounts/AC123/Calls.json');
      expect([form.get('To'), form.get('From')]).toEqual(['+79161234567', '+74951234567']);
      expect(form.get('Twiml')).toContain('<Sip>sip:+74951234567@abc.sip.livekit.cloud</Sip>');
    } finally {
      await server.close();
    }
  });

  it('a 401 from Twilio becomes a fatal config error naming TWILIO_API_KEY-style env', async () => {
    const server = await startLocalServer((_req, res) => sendJson(res, 401, { code: 20003, message: 'Authenticate' }));
    try {
      const twilio = new TwilioTelephony({ accountSid: 'AC123', authToken: 'bad', livekitSipHost: 'x', baseUrl: server.url });
      await expect(twilio.hangup('CA1')).rejects.toMatchObject({ fatal: true, status: 401 });
    } finally {
      await server.close();
    }
  });
});
