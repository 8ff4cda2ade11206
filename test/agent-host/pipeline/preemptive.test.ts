import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../../agent-host/src/api-client.ts';
import type { LLMProvider, LlmStreamOptions } from '../../../agent-host/src/providers/llm/types.ts';
import { RealtimeAgent, type TurnPreview } from '../../../agent-host/src/realtime-agent.ts';
import { startApiStub } from '../../support/servers/api-stub.ts';
import { activityOf, guess, NOW, scenario, startTextCall } from './harness.ts';

/*
 * Preemptive generation runs llmNode before the turn is confirmed and may throw the result away.
 * The brain previews the turn without committing it: a scripted reply streams at once, a knowledge
 * answer starts speculatively; the brain commits only a confirmed turn. Driven through agents-js's
 * own (internal) preemptive entry points, as its tests do.
 */
const salon = scenario('salon-bot-1');
const PRICES = [{ chunk_id: 'c1', doc_id: 'price-2026', text: 'Маникюр с покрытием стоит 1500 рублей. Педикюр стоит 2000 рублей.' }];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** An LLM that records each request and answers only once released (or ends when aborted). */
function gatedLlm(tokens: string[]) {
  const requests: { question: string; signal: AbortSignal | undefined }[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const provider: LLMProvider = {
    name: 'gated',
    generate: async () => tokens.join(''),
    async *stream(_system, messages, opts: LlmStreamOptions = {}) {
      requests.push({ question: messages.at(-1)?.content ?? '', signal: opts.signal });
      const aborted = new Promise<void>((r) => opts.signal?.addEventListener('abort', () => r(), { once: true }));
      await Promise.race([released, aborted]);
      opts.signal?.throwIfAborted();
      for (const t of tokens) yield t;
    },
  };
  return { provider, requests, release };
}

async function knowledgeCall(tokens: string[]) {
  const api = await startApiStub();
  api.state.knowledge.set('bot_01', PRICES);
  const llm = gatedLlm(tokens);
  const call = await startTextCall(salon, { api: new ApiClient({ baseUrl: api.url, token: 'test-agent-token' }), llm: llm.provider });
  closers.push(api.close, () => call.session.close());
  return { call, api, llm };
}

describe('preemptive generation', () => {
  it('commits each previewed scripted turn once: a full booking ends with the right fields and outcome', async () => {
    const call = await startTextCall(salon);
    closers.push(() => call.session.close());
    const previews = vi.spyOn(call.brain, 'preview');
    const turns: [string, string][] = [
      ['Здравствуйте, хочу записаться на маникюр', 'Здравствуйте, хочу записаться на маникюр'],
      ['в пятницу в 11 утра', 'в пятницу в 11 утра'],
      ['8 916 123 45 67', '8 916 123 45 67'],
      // agents-js treats these as the same words and reuses the guess; the final text is what gets recorded
      ['да всё верно', 'Да, всё верно.'],
    ];
    const replies: string[] = [];
    for (const [preflight, final] of turns) {
      const g = guess(call.session, preflight, final);
      await vi.waitFor(() => expect(previews).toHaveBeenLastCalledWith(preflight));
      replies.push(await g.commit());
      expect(g.handle.scheduled).toBe(true); // the preemptive speech itself was played
    }
    expect(replies.slice(0, 2)).toEqual(['На какой день?', 'Записать на номер, с которого вы звоните, +7 916 123-45-67?']);
    expect(replies[2]).toContain('Всё верно?');
    expect(replies[3]).toContain('записаны');

    const result = await call.controller.endCall('caller');
    expect(result).toMatchObject({
      outcome: 'booking_created',
      fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
    });
    expect(result.turns.filter((t) => t.role === 'caller').map((t) => t.text)).toEqual(turns.map(([, final]) => final));
    expect(result.turns.filter((t) => t.role === 'bot').map((t) => t.text)).toEqual([salon.greeting, ...replies]);
    expect(result.metrics.filter((m) => m.source === 'scripted')).toHaveLength(5);
  });

  it('leaves the brain untouched when the guess is discarded, and answers the final transcript', async () => {
    const call = await startTextCall(salon);
    closers.push(() => call.session.close());
    const previews = vi.spyOn(call.brain, 'preview');
    const g = guess(call.session, 'Хочу записаться на маникюр в пятницу в 11 утра', 'Хочу записаться на педикюр');
    await vi.waitFor(() => expect(previews).toHaveBeenCalledTimes(1));
    const reply = await g.commit();
    expect(g.handle.scheduled).toBe(false);
    expect(reply).toBe('На какой день?');

    const result = await call.controller.endCall('caller');
    expect(result.fields).toEqual({ service: 'педикюр' });
    expect(result.turns.filter((t) => t.role === 'caller').map((t) => t.text)).toEqual(['Хочу записаться на педикюр']);
    expect(result.turns.filter((t) => t.role === 'bot').map((t) => t.text)).toEqual([salon.greeting, 'На какой день?']);
  });

  it('starts the knowledge search and the LLM on the guess and uses them once the turn is confirmed', async () => {
    const { call, api, llm } = await knowledgeCall(['Педикюр стоит ', '2000 рублей.']);
    // the preflight lacks the final's case and punctuation: agents-js (and the brain) treat them as the same turn
    const g = guess(call.session, 'сколько стоит педикюр', 'Сколько стоит педикюр?');
    await vi.waitFor(() => expect(llm.requests).toHaveLength(1)); // before the turn is committed
    expect(api.state.searches).toHaveLength(1);
    const reply = g.commit();
    llm.release();
    expect(await reply).toContain('Педикюр стоит 2000 рублей.');
    expect(g.handle.scheduled).toBe(true);
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]!.signal?.aborted).toBe(false);
    expect(api.state.searches).toHaveLength(1);
    const result = await call.controller.endCall('caller');
    expect(result.turns.filter((t) => t.role === 'caller').map((t) => t.text)).toEqual(['Сколько стоит педикюр?']);
    expect(result.turns.at(-1)).toMatchObject({ role: 'bot', source: 'knowledge' });
    expect(result.turns.at(-1)!.text).toContain('Педикюр стоит 2000 рублей.');
  });

  it('aborts the speculative LLM answer when the guess is discarded', async () => {
    const { call, llm } = await knowledgeCall(['Педикюр стоит 2000 рублей.']);
    const g = guess(call.session, 'Сколько стоит педикюр?', 'Хочу записаться на педикюр');
    await vi.waitFor(() => expect(llm.requests).toHaveLength(1));
    const reply = await g.commit();
    expect(reply).toBe('На какой день?');
    await vi.waitFor(() => expect(llm.requests[0]!.signal?.aborted).toBe(true));
    expect(llm.requests).toHaveLength(1);
    const result = await call.controller.endCall('caller');
    expect(result.turns.map((t) => t.source ?? t.role)).toEqual(['scripted', 'caller', 'scripted']);
    expect(result.fields).toEqual({ service: 'педикюр' });
  });

  it('aborts the speculation when agents-js cancels the guess outright', async () => {
    const { call, api, llm } = await knowledgeCall(['Педикюр стоит 2000 рублей.']);
    guess(call.session, 'Сколько стоит педикюр?');
    await vi.waitFor(() => expect(llm.requests).toHaveLength(1));
    (activityOf(call.session) as unknown as { cancelPreemptiveGeneration(): void }).cancelPreemptiveGeneration();
    await vi.waitFor(() => expect(llm.requests[0]!.signal?.aborted).toBe(true));

    const r = await call.say('Хочу записаться на педикюр');
    expect(r.text).toBe('На какой день?');
    expect(api.state.searches).toHaveLength(1);
    const result = await call.controller.endCall('caller');
    expect(result.turns.filter((t) => t.role === 'caller').map((t) => t.text)).toEqual(['Хочу записаться на педикюр']);
  });

  it('replaces an early reply the committed turn does not confirm: the brain state wins', async () => {
    // A brain whose preview guesses wrong (as if the call state moved on between guess and commit).
    class WrongGuess extends RealtimeAgent {
      override preview(text: string): TurnPreview {
        return { text, reply: { kind: 'scripted', text: 'Минутку, уточняю.', source: 'scripted', endCall: false } };
      }
    }
    const call = await startTextCall(salon, { createBrain: (o) => new WrongGuess({ ...o, clock: () => NOW }) });
    closers.push(() => call.session.close());
    const previews = vi.spyOn(call.brain, 'preview');
    const g = guess(call.session, 'Хочу записаться на маникюр');
    await vi.waitFor(() => expect(previews).toHaveBeenCalledTimes(1));
    await g.commit();
    await vi.waitFor(() => {
      const said = call.session.history.items.flatMap((i) => (i.type === 'message' && i.role === 'assistant' ? [i.textContent] : []));
      expect(said.at(-1)).toBe('На какой день?');
    });
    const result = await call.controller.endCall('caller');
    expect(result.turns.map((t) => t.text)).toEqual([salon.greeting, 'Хочу записаться на маникюр', 'На какой день?']);
  });
});
