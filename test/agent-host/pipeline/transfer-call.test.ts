import { afterEach, describe, expect, it, vi } from 'vitest';
import { voice } from '@livekit/agents';
import type { CallResult } from '../../../core/call-result.ts';
import { createTransfer } from '../../../agent-host/src/telephony/transfer.ts';
import { startLivekitTwirpServer } from '../../support/servers/livekit-twirp-server.ts';
import { scenario, startTextCall } from './harness.ts';

const creds = { apiKey: 'APIdevkey', apiSecret: 'dev-secret-dev-secret-dev-secret-0123' };
const ROOM = 'call-room-7';
const CALLER = 'sip-79161234567';
const TRANSFERRING = 'Соединяю с администратором, оставайтесь, пожалуйста, на линии.';
const FAILED = 'Не получилось соединить с администратором. Давайте я запишу ваше имя и номер, и вам перезвонят.';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A salon call whose handoff goes through the local LiveKit server, as agent.ts wires it. */
async function salonCall(opts: { transferTimeoutMs?: number; transfer?: (to: string) => Promise<void> } = {}) {
  const lk = await startLivekitTwirpServer(creds);
  closers.push(lk.close);
  lk.participants.set(ROOM, new Set([CALLER, 'agent-1']));
  const transfer = createTransfer({ url: lk.url, ...creds });
  const hungUp: CallResult[] = [];
  const call = await startTextCall(scenario('salon-bot-1'), {
    transfer: opts.transfer ?? ((to) => transfer({ roomName: ROOM, sipIdentity: CALLER, to })),
    ...(opts.transferTimeoutMs !== undefined ? { transferTimeoutMs: opts.transferTimeoutMs } : {}),
    hangup: async (result) => void (result && hungUp.push(result)),
  });
  closers.push(() => call.session.close());
  const posted = () => vi.waitFor(() => call.posted[0] ?? Promise.reject(new Error('no CallResult yet')), { timeout: 10_000 });
  return { lk, call, hungUp, posted };
}

/** The bot's words said outside a caller turn (after the transfer attempt), once they are in the history. */
function botSaid(session: voice.AgentSession, start: string): Promise<string> {
  return vi.waitFor(
    () => {
      for (const item of session.history.items) {
        if (item.type === 'message' && item.role === 'assistant' && (item.textContent ?? '').startsWith(start)) return item.textContent ?? '';
      }
      throw new Error(`the bot has not said "${start}" yet`);
    },
    { timeout: 10_000 },
  );
}

describe('a call handed to a person through the pipeline', () => {
  it('"соедините с администратором": REFER to handoff.to before the result, which says transfer', async () => {
    const { lk, call, hungUp, posted } = await salonCall();
    const reply = await call.say('девушка соедините меня с администратором пожалуйста');
    expect(reply.text).toBe(TRANSFERRING);
    const result = await posted();
    expect(result).toMatchObject({ ended_by: 'transfer', outcome: 'transferred' });
    expect(result.errors).toBeUndefined();
    expect(hungUp).toEqual([result]);
    expect(lk.calls.map((c) => c.method)).toEqual(['SIP/TransferSIPParticipant']);
    expect(lk.calls[0]!.body).toMatchObject({ roomName: ROOM, participantIdentity: CALLER, transferTo: 'tel:+74951234567' });
    expect([...lk.participants.get(ROOM)!]).toEqual(['agent-1']);
  });

  it('LiveKit refuses the REFER: the caller hears the fallback and leaves a callback request; the error is noted', async () => {
    const { lk, call, posted } = await salonCall();
    lk.failNext('SIP/TransferSIPParticipant', 503, 'unavailable', 'sip trunk rejected the REFER');
    expect((await call.say('ну соедините меня с администратором')).text).toBe(TRANSFERRING);
    const fallback = await botSaid(call.session, FAILED);
    expect(call.posted).toEqual([]); // the call goes on
    expect(fallback).toContain('Как к вам обращаться?');
    // Caller ID is known: the number is offered back rather than dictated.
    expect((await call.say('эээ марина')).text).toContain('Записать на номер, с которого вы звоните');
    await call.say('да на этот');
    const check = (await call.say('хотела узнать можно ли перенести запись на субботу')).text;
    expect(check).toContain('Марина');
    await call.say('да всё верно');
    await call.say('нет спасибо до свидания');
    const result = await posted();
    expect(result).toMatchObject({
      outcome: 'callback_requested',
      scenario: 'callback_request',
      fields: { name: 'Марина', phone: '+79161234567', reason: expect.stringContaining('перенести запись') },
    });
    expect(result.ended_by).not.toBe('transfer');
    expect(result.errors).toEqual([{ stage: 'transfer', error: expect.stringMatching(/transfer to \+74951234567 failed: .*rejected the REFER/) }]);
    expect(result.turns.some((t) => t.role === 'bot' && t.text.startsWith(FAILED))).toBe(true);
    expect([...lk.participants.get(ROOM)!]).toContain(CALLER); // never handed over
  });

  it('a transfer that never answers is cut at the bound and falls back the same way', async () => {
    const { call, posted } = await salonCall({ transfer: () => new Promise(() => undefined), transferTimeoutMs: 20 });
    await call.say('короче позовите менеджера');
    await botSaid(call.session, FAILED);
    await call.controller.endCall('caller');
    const result = await posted();
    expect(result).toMatchObject({ ended_by: 'caller', outcome: null });
    expect(result.errors?.[0]?.error).toMatch(/no answer within 20 ms/);
  });
});
