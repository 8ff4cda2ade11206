import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../agent-host/src/providers/errors.ts';
import { OllamaProvider } from '../../../agent-host/src/providers/llm/ollama.ts';
import { startOllamaServer, type OllamaBehavior } from '../../support/servers/ollama-server.ts';

const SYSTEM = 'Ты администратор салона красоты «Элегант». Отвечай коротко.';
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(behave: () => OllamaBehavior) {
  const srv = await startOllamaServer(behave);
  servers.push(srv);
  return { srv, provider: new OllamaProvider({ host: srv.url, model: 'qwen2.5:7b-instruct', keepAlive: '45m' }) };
}

describe('OllamaProvider against the /api/chat NDJSON protocol', () => {
  it('streams the reply delta by delta and sends model, keep_alive and num_predict', async () => {
    const { srv, provider } = await serve(() => ({ tokens: ['Маникюр ', 'стоит ', '1500 рублей.'] }));
    const deltas: string[] = [];
    for await (const d of provider.stream(SYSTEM, [{ role: 'user', content: 'Сколько стоит маникюр?' }], { maxTokens: 80 })) {
      deltas.push(d);
    }
    expect(deltas).toEqual(['Маникюр ', 'стоит ', '1500 рублей.']);
    const req = srv.requests[0]!;
    expect(req.model).toBe('qwen2.5:7b-instruct');
    expect(req.stream).toBe(true);
    expect(req.keep_alive).toBe('45m');
    expect(req.options?.num_predict).toBe(80);
    expect(req.messages[0]).toEqual({ role: 'system', content: SYSTEM });
    expect(req.messages[1]).toEqual({ role: 'user', content: 'Сколько стоит маникюр?' });
  });

  it('generate() returns the whole reply with the seed default of 150 tokens', async () => {
    const { srv, provider } = await serve(() => ({ tokens: ['Мы работаем ', 'с 9 до 21.'] }));
    const text = await provider.generate(SYSTEM, [{ role: 'user', content: 'Во сколько вы открываетесь?' }]);
    expect(text).toBe('Мы работаем с 9 до 21.');
    expect(srv.requests[0]!.options?.num_predict).toBe(150);
  });

  it('turns a missing model (404) into a non-retryable ProviderError', async () => {
    const { provider } = await serve(() => ({ status: 404, error: 'model "qwen2.5:7b-instruct" not found, try pulling it first' }));
    const err = await provider.generate(SYSTEM, [{ role: 'user', content: 'Алло' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'ollama', kind: 'llm', status: 404, retryable: false, fatal: false });
  });

  it('marks a 503 (model still loading) retryable', async () => {
    const { provider } = await serve(() => ({ status: 503, error: 'server busy' }));
    const err = await provider.generate(SYSTEM, [{ role: 'user', content: 'Алло' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, retryable: true });
  });

  it('stops reading when the caller aborts (barge-in)', async () => {
    const { provider } = await serve(() => ({ tokens: ['Раз. ', 'Два. ', 'Три. ', 'Четыре.'], tokenDelayMs: 30 }));
    const ctrl = new AbortController();
    const got: string[] = [];
    const err = await (async () => {
      for await (const d of provider.stream(SYSTEM, [{ role: 'user', content: 'Посчитай' }], { signal: ctrl.signal })) {
        got.push(d);
        if (got.length === 2) ctrl.abort(new Error('barge-in'));
      }
    })().catch((e: unknown) => e);
    expect(got).toEqual(['Раз. ', 'Два. ']);
    expect(String(err)).toContain('barge-in');
  });

  it('reports an unreachable server as a retryable ProviderError', async () => {
    const provider = new OllamaProvider({ host: 'http://127.0.0.1:9', model: 'qwen2.5:7b-instruct' });
    const err = await provider.generate(SYSTEM, [{ role: 'user', content: 'Алло' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ provider: 'ollama', retryable: true, fatal: false });
  });
});
