import { describe, expect, it } from 'vitest';
import { CallResultSchema } from '../../core/call-result.ts';
import { isStreamingReply, RealtimeAgent, type KnowledgeAnswerer } from '../../agent-host/src/realtime-agent.ts';
import { loadConfig, NOW } from '../core/engine/harness.ts';

const salon = loadConfig('salon-bot-1');

/** A clock that moves one second per reading, so turn timestamps are distinct and ordered. */
function tickingClock(start = NOW) {
  let t = start.getTime();
  return () => new Date((t += 1000));
}

async function* chunks(parts: string[]) {
  for (const p of parts) yield p;
}

describe('RealtimeAgent', () => {
  it('runs a booking call and returns a valid CallResult', async () => {
    const agent = new RealtimeAgent({ config: salon, clock: tickingClock() });
    expect(await agent.onCallStart({ callId: 'call-0001', callerNumber: '+79161234567' })).toBe(salon.greeting);
    expect(await agent.onSpeech('Запишите на маникюр в пятницу в 11 утра')).toBe('Записать на номер, с которого вы звоните, +7 916 123-45-67?');
    expect(await agent.onSpeech('8 916 123-45-67')).toMatch(/^Давайте проверим: маникюр, в пятницу, 27 ноября/);
    expect(await agent.onSpeech('да')).toMatch(/вы записаны/);
    const bye = await agent.respond('нет, спасибо');
    expect(bye).toMatchObject({ source: 'scripted', endCall: true });
    expect(agent.ended).toBe(true);

    const result = await agent.onCallEnd();
    expect(CallResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      call_id: 'call-0001',
      bot_id: 'salon-bot-1',
      caller_number: '+79161234567',
      scenario: 'booking',
      outcome: 'booking_created',
      ended_by: 'bot',
      fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
    });
    expect(result.turns.map((t) => t.role)).toEqual(['bot', 'caller', 'bot', 'caller', 'bot', 'caller', 'bot', 'caller', 'bot']);
    const times = result.turns.map((t) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(result.metrics).toHaveLength(5);
    expect(result.metrics.every((m) => m.engine_ms >= 0 && m.total_ms >= m.engine_ms)).toBe(true);
    expect(await agent.onCallEnd('error')).toBe(result);
  });

  it('counts a hang-up as ended by the caller and keeps partial fields', async () => {
    const agent = new RealtimeAgent({ config: salon, clock: () => NOW });
    await agent.onCallStart({ callId: 'call-0002', channel: 'web' });
    await agent.onSpeech('Хочу записаться на стрижку');
    const result = await agent.onCallEnd();
    expect(result).toMatchObject({ ended_by: 'caller', outcome: null, fields: { service: 'стрижка' }, channel: 'web' });
  });

  it('answers a question with a plain-string answerer and returns to the booking', async () => {
    const asked: string[] = [];
    const answerQuestion: KnowledgeAnswerer = async (q) => {
      asked.push(q);
      return 'Маникюр стоит 1500 рублей.';
    };
    const agent = new RealtimeAgent({ config: salon, clock: () => NOW, answerQuestion });
    await agent.onCallStart({ callId: 'call-0003' });
    await agent.onSpeech('Хочу записаться на маникюр');
    const reply = await agent.respond('а сколько стоит маникюр?');
    expect(reply).toEqual({ text: 'Маникюр стоит 1500 рублей. Итак, на какой день?', source: 'knowledge', endCall: false });
    expect(asked).toEqual(['а сколько стоит маникюр?']);
    const result = await agent.onCallEnd();
    expect(result.metrics.at(-1)).toMatchObject({ source: 'knowledge', kb_ms: expect.any(Number) });
  });

  it('streams an answer and appends the pending question at the end', async () => {
    const answerQuestion: KnowledgeAnswerer = async () => chunks(['Маникюр ', 'стоит ', '1500 рублей.']);
    const agent = new RealtimeAgent({ config: salon, clock: () => NOW, answerQuestion, answerSource: 'llm' });
    await agent.onCallStart({ callId: 'call-0004' });
    await agent.onSpeech('Хочу записаться на маникюр');
    const reply = await agent.respond('а сколько стоит маникюр?');
    expect(isStreamingReply(reply)).toBe(true);
    if (!isStreamingReply(reply)) return;
    const spoken: string[] = [];
    for await (const c of reply.stream) spoken.push(c);
    expect(spoken.join('')).toBe('Маникюр стоит 1500 рублей. Итак, на какой день?');
    expect(await reply.done).toBe('Маникюр стоит 1500 рублей. Итак, на какой день?');
    expect(await agent.onSpeech('в пятницу')).toBe('В какое время?');
    const result = await agent.onCallEnd();
    expect(result.turns.find((t) => t.source === 'llm')?.text).toBe('Маникюр стоит 1500 рублей. Итак, на какой день?');
  });

  it('falls back when the answerer fails, returns null or streams nothing', async () => {
    const answerers: KnowledgeAnswerer[] = [
      async () => {
        throw new Error('knowledge service down');
      },
      async () => null,
      async () => chunks(['', '  ']),
    ];
    for (const answerQuestion of answerers) {
      const agent = new RealtimeAgent({ config: salon, clock: () => NOW, answerQuestion });
      await agent.onCallStart({ callId: 'call-0005' });
      // A clear question the knowledge cannot answer: "no information" and an offer of a person, not "не поняла".
      expect(await agent.respond('Хотела узнать, у вас есть парковка?')).toEqual({
        text: 'К сожалению, точной информации об этом у меня нет. Соединить вас с администратором?',
        source: 'fallback',
        endCall: false,
      });
    }
  });

  it('reprompts on silence and ends on the second one', async () => {
    const agent = new RealtimeAgent({ config: salon, clock: () => NOW });
    await agent.onCallStart({ callId: 'call-0006' });
    expect(await agent.onSilence()).toMatchObject({ text: 'Вы меня слышите? Чем могу помочь?', endCall: false });
    expect(await agent.onSilence()).toMatchObject({ endCall: true });
    expect((await agent.onCallEnd()).ended_by).toBe('silence');
  });

  it('merges host timings into the latest turn metrics', async () => {
    const agent = new RealtimeAgent({ config: salon, clock: () => NOW });
    await agent.onCallStart({ callId: 'call-0007' });
    await agent.onSpeech('Хочу записаться');
    agent.recordMetrics({ stt_ms: 180, tts_first_byte_ms: 95, total_ms: 420 });
    const { metrics } = await agent.onCallEnd();
    expect(metrics.at(-1)).toMatchObject({ turn: 2, source: 'scripted', stt_ms: 180, tts_first_byte_ms: 95, total_ms: 420 });
  });

  it('rejects use before the call starts and invalid call ids', async () => {
    const agent = new RealtimeAgent({ config: salon });
    await expect(agent.onSpeech('алло')).rejects.toThrow(/onCallStart/);
    await expect(agent.onCallStart({ callId: 'x' })).rejects.toThrow(/call id/);
  });
});
