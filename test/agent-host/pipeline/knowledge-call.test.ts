import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../agent-host/src/api-client.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { LlmChain } from '../../../agent-host/src/providers/llm/chain.ts';
import { GroqProvider } from '../../../agent-host/src/providers/llm/groq.ts';
import { OllamaProvider } from '../../../agent-host/src/providers/llm/ollama.ts';
import { startApiStub } from '../../support/servers/api-stub.ts';
import { startGroqServer, type GroqBehavior } from '../../support/servers/groq-server.ts';
import { startOllamaServer, type OllamaBehavior } from '../../support/servers/ollama-server.ts';
import { scenario, startTextCall } from './harness.ts';

const salon = scenario('salon-bot-1');
const CHUNKS = [
  {
    chunk_id: 'c1',
    doc_id: 'price-2026',
    text: 'Маникюр с покрытием гель-лаком стоит 1500 рублей. Педикюр стоит 2000 рублей. Ламинирование ресниц стоит 2500 рублей.',
  },
  { chunk_id: 'c2', doc_id: 'about', text: 'Салон работает ежедневно с 9:00 до 21:00. Рядом есть бесплатная парковка.' },
];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function knowledgeCall(ollama: () => OllamaBehavior, groq: () => GroqBehavior, firstTokenTimeoutMs = 1000) {
  const api = await startApiStub();
  api.state.knowledge.set('bot_01', CHUNKS);
  const o = await startOllamaServer(ollama);
  const g = await startGroqServer(groq);
  closers.push(api.close, o.close, g.close);
  const health = new ProviderHealth();
  const chain = new LlmChain(
    [new OllamaProvider({ host: o.url, model: 'qwen2.5:7b-instruct' }), new GroqProvider({ apiKey: 'gsk_x', baseURL: g.baseURL })],
    { firstTokenTimeoutMs, health },
  );
  const call = await startTextCall(salon, { api: new ApiClient({ baseUrl: api.url, token: 'test-agent-token' }), llm: chain });
  closers.push(() => call.session.close());
  return { call, api, o, g, health };
}

describe('knowledge questions in a text-mode call', () => {
  it('answers from the chunks the API returns, through the LLM, streamed', async () => {
    const { call, api, o } = await knowledgeCall(() => ({ tokens: ['Маникюр с гель-лаком ', 'стоит 1500 рублей. ', 'Хотите записаться?'] }), () => ({ status: 500 }));
    const r = await call.say('Подскажите, сколько стоит маникюр?');
    expect(r.text).toContain('Маникюр с гель-лаком стоит 1500 рублей.');
    expect(r.text).toContain('Хотите записаться?');
    expect(api.state.searches).toHaveLength(1);
    expect(o.requests[0]!.messages.at(-1)!.content).toContain('Маникюр с покрытием гель-лаком стоит 1500 рублей.');
    const result = await call.controller.endCall('caller');
    expect(result.metrics.some((m) => m.source === 'knowledge' && m.kb_ms !== undefined && m.llm_first_token_ms !== undefined)).toBe(true);
  });

  it('moves to the second LLM provider when the first one errors', async () => {
    const { call, g, health } = await knowledgeCall(
      () => ({ status: 500, error: 'CUDA error: out of memory' }),
      () => ({ tokens: ['Педикюр стоит ', '2000 рублей.'] }),
    );
    const r = await call.say('А сколько стоит педикюр?');
    expect(r.text).toContain('Педикюр стоит 2000 рублей.');
    expect(g.requests).toHaveLength(1);
    expect(health.snapshot()['llm:ollama']?.status).toBe('cooling_down');
  });

  it('says it has no information and offers a person when every LLM hangs and the chunks do not answer the question', async () => {
    // The fake LLMs would take a minute; only the chain's first-token budget lets this test finish.
    const { call } = await knowledgeCall(
      () => ({ tokens: ['поздно'], firstTokenDelayMs: 60_000 }),
      () => ({ tokens: ['поздно'], firstTokenDelayMs: 60_000 }),
      300,
    );
    const r = await call.say('Сколько стоит наращивание ресниц с эффектом мокрого взгляда?');
    expect(r.text).toBe('К сожалению, точной информации об этом у меня нет. Соединить вас с администратором?');
  });

  it('reads the matching sentence out when every LLM hangs but the chunk answers the question', async () => {
    const { call } = await knowledgeCall(
      () => ({ tokens: ['поздно'], firstTokenDelayMs: 60_000 }),
      () => ({ status: 403, message: 'Forbidden' }),
      300,
    );
    const r = await call.say('Сколько стоит педикюр?');
    expect(r.text).toContain('Педикюр стоит 2000 рублей.');
  });
});
