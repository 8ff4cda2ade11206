import { initializeLogger, llm } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { LlmChain, LlmUnavailableError, withScriptedFallback } from '../../../agent-host/src/providers/llm/chain.ts';
import { GroqProvider } from '../../../agent-host/src/providers/llm/groq.ts';
import { ProviderLLM } from '../../../agent-host/src/providers/llm/livekit-adapter.ts';
import { OllamaProvider } from '../../../agent-host/src/providers/llm/ollama.ts';
import { collectText } from '../../../agent-host/src/providers/llm/types.ts';
import { startGroqServer, type GroqBehavior } from '../../support/servers/groq-server.ts';
import { startOllamaServer, type OllamaBehavior } from '../../support/servers/ollama-server.ts';

const SYSTEM = 'Ты администратор стоматологии «Улыбка».';
const FALLBACK = 'Извините, не совсем поняла. Вы хотите записаться или у вас вопрос?';
const ASK = [{ role: 'user' as const, content: 'Сколько стоит чистка зубов?' }];
initializeLogger({ pretty: false, level: 'silent' });
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function providers(ollama: () => OllamaBehavior, groq: () => GroqBehavior) {
  const o = await startOllamaServer(ollama);
  const g = await startGroqServer(groq);
  servers.push(o, g);
  return {
    o,
    g,
    list: [
      new OllamaProvider({ host: o.url, model: 'qwen2.5:7b-instruct' }),
      new GroqProvider({ apiKey: 'gsk_x', baseURL: g.baseURL }),
    ],
  };
}

describe('LlmChain', () => {
  it('uses the first provider when it answers in time', async () => {
    const { list, g } = await providers(() => ({ tokens: ['Чистка ', 'стоит 3000 рублей.'] }), () => ({ tokens: ['нет'] }));
    const seen: string[] = [];
    const chain = new LlmChain(list, { firstTokenTimeoutMs: 1000 });
    const text = await collectText(chain.stream(SYSTEM, ASK, { onFirstToken: ({ provider }) => seen.push(provider) }));
    expect(text).toBe('Чистка стоит 3000 рублей.');
    expect(seen).toEqual(['ollama']);
    expect(g.requests).toHaveLength(0);
  });

  it('moves to the second provider when the first gives no first token in time', async () => {
    const { list } = await providers(() => ({ tokens: ['поздно'], firstTokenDelayMs: 2000 }), () => ({ tokens: ['Чистка — ', '3000 рублей.'] }));
    const health = new ProviderHealth();
    const seen: string[] = [];
    const chain = new LlmChain(list, { firstTokenTimeoutMs: 150, health });
    const text = await collectText(chain.stream(SYSTEM, ASK, { onFirstToken: ({ provider }) => seen.push(provider) }));
    expect(text).toBe('Чистка — 3000 рублей.');
    expect(seen).toEqual(['groq']);
    expect(health.snapshot()['llm:ollama']?.status).toBe('cooling_down');
  });

  it('moves to the second provider when the first errors, and keeps a 403 provider off afterwards', async () => {
    const { list, o } = await providers(() => ({ tokens: ['Чистка стоит 3000.'] }), () => ({ status: 403 }));
    const health = new ProviderHealth();
    const chain = new LlmChain([list[1]!, list[0]!], { health });
    expect(await collectText(chain.stream(SYSTEM, ASK))).toBe('Чистка стоит 3000.');
    expect(health.snapshot()['llm:groq']?.status).toBe('unavailable');
    await collectText(chain.stream(SYSTEM, ASK));
    expect(o.requests).toHaveLength(2);
  });

  it('throws LlmUnavailableError when nobody answers, which the scripted wrapper turns into the fallback phrase', async () => {
    const { list } = await providers(() => ({ status: 500 }), () => ({ tokens: ['x'], firstTokenDelayMs: 1000 }));
    const chain = new LlmChain(list, { firstTokenTimeoutMs: 100 });
    await expect(collectText(chain.stream(SYSTEM, ASK))).rejects.toBeInstanceOf(LlmUnavailableError);
    expect(await collectText(withScriptedFallback(chain, FALLBACK).stream(SYSTEM, ASK))).toBe(FALLBACK);
  });

  it('works as a LiveKit llm.LLM through ProviderLLM', async () => {
    const { list } = await providers(() => ({ tokens: ['Да, ', 'мы работаем в субботу.'] }), () => ({ status: 500 }));
    const lk = new ProviderLLM(new LlmChain(list));
    const ctx = llm.ChatContext.empty();
    ctx.addMessage({ role: 'system', content: SYSTEM });
    ctx.addMessage({ role: 'user', content: 'Вы работаете в субботу?' });
    const out = await lk.chat({ chatCtx: ctx }).collect();
    expect(out.text).toBe('Да, мы работаем в субботу.');
  });
});
