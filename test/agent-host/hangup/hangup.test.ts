import { afterEach, describe, expect, it } from 'vitest';
import { createHangup, httpUrlOf } from '../../../agent-host/src/hangup.ts';
import { startLivekitTwirpServer } from '../../support/servers/livekit-twirp-server.ts';

const creds = { apiKey: 'APIdevkey', apiSecret: 'dev-secret-dev-secret-dev-secret-0123' };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe('hangup through the LiveKit server API', () => {
  it('removes the SIP caller, then deletes the room, with correctly signed tokens', async () => {
    const lk = await startLivekitTwirpServer(creds);
    closers.push(lk.close);
    lk.participants.set('call-room-1', new Set(['sip_+79161234567']));
    const hangup = createHangup({ url: lk.url.replace(/^http/, 'ws'), ...creds });
    await hangup({ roomName: 'call-room-1', sipIdentity: 'sip_+79161234567' });
    expect(lk.calls.map((c) => c.method)).toEqual(['RoomService/RemoveParticipant', 'RoomService/DeleteRoom']);
    expect(lk.calls[0]!.body).toMatchObject({ room: 'call-room-1', identity: 'sip_+79161234567' });
    expect(lk.calls[1]!.body).toMatchObject({ room: 'call-room-1' });
  });

  it('still deletes the room when the caller is already gone, and only deletes it for web calls', async () => {
    const lk = await startLivekitTwirpServer(creds);
    closers.push(lk.close);
    lk.failNext('RoomService/RemoveParticipant', 404, 'not_found', 'participant not found');
    const hangup = createHangup({ url: lk.url, ...creds });
    await hangup({ roomName: 'call-room-2', sipIdentity: 'sip_gone' });
    await hangup({ roomName: 'web-room-3' });
    expect(lk.calls.map((c) => c.method)).toEqual(['RoomService/RemoveParticipant', 'RoomService/DeleteRoom', 'RoomService/DeleteRoom']);
  });

  it('maps ws(s) URLs to http(s) for the server API', () => {
    expect(httpUrlOf('wss://voicebot.livekit.cloud')).toBe('https://voicebot.livekit.cloud');
    expect(httpUrlOf('ws://127.0.0.1:7880')).toBe('http://127.0.0.1:7880');
  });
});
