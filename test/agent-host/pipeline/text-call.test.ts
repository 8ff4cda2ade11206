import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../../core/call-result.ts';
import { createCall } from '../../../agent-host/src/call.ts';
import { botText, NOW, scenario, startTextCall } from './harness.ts';

const salon = scenario('salon-bot-1');
const sessions: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

describe('a text-mode call through AgentSession and the voice agent', () => {
  it('greets on join with the config greeting', async () => {
    const call = await startTextCall(salon);
    sessions.push(call.session);
    const first = call.session.history.items.find((i) => i.type === 'message');
    expect(first?.type === 'message' && first.role).toBe('assistant');
    expect(first?.type === 'message' && first.textContent).toBe(salon.greeting);
  });

  it('books an appointment over several turns without any LLM', async () => {
    const call = await startTextCall(salon);
    sessions.push(call.session);
    const r1 = await call.say('Здравствуйте, хочу записаться на маникюр');
    r1.run.expect.nextEvent().isMessage({ role: 'assistant' });
    r1.run.expect.noMoreEvents();
    expect(r1.text).toBe('На какой день?');
    expect((await call.say('в пятницу в 11 утра')).text).toBe('Записать на номер, с которого вы звоните, +7 916 123-45-67?');
    const confirm = await call.say('8 916 123 45 67');
    expect(confirm.text).toContain('маникюр');
    expect(confirm.text).toContain('11:00');
    expect(confirm.text).toContain('Всё верно?');
    expect((await call.say('да, всё верно')).text).toContain('записаны');

    const result = await call.controller.endCall('caller');
    expect(result).toMatchObject({
      outcome: 'booking_created',
      fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
      ended_by: 'caller',
    });
    expect(call.posted).toEqual([result]);
    expect(call.hungUp()).toBe(1);
    // per-turn timings from the pipeline land in the result, one per bot reply after the greeting
    expect(result.metrics.filter((m) => m.source === 'scripted').length).toBeGreaterThanOrEqual(4);
  });

  it('says goodbye and hangs up when the caller says goodbye, posting the result once', async () => {
    const call = await startTextCall(salon);
    sessions.push(call.session);
    const bye = await call.say('Спасибо, до свидания');
    expect(bye.text.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(call.posted).toHaveLength(1));
    expect(call.brain.ended).toBe(true);
    await call.controller.endCall('caller');
    expect(call.posted).toHaveLength(1);
    expect(call.posted[0]!.ended_by).not.toBe('max_turns');
    expect(call.hungUp()).toBe(1);
  });

  it('reprompts on the first silence and ends the call on the second', async () => {
    const call = await startTextCall(salon);
    sessions.push(call.session);
    await call.controller.handleSilence();
    await call.session.waitForIdle();
    await call.controller.handleSilence();
    const result = await call.controller.endCall();
    expect(result.ended_by).toBe('silence');
    const botTurns = result.turns.filter((t) => t.role === 'bot').map((t) => t.text);
    expect(botTurns).toHaveLength(3);
    expect(call.posted).toEqual([result]);
  });

  it('hears silence through the session user-away signal: reprompt, then goodbye and hang up', async () => {
    const call = await startTextCall({ ...salon, silence_timeout_sec: 0.3 });
    sessions.push(call.session);
    await vi.waitFor(() => expect(call.posted).toHaveLength(1), { timeout: 5000 });
    const result = call.posted[0]!;
    expect(result.ended_by).toBe('silence');
    expect(result.turns.map((t) => t.role)).toEqual(['bot', 'bot', 'bot']);
    expect(call.hungUp()).toBe(1);
  });

  it('uses the fallback phrase for nonsense when there is no knowledge answerer', async () => {
    const call = await startTextCall(salon);
    sessions.push(call.session);
    const r = await call.say('фиолетовый бегемот танцует');
    expect(r.text).toBe(salon.fallback);
    expect(botText(r.run)).toBe(salon.fallback);
  });

  it('a call whose session never started (the room failed) still posts its one result and hangs up', async () => {
    const posted: CallResult[] = [];
    let hungUp = 0;
    const controller = createCall({
      config: salon,
      botId: 'bot_01',
      clock: () => NOW,
      callInfo: { callId: 'call-never-started', callerNumber: '+79161234567', channel: 'phone' },
      sink: { submit: async (r) => (posted.push(r), 'sent') },
      hangup: async () => void (hungUp += 1),
    });
    const result = await controller.endCall('caller');
    expect(posted).toEqual([result]);
    expect(result).toMatchObject({ call_id: 'call-never-started', ended_by: 'caller', outcome: null });
    expect(hungUp).toBe(1);
  });
});
