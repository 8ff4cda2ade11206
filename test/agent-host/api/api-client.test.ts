import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import { ApiClient, ApiError } from '../../../agent-host/src/api-client.ts';
import { startApiStub } from '../../support/servers/api-stub.ts';

const parsed = parseBotConfigText(readFileSync('scenarios/dental-clinic.yaml', 'utf8'));
if (!parsed.ok) throw new Error('fixture');
const dental = parsed.config;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function setup(token = 'test-agent-token', timeoutMs = 500) {
  const stub = await startApiStub();
  closers.push(stub.close);
  stub.state.bots.set('bot_dent', { id: 'bot_dent', slug: dental.bot_id, company_id: 'co_2', config_version: 1, config: dental });
  stub.state.knowledge.set('bot_dent', [
    { chunk_id: 'k1', doc_id: 'd1', text: 'Профессиональная чистка зубов стоит 3500 рублей.', section: 'Цены' },
    { chunk_id: 'k2', doc_id: 'd1', text: 'Клиника работает без выходных.' },
  ]);
  return { stub, api: new ApiClient({ baseUrl: `${stub.url}/`, token, timeoutMs }) };
}

describe('ApiClient', () => {
  it('reads a bot runtime by id and by slug, and null for an unknown bot', async () => {
    const { api } = await setup();
    expect((await api.getBotRuntime('bot_dent'))?.config.greeting).toBe(dental.greeting);
    expect((await api.getBotRuntime(dental.bot_id))?.id).toBe('bot_dent');
    expect(await api.getBotRuntime('no-such-bot')).toBeNull();
  });

  it('searches knowledge with q and top_k and validates the result shape', async () => {
    const { api, stub } = await setup();
    const results = await api.searchKnowledge('bot_dent', 'Сколько стоит чистка зубов?', 2);
    expect(results[0]).toMatchObject({ chunk_id: 'k1', section: 'Цены' });
    expect(stub.state.searches[0]).toMatchObject({ q: 'Сколько стоит чистка зубов?', topK: 2 });
  });

  it('fails with a non-retryable ApiError on a wrong token, and a retryable one on timeout', async () => {
    const bad = await setup('wrong-token');
    const denied = await bad.api.getBotRuntime('bot_dent').catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(ApiError);
    expect(denied).toMatchObject({ status: 401, retryable: false });

    const slow = await setup('test-agent-token', 100);
    slow.stub.state.delayMs = 1000;
    const timedOut = (await slow.api.searchKnowledge('bot_dent', 'чистка').catch((e: unknown) => e)) as ApiError;
    expect(timedOut).toMatchObject({ status: 0, retryable: true });
    expect(timedOut.message).toContain('timed out');
  });
});
