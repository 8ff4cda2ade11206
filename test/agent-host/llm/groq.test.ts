import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../agent-host/src/providers/errors.ts';
import { GroqProvider } from '../../../agent-host/src/providers/llm/groq.ts';
import { startGroqServer, type GroqBehavior } from '../../support/servers/groq-server.ts';

const SYSTEM = 'Ты администратор автосервиса. Отвечай коротко, по-русски.';
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(behave: () => GroqBehavior) {
  const srv = await startGroqServer(behave);
  servers.push(srv);
  return { srv, provider: new GroqProvider({ apiKey: 'gsk_test_key', baseURL: srv.baseURL, model: 'llama-3.1-8b-instant' }) };
}

describe('GroqProvider against the OpenAI-compatible SSE protocol', () => {
  it('streams content deltas from chat.completion.chunk events and sends the key as a bearer token', async () => {
    const { srv, provider } = await serve(() => ({ tokens: ['Замена масла ', 'занимает ', 'около часа.'] }));
    const deltas: string[] = [];
    for await (const d of provider.stream(SYSTEM, [{ role: 'user', content: 'Долго меняют масло?' }], { maxTokens: 60 })) {
      deltas.push(d);
    }
    expect(deltas.join('')).toBe('Замена масла занимает около часа.');
    expect(srv.requests[0]!.authorization).toBe('Bearer gsk_test_key');
    expect(srv.requests[0]!.body).toMatchObject({ model: 'llama-3.1-8b-instant', stream: true, max_tokens: 60 });
    expect(srv.requests[0]!.body.messages[0]).toEqual({ role: 'system', content: SYSTEM });
  });

  it('makes a 403 (region block) a fatal ProviderError', async () => {
    const { provider } = await serve(() => ({ status: 403, message: 'Access denied. Please check your network settings.' }));
    const err = await provider.generate(SYSTEM, [{ role: 'user', content: 'Здравствуйте' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'groq', status: 403, fatal: true, retryable: false });
  });

  it('makes a 401 fatal and names the env variable to fix', async () => {
    const { provider } = await serve(() => ({ status: 401, message: 'Invalid API Key' }));
    const err = (await provider.generate(SYSTEM, [{ role: 'user', content: 'Алло' }]).catch((e: unknown) => e)) as ProviderError;
    expect(err.fatal).toBe(true);
    expect(err.message).toContain('GROQ_API_KEY');
  });

  it('makes 429 retryable without the SDK retrying on its own', async () => {
    const { srv, provider } = await serve(() => ({ status: 429, message: 'Rate limit reached' }));
    const err = await provider.generate(SYSTEM, [{ role: 'user', content: 'Алло' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, retryable: true, fatal: false });
    expect(srv.requests).toHaveLength(1);
  });
});
