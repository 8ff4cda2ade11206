import { afterEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../core/call-result.ts';
import { createTransfer } from '../../../agent-host/src/telephony/transfer.ts';
import { startLivekitTwirpServer } from '../../support/servers/livekit-twirp-server.ts';
import { scenario, startTextCall } from './harness.ts';

const creds = { apiKey: 'APIdevkey', apiSecret: 'dev-secret-dev-secret-dev-secret-0123' };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe('a call handed to a person through the pipeline', () => {
  it('"соедините с администратором" ends the call by transfer and the line is REFERred to handoff.to', async () => {
    const lk = await startLivekitTwirpServer(creds);
    closers.push(lk.close);
    lk.participants.set('call-room-7', new Set(['sip-79161234567']));
    const salon = scenario('salon-bot-1');
    const transfer = createTransfer({ url: lk.url, ...creds });
    const ended: CallResult[] = [];
    // What agent.ts does at hang-up: a call ended by transfer goes to the config's handoff target.
    const call = await startTextCall(salon, {
      hangup: async (result) => {
        if (result) ended.push(result);
        if (result?.ended_by === 'transfer') await transfer({ roomName: 'call-room-7', sipIdentity: 'sip-79161234567', to: salon.handoff!.to });
      },
    });
    closers.push(() => call.session.close());
    const reply = await call.say('девушка соедините меня с администратором пожалуйста');
    expect(reply.text).toBe('Соединяю с администратором, оставайтесь, пожалуйста, на линии.');
    await call.controller.endCall('caller');
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ ended_by: 'transfer', outcome: 'transferred' });
    expect(call.posted[0]).toMatchObject({ ended_by: 'transfer', outcome: 'transferred' });
    expect(lk.calls.map((c) => c.method)).toEqual(['SIP/TransferSIPParticipant']);
    expect(lk.calls[0]!.body).toMatchObject({ roomName: 'call-room-7', transferTo: 'tel:+74951234567' });
    expect(lk.participants.get('call-room-7')?.size).toBe(0);
  });
});
