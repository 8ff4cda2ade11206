import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import { ApiClient } from '../../../agent-host/src/api-client.ts';
import { BotResolver, toE164 } from '../../../agent-host/src/bot-resolver.ts';
import { startApiStub } from '../../support/servers/api-stub.ts';

function scenario(name: string): BotConfig {
  const r = parseBotConfigText(readFileSync(`scenarios/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error(`bad fixture ${name}`);
  return r.config;
}
const salon = scenario('salon-bot-1');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function setup(opts: { budgetMs?: number; cacheTtlMs?: number; now?: () => number; defaultBot?: string } = {}) {
  const stub = await startApiStub();
  closers.push(stub.close);
  stub.state.bots.set('bot_01', { id: 'bot_01', slug: 'salon-bot-1', company_id: 'co_1', config_version: 3, config: salon });
  stub.state.phones.set('+74951234567', 'bot_01');
  const api = new ApiClient({ baseUrl: stub.url, token: 'test-agent-token', timeoutMs: 1000 });
  return { stub, resolver: new BotResolver({ api, budgetMs: opts.budgetMs ?? 500, ...opts }) };
}

describe('BotResolver', () => {
  it('takes an inline config from the dispatch metadata without calling the API', async () => {
    const { resolver, stub } = await setup();
    stub.state.delayMs = 5000;
    const bot = await resolver.resolve({ jobMetadata: JSON.stringify({ config: salon }) });
    expect(bot).toMatchObject({ id: 'salon-bot-1', via: 'metadata-config' });
    expect(bot?.config.greeting).toBe(salon.greeting);
  });

  it('looks a bot up by slug from the dispatch metadata', async () => {
    const { resolver } = await setup();
    const bot = await resolver.resolve({ jobMetadata: '{"bot_id":"salon-bot-1"}', roomMetadata: '' });
    expect(bot).toMatchObject({ id: 'bot_01', via: 'metadata-id', stale: false });
  });

  it('maps the dialled SIP number to its bot', async () => {
    const { resolver } = await setup();
    const bot = await resolver.resolve({ participantAttributes: { 'sip.trunkPhoneNumber': '74951234567', 'sip.phoneNumber': '+79161234567' } });
    expect(bot).toMatchObject({ id: 'bot_01', via: 'phone' });
  });

  it('falls back to the default bot for an unknown number, and to null with no default', async () => {
    const withDefault = await setup({ defaultBot: 'salon-bot-1' });
    expect(await withDefault.resolver.resolve({ participantAttributes: { 'sip.trunkPhoneNumber': '+78120000000' } })).toMatchObject({
      via: 'default',
    });
    const without = await setup();
    expect(await without.resolver.resolve({ participantAttributes: { 'sip.trunkPhoneNumber': '+78120000000' } })).toBeNull();
  });

  it('serves a cached config within its TTL and a stale one when the API is slower than the budget', async () => {
    let clock = 0;
    const { resolver, stub } = await setup({ budgetMs: 100, cacheTtlMs: 1000, now: () => clock });
    await resolver.resolve({ jobMetadata: '{"bot_id":"bot_01"}' });
    stub.state.delayMs = 3000;
    expect(await resolver.resolve({ jobMetadata: '{"bot_id":"bot_01"}' })).toMatchObject({ stale: false });
    clock = 5000;
    const stale = await resolver.resolve({ jobMetadata: '{"bot_id":"bot_01"}' });
    expect(stale).toMatchObject({ id: 'bot_01', stale: true });
  });

  it('gives up with null when the API is slow and nothing is cached', async () => {
    const { resolver, stub } = await setup({ budgetMs: 100 });
    stub.state.delayMs = 3000;
    expect(await resolver.resolve({ jobMetadata: '{"bot_id":"bot_01"}' })).toBeNull();
  });

  it('normalizes dialled numbers to E.164', () => {
    expect(toE164('8 (495) 123-45-67')).toBe('+74951234567');
    expect(toE164('+7 495 123 45 67')).toBe('+74951234567');
  });
});
