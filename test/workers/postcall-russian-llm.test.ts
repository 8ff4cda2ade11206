import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import type { Env } from '../../workers/env.ts';
import { callResult, message, runQueue, seedCall, stubNetwork, type Received } from './postcall-support.ts';
import { createCompanyWithBot } from './support.ts';

/** Yandex Cloud's OpenAI-compatible endpoint and Sber's GigaChat + OAuth hosts, faked at the fetch boundary. */
const YANDEX = 'https://llm.api.cloud.yandex.net/v1';
const GIGA = 'https://gigachat.devices.sberbank.ru/api/v1';
const SBER_OAUTH = 'https://ngw.devices.sberbank.ru:9443/api/v2/oauth';
const SUMMARY = 'Анна записалась на маникюр на пятницу на пятнадцать ноль ноль, телефон для подтверждения оставила.';
const EXTRAS = JSON.stringify({ caller_name: 'Анна', intent: 'запись на маникюр', lead_quality: 'hot' });
const YANDEX_ENV = { YANDEX_API_KEY: 'AQVN-yc-key', YANDEX_FOLDER_ID: 'b1gsalonfolder' } as Partial<Env>;
const GIGA_ENV = { GIGACHAT_AUTH_KEY: 'MDE5Yy1naWdhOnNlY3JldA==' } as Partial<Env>;

function completion(content: string, model: string): Response {
  return Response.json({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1795900000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 410, completion_tokens: 40, total_tokens: 450 },
  });
}

/** Extraction requests end with the JSON instruction; summaries do not. */
const isExtraction = (req: Received) => (JSON.parse(req.body) as { messages: { content: string }[] }).messages.at(-1)?.content.startsWith('Ответь только JSON');

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

const callRow = (id: string) => db(env.DB).select().from(schema.calls).where(eq(schema.calls.id, id)).get();

describe('post-call summary and extraction with yandexgpt (OpenAI-compatible, fake at the fetch boundary)', () => {
  it('asks gpt://<folder>/yandexgpt/latest with the Api-Key and stores its summary and extras', async () => {
    const { bot } = await createCompanyWithBot();
    net.on(`${YANDEX}/chat/completions`, (req) => completion(isExtraction(req) ? EXTRAS : SUMMARY, 'yandexgpt/latest'));
    const call = await seedCall(callResult(bot.id));

    await runQueue('voicebot-postcall', [message({ callId: call.id })], YANDEX_ENV);

    const row = await callRow(call.id);
    expect(row?.summary).toBe(SUMMARY);
    expect(JSON.parse(row!.extractedJson!)).toEqual({ caller_name: 'Анна', intent: 'запись на маникюр', lead_quality: 'hot' });
    const sent = net.to(`${YANDEX}/chat/completions`);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.headers.get('authorization')).toBe('Api-Key AQVN-yc-key');
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ model: 'gpt://b1gsalonfolder/yandexgpt/latest', stream: false });
  });
});

describe('post-call summary with gigachat (OAuth token + chat, fake at the fetch boundary)', () => {
  it('gets one token for both requests and falls back from a failing YandexGPT to GigaChat', async () => {
    const { bot } = await createCompanyWithBot();
    net.on(`${YANDEX}/chat/completions`, () => Response.json({ error: { message: 'overloaded' } }, { status: 503 }));
    net.on(SBER_OAUTH, () => Response.json({ access_token: 'eyJ-giga-1', expires_at: Date.now() + 30 * 60_000 }));
    net.on(`${GIGA}/chat/completions`, (req) =>
      req.headers.get('authorization') === 'Bearer eyJ-giga-1' ? completion(isExtraction(req) ? EXTRAS : SUMMARY, 'GigaChat') : new Response('{}', { status: 401 }),
    );
    const call = await seedCall(callResult(bot.id));

    await runQueue('voicebot-postcall', [message({ callId: call.id })], { ...YANDEX_ENV, ...GIGA_ENV });

    const row = await callRow(call.id);
    expect(row?.summary).toBe(SUMMARY);
    expect(row?.extractedJson).not.toBeNull();
    const oauth = net.to(SBER_OAUTH);
    expect(oauth).toHaveLength(1);
    expect(oauth[0]?.headers.get('authorization')).toBe('Basic MDE5Yy1naWdhOnNlY3JldA==');
    expect(oauth[0]?.headers.get('rquid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(oauth[0]?.body).toBe('scope=GIGACHAT_API_PERS');
    expect(net.to(`${GIGA}/chat/completions`)).toHaveLength(2);
  });

  it('uses the deterministic summary when GigaChat refuses the key', async () => {
    const { bot } = await createCompanyWithBot();
    net.on(SBER_OAUTH, () => Response.json({ code: 6, message: 'credentials are invalid' }, { status: 401 }));
    const call = await seedCall(callResult(bot.id));

    await runQueue('voicebot-postcall', [message({ callId: call.id })], { GIGACHAT_AUTH_KEY: 'd3Jvbmc=' } as Partial<Env>);

    const row = await callRow(call.id);
    expect(row?.summary).toMatch(/^Итог: запись создана\./);
    expect(row?.extractedJson).toBeNull();
  });
});
