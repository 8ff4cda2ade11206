import { describe, expect, it } from 'vitest';
import { isStreamingReply, RealtimeAgent, type KnowledgeAnswerer } from '../../agent-host/src/realtime-agent.ts';
import { loadConfig, NOW } from '../core/engine/harness.ts';

const salon = loadConfig('salon-bot-1');

async function started(answerQuestion?: KnowledgeAnswerer) {
  const agent = new RealtimeAgent({ config: salon, clock: () => NOW, ...(answerQuestion ? { answerQuestion } : {}) });
  await agent.onCallStart({ callId: 'call-prev-01' });
  return agent;
}

async function* chunks(parts: string[]) {
  for (const p of parts) yield p;
}

describe('RealtimeAgent.preview', () => {
  it('tells the scripted reply without changing the call', async () => {
    const agent = await started();
    const preview = agent.preview('Хочу записаться на маникюр в пятницу в 11 утра');
    expect(preview.reply).toEqual({ kind: 'scripted', text: 'Оставьте номер для подтверждения', source: 'scripted', endCall: false });
    agent.preview('8 916 123 45 67');
    // nothing was committed: the call goes on from where it was
    expect(await agent.onSpeech('Хочу записаться на стрижку')).toBe('На какой день?');
    const result = await agent.onCallEnd();
    expect(result.fields).toEqual({ service: 'стрижка' });
    expect(result.turns.filter((t) => t.role === 'caller')).toHaveLength(1);
  });

  it('commits exactly the previewed turn, and recomputes a preview the call has moved past', async () => {
    const agent = await started();
    const preview = agent.preview('Хочу записаться на маникюр');
    expect(await agent.respond('Хочу записаться на маникюр', { preview })).toMatchObject({ text: 'На какой день?' });
    const stale = agent.preview('в пятницу');
    expect(stale.reply).toMatchObject({ kind: 'scripted', text: 'В какое время?' });
    await agent.respond('в пятницу в 11 утра'); // another turn is committed first
    const reply = await agent.respond('в пятницу', { preview: stale });
    // the same as the same turns without any preview; the stale guess is not reused
    const twin = await started();
    for (const t of ['Хочу записаться на маникюр', 'в пятницу в 11 утра']) await twin.respond(t);
    expect(reply).toEqual(await twin.respond('в пятницу'));
    expect(reply).not.toMatchObject({ text: 'В какое время?' });
    const result = await agent.onCallEnd();
    expect(result.turns.filter((t) => t.role === 'caller').map((t) => t.text)).toEqual([
      'Хочу записаться на маникюр',
      'в пятницу в 11 утра',
      'в пятницу',
    ]);
    expect(result.fields).toMatchObject({ service: 'маникюр', date: '2026-11-27', time: '11:00' });
  });

  it('names the knowledge request and answers it speculatively, once, for the committed turn', async () => {
    const asked: string[] = [];
    const agent = await started(async (q) => (asked.push(q), chunks(['Педикюр стоит 2000 рублей.'])));
    const preview = agent.preview('Сколько стоит педикюр?');
    expect(preview.reply).toEqual({ kind: 'knowledge', query: 'Сколько стоит педикюр?' });
    expect(asked).toEqual([]); // a preview alone asks nothing
    expect(await agent.speculate(preview)).toBe('Педикюр стоит 2000 рублей.');
    const reply = await agent.respond('Сколько стоит педикюр?', { preview });
    expect(isStreamingReply(reply)).toBe(true);
    if (!isStreamingReply(reply)) return;
    for await (const _ of reply.stream) void _;
    expect(await reply.done).toContain('Педикюр стоит 2000 рублей.');
    expect(asked).toEqual(['Сколько стоит педикюр?']);
    const result = await agent.onCallEnd();
    expect(result.turns.at(-1)).toMatchObject({ role: 'bot', source: 'knowledge' });
  });

  it('speculates the whole reply for a plain-string or missing answer', async () => {
    const agent = await started(async () => null);
    const preview = agent.preview('У вас есть парковка?');
    const noInformation = 'К сожалению, точной информации об этом у меня нет. Соединить вас с администратором?';
    expect(await agent.speculate(preview)).toBe(noInformation);
    expect(await agent.respond('У вас есть парковка?', { preview })).toEqual({ text: noInformation, source: 'fallback', endCall: false });
  });

  it('aborts a discarded speculation and leaves the call untouched', async () => {
    let signal: AbortSignal | undefined;
    const agent = await started(async (_q, ctx) => {
      signal = ctx.signal;
      return chunks(['Педикюр стоит 2000 рублей.']);
    });
    const preview = agent.preview('Сколько стоит педикюр?');
    await agent.speculate(preview);
    agent.discard(preview);
    expect(signal?.aborted).toBe(true);
    expect(await agent.speculate(preview)).toBeNull();
    const result = await agent.onCallEnd();
    expect(result.turns.map((t) => t.role)).toEqual(['bot']);
  });

  it('previews nothing before the call starts or after it ended', async () => {
    const fresh = new RealtimeAgent({ config: salon, clock: () => NOW });
    expect(fresh.preview('алло').reply).toEqual({ kind: 'none' });
    const agent = await started();
    await agent.onCallEnd();
    expect(agent.preview('алло').reply).toEqual({ kind: 'none' });
  });

  it('does not reuse a preview taken while an answer was still streaming (barge-in)', async () => {
    const run = async (withPreview: boolean) => {
      const agent = await started(async () => chunks(['Маникюр стоит 1500 рублей.', ' Покрытие входит в цену.']));
      await agent.onSpeech('Хочу записаться на маникюр');
      const answer = await agent.respond('а сколько стоит маникюр?');
      if (!isStreamingReply(answer)) throw new Error('expected a streamed answer');
      await answer.stream[Symbol.asyncIterator]().next(); // the caller cuts in after the first sentence
      const preview = withPreview ? agent.preview('в пятницу') : undefined;
      const reply = await agent.respond('в пятницу', preview ? { preview } : {});
      return { reply, result: await agent.onCallEnd() };
    };
    const previewed = await run(true);
    const plain = await run(false);
    expect(previewed.reply).toEqual(plain.reply);
    expect(previewed.result.fields).toEqual(plain.result.fields);
    expect(previewed.result.turns.map((t) => [t.role, t.text])).toEqual(plain.result.turns.map((t) => [t.role, t.text]));
  });
});
