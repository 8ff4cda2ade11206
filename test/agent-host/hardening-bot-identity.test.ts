import { afterEach, describe, expect, it } from 'vitest';
import { BotResolver } from '../../agent-host/src/bot-resolver.ts';
import type { BotRuntime } from '../../agent-host/src/api-client.ts';
import { scenario, startTextCall } from './pipeline/harness.ts';

const salon = scenario('salon-bot-1');
const sessions: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

describe('a call names its bot by the API id, not the slug other companies may share', () => {
  it('posts the CallResult with the bot id the call was resolved to', async () => {
    const call = await startTextCall(salon);
    sessions.push(call.session);
    await call.say('ну здравствуйте а вы до скольки работаете');
    const result = await call.controller.endCall('caller');
    expect(result.bot_id).toBe('bot_01');
    expect(call.posted.map((r) => r.bot_id)).toEqual(['bot_01']);
  });

  it('looks a slug up within the company named in the dispatch metadata', async () => {
    const asked: [string, string | undefined][] = [];
    const resolver = new BotResolver({
      api: {
        getBotRuntime: async (ref: string, _signal?: AbortSignal, companyId?: string): Promise<BotRuntime> => {
          asked.push([ref, companyId]);
          return { id: `bot_of_${companyId}`, slug: ref, company_id: companyId ?? '', config_version: 1, config: salon } as BotRuntime;
        },
        getBotByPhone: async () => null,
      },
    });
    const a = await resolver.resolve({ jobMetadata: JSON.stringify({ bot_id: 'salon-bot-1', company_id: 'cmp_a' }) });
    const b = await resolver.resolve({ jobMetadata: JSON.stringify({ bot_id: 'salon-bot-1', company_id: 'cmp_b' }) });
    expect([a?.id, b?.id]).toEqual(['bot_of_cmp_a', 'bot_of_cmp_b']);
    expect(asked).toEqual([['salon-bot-1', 'cmp_a'], ['salon-bot-1', 'cmp_b']]);
  });
});
