import { afterEach, describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildLlmChain, gigaChat, LlmUnavailableError } from '../../../agent-host/src/providers/llm/index.ts';
import { startGigaChatServer } from '../../support/servers/gigachat-server.ts';
import { startSberOAuthServer } from '../../support/servers/sber-oauth-server.ts';
import { startYandexGptServer } from '../../support/servers/yandexgpt-server.ts';

const SYSTEM = 'Ты администратор салона красоты «Элегант». Отвечай коротко, только по фактам.';
const question = [{ role: 'user' as const, content: 'ну а сколько стоит окрашивание короче на короткие волосы' }];
const answer = ['Окрашивание ', 'коротких волос ', 'стоит ', 'от трёх тысяч рублей.'];
const GIGA_KEY = 'MDE5YzEyMzQtZ2lnYTpzZWNyZXQ=';
const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

async function collect(stream: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const d of stream) out += d;
  return out;
}

async function gigaServers(now?: () => number, behave = () => ({ tokens: answer })) {
  const oauth = await startSberOAuthServer({ authKey: GIGA_KEY, scope: 'GIGACHAT_API_PERS', ...(now ? { now } : {}) });
  const giga = await startGigaChatServer({ tokenIsValid: oauth.isValid, behave });
  closers.push(oauth, giga);
  return { oauth, giga, env: { GIGACHAT_AUTH_KEY: GIGA_KEY, GIGACHAT_OAUTH_URL: oauth.oauthUrl, GIGACHAT_BASE_URL: giga.baseURL } };
}

describe('yandexgpt: OpenAI-compatible chat against a local llm.api.cloud.yandex.net', () => {
  const env = (baseURL: string, key = 'AQVN-yc-llm-key') => ({ YANDEX_API_KEY: key, YANDEX_FOLDER_ID: 'b1gsalonfolder', YANDEX_LLM_BASE_URL: baseURL });

  it('streams the answer from gpt://<folder>/yandexgpt/latest with the Api-Key header', async () => {
    const server = await startYandexGptServer({ authorization: 'Api-Key AQVN-yc-llm-key', behave: () => ({ tokens: answer }) });
    closers.push(server);
    const chain = buildLlmChain({ providers: { llm: [{ name: 'yandexgpt' }] } }, env(server.baseURL));

    const text = await collect(chain!.stream(SYSTEM, question, { maxTokens: 120 }));

    expect(text).toBe('Окрашивание коротких волос стоит от трёх тысяч рублей.');
    const req = server.requests[0];
    expect(req?.body).toMatchObject({ model: 'gpt://b1gsalonfolder/yandexgpt/latest', stream: true, max_tokens: 120 });
    expect(req?.body.messages).toEqual([{ role: 'system', content: SYSTEM }, ...question]);
    expect(req?.headers['x-folder-id']).toBe('b1gsalonfolder');
  });

  it('a rejected key is fatal and names YANDEX_API_KEY; health keeps YandexGPT off', async () => {
    const server = await startYandexGptServer({ authorization: 'Api-Key the-real-key', behave: () => ({ tokens: answer }) });
    closers.push(server);
    const health = new ProviderHealth();
    const chain = buildLlmChain({ providers: { llm: [{ name: 'yandexgpt' }] } }, env(server.baseURL, 'revoked'), health);

    const err = await collect(chain!.stream(SYSTEM, question)).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(LlmUnavailableError);
    expect(String((err as Error).message)).toMatch(/YANDEX_API_KEY rejected \(401\) by yandexgpt/);
    expect(health.snapshot()['llm:yandexgpt']?.status).toBe('unavailable');
  });

  it('a 503 from YandexGPT hands the same turn to GigaChat within the budget', async () => {
    const server = await startYandexGptServer({ authorization: 'Api-Key AQVN-yc-llm-key', behave: () => ({ status: 503, message: 'service overloaded' }) });
    closers.push(server);
    const { env: gEnv } = await gigaServers();
    const health = new ProviderHealth();
    const chain = buildLlmChain({ providers: { llm: [{ name: 'yandexgpt' }, { name: 'gigachat' }] } }, { ...env(server.baseURL), ...gEnv }, health);
    const first: string[] = [];

    const text = await collect(chain!.stream(SYSTEM, question, { onFirstToken: (i) => first.push(i.provider) }));

    expect(text).toBe('Окрашивание коротких волос стоит от трёх тысяч рублей.');
    expect(first).toEqual(['gigachat']);
    expect(health.snapshot()['llm:yandexgpt']).toMatchObject({ status: 'cooling_down', lastError: expect.stringMatching(/503/) });
  });

  it('aborting on barge-in closes the streaming request', async () => {
    const server = await startYandexGptServer({ authorization: 'Api-Key AQVN-yc-llm-key', behave: () => ({ tokens: answer, tokenDelayMs: 200 }) });
    closers.push(server);
    const chain = buildLlmChain({ providers: { llm: [{ name: 'yandexgpt' }] } }, env(server.baseURL));
    const ctrl = new AbortController();

    const got: string[] = [];
    for await (const d of chain!.stream(SYSTEM, question, { signal: ctrl.signal })) {
      got.push(d);
      ctrl.abort(new Error('caller barged in'));
    }

    expect(got).toEqual(['Окрашивание ']);
    await expect.poll(() => server.requests[0]?.aborted).toBe(true);
  });
});

describe('gigachat: OAuth client credentials + OpenAI-compatible chat against local Sber servers', () => {
  it('fetches a GIGACHAT_API_PERS token and streams the answer with it', async () => {
    const { oauth, giga, env } = await gigaServers();
    const chain = buildLlmChain({ providers: { llm: [{ name: 'gigachat' }] } }, env);

    const text = await collect(chain!.stream(SYSTEM, question));

    expect(text).toBe('Окрашивание коротких волос стоит от трёх тысяч рублей.');
    expect(oauth.requests[0]).toMatchObject({ authorization: `Basic ${GIGA_KEY}`, scope: 'GIGACHAT_API_PERS' });
    expect(giga.requests[0]?.headers.authorization).toBe('Bearer eyJ-sber-gigachat_api_pers-1');
    expect(giga.requests[0]?.body.model).toBe('GigaChat');
  });

  it('refreshes the ~30 min token a minute before it expires, so no request is refused', async () => {
    let clock = Date.parse('2026-11-30T10:00:00+03:00');
    const now = () => clock;
    const { oauth, giga, env } = await gigaServers(now);
    const provider = gigaChat({ authKey: GIGA_KEY, oauthUrl: env.GIGACHAT_OAUTH_URL, baseURL: env.GIGACHAT_BASE_URL, now });

    await provider.generate(SYSTEM, question);
    clock += 15 * 60_000;
    await provider.generate(SYSTEM, question);
    clock += 14 * 60_000 + 30_000; // 30 s before expiry
    await provider.generate(SYSTEM, question);

    expect(oauth.requests).toHaveLength(2);
    expect(giga.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer eyJ-sber-gigachat_api_pers-1',
      'Bearer eyJ-sber-gigachat_api_pers-1',
      'Bearer eyJ-sber-gigachat_api_pers-2',
    ]);
  });

  it('a token refused early (401 on chat) is dropped and the next turn gets a new one; not fatal', async () => {
    let refuse = true;
    const { oauth, env } = await gigaServers();
    const health = new ProviderHealth({ coolDownMs: 0 });
    const realValid = oauth.isValid;
    const server = await startGigaChatServer({ tokenIsValid: (t) => !refuse && realValid(t), behave: () => ({ tokens: answer }) });
    closers.push(server);
    const chain = buildLlmChain({ providers: { llm: [{ name: 'gigachat' }] } }, { ...env, GIGACHAT_BASE_URL: server.baseURL }, health);

    const err = await collect(chain!.stream(SYSTEM, question)).catch((e: unknown) => e);
    refuse = false;
    const text = await collect(chain!.stream(SYSTEM, question));

    expect(err).toBeInstanceOf(LlmUnavailableError);
    expect(health.snapshot()['llm:gigachat']?.status).not.toBe('unavailable');
    expect(text).toContain('от трёх тысяч');
    expect(oauth.requests).toHaveLength(2);
  });

  it('a rejected authorization key is fatal and names GIGACHAT_AUTH_KEY', async () => {
    const { env } = await gigaServers();
    const health = new ProviderHealth();
    const chain = buildLlmChain({ providers: { llm: [{ name: 'gigachat' }] } }, { ...env, GIGACHAT_AUTH_KEY: 'b2xkLWtleQ==' }, health);

    const err = await collect(chain!.stream(SYSTEM, question)).catch((e: unknown) => e);

    expect(String((err as Error).message)).toMatch(/GIGACHAT_AUTH_KEY rejected \(401\) by Sber OAuth/);
    expect(health.snapshot()['llm:gigachat']?.status).toBe('unavailable');
  });
});
