import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import { ApiClient } from '../../../agent-host/src/api-client.ts';
import { createKnowledgeAnswerer, extractiveAnswer, startAnswer, type KnowledgeTimings } from '../../../agent-host/src/knowledge-answer.ts';
import { LlmChain } from '../../../agent-host/src/providers/llm/chain.ts';
import { OllamaProvider } from '../../../agent-host/src/providers/llm/ollama.ts';
import { startApiStub } from '../../support/servers/api-stub.ts';
import { startOllamaServer } from '../../support/servers/ollama-server.ts';

const parsed = parseBotConfigText(readFileSync('scenarios/salon-bot-1.yaml', 'utf8'));
if (!parsed.ok) throw new Error('fixture');
const salon: BotConfig = parsed.config;
const PRICES = {
  chunk_id: 'c1',
  doc_id: 'd1',
  text:
    'Салон работает ежедневно с 9:00 до 21:00. Маникюр с покрытием гель-лаком стоит 1500 рублей. ' +
    'Педикюр стоит 2000 рублей. Стрижка женская от 1800 рублей.',
};
const PARKING = { chunk_id: 'c2', doc_id: 'd1', text: 'Рядом с салоном есть бесплатная парковка на 10 машин.' };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function stub() {
  const s = await startApiStub();
  closers.push(s.close);
  s.state.knowledge.set('bot_01', [PRICES, PARKING]);
  return { s, api: new ApiClient({ baseUrl: s.url, token: 'test-agent-token', timeoutMs: 500 }) };
}

async function collect(answer: string | AsyncIterable<string> | null): Promise<string[] | null> {
  if (answer === null || typeof answer === 'string') return answer === null ? null : [answer];
  const out: string[] = [];
  for await (const s of answer) out.push(s);
  return out;
}

describe('knowledge answers', () => {
  it('asks the LLM with the found chunks and streams its answer sentence by sentence', async () => {
    const { s, api } = await stub();
    const ollama = await startOllamaServer(() => ({ tokens: ['Маникюр с покрытием ', 'стоит 1500 рублей. ', 'Записать ', 'вас?'] }));
    closers.push(ollama.close);
    const timings: KnowledgeTimings[] = [];
    const answer = createKnowledgeAnswerer({
      api,
      botId: 'bot_01',
      llm: new LlmChain([new OllamaProvider({ host: ollama.url, model: 'qwen2.5:7b-instruct' })]),
      onTimings: (t) => timings.push(t),
    });
    const parts = await collect(await answer('Сколько стоит маникюр?', { config: salon }));
    expect(parts).toEqual(['Маникюр с покрытием стоит 1500 рублей. ', 'Записать вас?']);
    expect(s.state.searches[0]).toMatchObject({ botId: 'bot_01', q: 'Сколько стоит маникюр?', auth: 'Bearer test-agent-token' });
    const prompt = ollama.requests[0]!.messages.at(-1)!.content;
    expect(prompt).toContain('1500 рублей');
    expect(prompt).toContain('Сколько стоит маникюр?');
    expect(ollama.requests[0]!.messages[0]!.content).toContain('Ничего не придумывай');
    expect(timings[0]).toMatchObject({ mode: 'llm', provider: 'ollama' });
  });

  it('answers extractively from the best chunk when no LLM is configured', async () => {
    const { api } = await stub();
    const answer = createKnowledgeAnswerer({ api, botId: 'bot_01', llm: null });
    expect(await collect(await answer('Сколько стоит педикюр?', { config: salon }))).toEqual(['Педикюр стоит 2000 рублей.']);
  });

  it('answers extractively when every LLM provider is down', async () => {
    const { api } = await stub();
    const answer = createKnowledgeAnswerer({
      api,
      botId: 'bot_01',
      llm: new LlmChain([new OllamaProvider({ host: 'http://127.0.0.1:9', model: 'qwen2.5:7b-instruct' })]),
    });
    expect(await collect(await answer('У вас есть парковка?', { config: salon }))).toEqual([
      'Рядом с салоном есть бесплатная парковка на 10 машин.',
    ]);
  });

  it('returns null when the knowledge base has nothing, or the search API is down', async () => {
    const { s, api } = await stub();
    const answer = createKnowledgeAnswerer({ api, botId: 'bot_01', llm: null });
    expect(await answer('Вы делаете татуировки?', { config: salon })).toBeNull();
    s.state.delayMs = 2000;
    expect(await answer('Сколько стоит маникюр?', { config: salon })).toBeNull();
  });

  it('reuses a prefetched search instead of searching twice', async () => {
    const { s, api } = await stub();
    const answer = createKnowledgeAnswerer({ api, botId: 'bot_01', llm: null });
    answer.prefetch('Когда вы работаете?');
    expect(await collect(await answer('Когда вы работаете?', { config: salon }))).toEqual([
      'Салон работает ежедневно с 9:00 до 21:00.',
    ]);
    expect(s.state.searches).toHaveLength(1);
  });
});

describe('startAnswer', () => {
  it('waits for the first spoken piece of a stream and keeps the rest for later', async () => {
    async function* llm() {
      yield '';
      yield '  ';
      yield 'Педикюр стоит 2000 рублей.';
      yield ' Записать вас?';
    }
    const started = await startAnswer(async () => llm(), 'Сколько стоит педикюр?', { config: salon });
    expect(started).toMatchObject({ kind: 'stream', first: 'Педикюр стоит 2000 рублей.' });
    if (started.kind !== 'stream') return;
    expect(await started.iterator.next()).toEqual({ done: false, value: ' Записать вас?' });
  });

  it('counts a failing answerer or an empty stream as no answer, and passes a whole answer through', async () => {
    const failing = await startAnswer(async () => Promise.reject(new Error('search API down')), 'Есть парковка?', { config: salon });
    expect(failing).toMatchObject({ kind: 'text', answer: null });
    async function* empty() {
      yield ' ';
    }
    expect(await startAnswer(async () => empty(), 'Есть парковка?', { config: salon })).toMatchObject({ kind: 'text', answer: null });
    expect(await startAnswer(async () => 'Парковка бесплатная.', 'Есть парковка?', { config: salon })).toMatchObject({
      kind: 'text',
      answer: 'Парковка бесплатная.',
    });
  });
});

describe('extractiveAnswer', () => {
  const row = (text: string, section = 'Парикмахерский зал') => ({ chunk_id: 'c', doc_id: 'd', text, score: 1, source: 'prices.csv', page: null, section });

  it('reads the service and price lines of a price-list row, understanding "стоит" as the price', () => {
    const chunk = row('Услуга: Стрижка женская\nКатегория: Парикмахерский зал\nЦена: 1500 руб.\nДлительность: 60 мин');
    expect(extractiveAnswer('Сколько стоит стрижка?', [chunk])).toBe('Женская стрижка стоит 1500 руб.');
  });

  it('answers "где вы находитесь" from the address sentence only', () => {
    const chunk = row('Мы находимся по адресу: Москва, улица Тверская, 15, вход со двора. Для гостей есть бесплатная парковка во дворе.', 'Как нас найти');
    expect(extractiveAnswer('а где вы находитесь?', [chunk])).toBe('Мы находимся по адресу: Москва, улица Тверская, 15, вход со двора.');
  });

  it('says nothing when the best chunk is about something else', () => {
    const chunk = row('Принимаем наличные, банковские карты и оплату по СБП.', 'Оплата');
    expect(extractiveAnswer('Сколько стоит стрижка?', [chunk])).toBeNull();
  });
});
