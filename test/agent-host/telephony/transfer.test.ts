import { afterEach, describe, expect, it } from 'vitest';
import { createTransfer, transferUri } from '../../../agent-host/src/telephony/transfer.ts';
import { ProviderError } from '../../../agent-host/src/providers/errors.ts';
import { startLivekitTwirpServer } from '../../support/servers/livekit-twirp-server.ts';

const creds = { apiKey: 'APIdevkey', apiSecret: 'dev-secret-dev-secret-dev-secret-0123' };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe('handoff to a person through LiveKit SIP TransferSIPParticipant', () => {
  it('sends a REFER for the caller to tel:+7… with a room-admin + sip.call token; the caller leaves the room', async () => {
    const lk = await startLivekitTwirpServer(creds);
    closers.push(lk.close);
    lk.participants.set('call-abc', new Set(['sip-79161234567', 'agent-1']));
    const transfer = createTransfer({ url: lk.url.replace(/^http/, 'ws'), ...creds });
    await transfer({ roomName: 'call-abc', sipIdentity: 'sip-79161234567', to: '+74951234567' });
    expect(lk.calls.map((c) => c.method)).toEqual(['SIP/TransferSIPParticipant']);
    const call = lk.calls[0]!;
    expect(call.body).toMatchObject({ roomName: 'call-abc', participantIdentity: 'sip-79161234567', transferTo: 'tel:+74951234567', playDialtone: true });
    expect(call.claims?.sip?.call).toBe(true);
    expect(call.claims?.video).toMatchObject({ roomAdmin: true, room: 'call-abc' });
    expect([...lk.participants.get('call-abc')!]).toEqual(['agent-1']);
  });

  it('passes a SIP URI through unchanged', async () => {
    const lk = await startLivekitTwirpServer(creds);
    closers.push(lk.close);
    lk.participants.set('call-sip', new Set(['sip-caller']));
    await createTransfer({ url: lk.url, ...creds }, { playDialtone: false })({
      roomName: 'call-sip',
      sipIdentity: 'sip-caller',
      to: 'sip:reception@ulybka-clinic.ru',
    });
    expect(lk.calls[0]!.body).toMatchObject({ transferTo: 'sip:reception@ulybka-clinic.ru' });
    expect(lk.calls[0]!.body.playDialtone ?? false).toBe(false);
  });

  it('reports a caller who already left and rejected credentials as provider errors', async () => {
    const lk = await startLivekitTwirpServer(creds);
    closers.push(lk.close);
    const transfer = createTransfer({ url: lk.url, ...creds });
    const gone = await transfer({ roomName: 'call-x', sipIdentity: 'sip-gone', to: '+74951234567' }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ProviderError);
    expect((gone as ProviderError).status).toBe(404);
    const bad = createTransfer({ url: lk.url, apiKey: creds.apiKey, apiSecret: 'wrong-secret-wrong-secret-wrong-0000' });
    const denied = await bad({ roomName: 'call-x', sipIdentity: 'sip-gone', to: '+74951234567' }).catch((e: unknown) => e);
    expect((denied as ProviderError).fatal).toBe(true);
    expect((denied as Error).message).toContain('LIVEKIT_API_KEY');
  });

  it('turns a config number into a tel: URI', () => {
    expect(transferUri('+7 (495) 123-45-67')).toBe('tel:+74951234567');
    expect(transferUri('sips:admin@pbx.example.ru')).toBe('sips:admin@pbx.example.ru');
  });
});
