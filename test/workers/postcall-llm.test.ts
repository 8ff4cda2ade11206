import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { factsFromRow } from '../../workers/postcall/call-facts.ts';
import { parseExtras } from '../../workers/postcall/extract-outcome.ts';
import { generateSummary } from '../../workers/postcall/summarize.ts';
import { callResult, message, runQueue, seedCall, stubNetwork, type Received } from './postcall-support.ts';
import { createCompanyWithBot } from './support.ts';

/** Fake Ollama on its default port, answering `/api/chat` in the documented non-streaming shape. */
const OLLAMA = 'http://127.0.0.1:11434';
const LLM_ENV = { OLLAMA_URL: OLLAMA, OLLAMA_MODEL: 'qwen2.5:7b-instruct' };

const LLM_SUMMARY = 'Анна записалась на маникюр на пятницу, 21 ноября, в 15:00; номер для подтверждения +79161234567.';

function chatReply(content: string): Response {
  return Response.json({
    model: 'qwen2.5:7b-instruct',
    created_at: '2026-11-20T09:02:00.000000Z',
    message: { role: 'assistant', content },
    done: true,
    done_reason: 'stop',
    total_duration: 812_000_000,
    load_duration: 20_000_000,
    prompt_eval_count: 412,
    prompt_eval_duration: 300_000_000,
    eval_count: 48,
    eval_duration: 480_000_000,
  });
}

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => {
  net.restore();
  vi.restoreAllMocks();
});

/** Captures the Worker's JSON log lines of one level (expected here: asserted, not printed). */
const captureLogs = (level: 'warn' | 'error') => vi.spyOn(console, level).mockImplementation(() => {});
const loggedMessages = (spy: ReturnType<typeof captureLogs>) => spy.mock.calls.map(([line]) => (JSON.parse(String(line)) as { msg: string }).msg);

/** Routes /api/chat: requests with a `format` are the extraction, the others the summary. */
function fakeOllama(extraction: string | Response, summary: string | Response = LLM_SUMMARY) {
  net.on(`${OLLAMA}/api/chat`, (req: Received) => {
    const body = JSON.parse(req.body) as { format?: unknown };
    const answer = body.format ? extraction : summary;
    return typeof answer === 'string' ? chatReply(answer) : answer;
  });
}

const callRow = (id: string) => db(env.DB).select().from(schema.calls).where(eq(schema.calls.id, id)).get();

describe('post-call processing with an LLM (fake Ollama at the fetch boundary)', () => {
  it('stores the LLM summary and the validated extras; the engine outcome and fields stay the truth', async () => {
    const { bot } = await createCompanyWithBot();
    fakeOllama(JSON.stringify({ caller_name: 'Анна', intent: 'запись на маникюр', lead_quality: 'hot' }));
    const call = await seedCall(callResult(bot.id));
    await runQueue('voicebot-postcall', [message({ callId: call.id })], LLM_ENV);

    const row = await callRow(call.id);
    expect(row?.summary).toBe(LLM_SUMMARY);
    expect(JSON.parse(row!.extractedJson!)).toEqual({ caller_name: 'Анна', intent: 'запись на маникюр', lead_quality: 'hot' });
    expect(row?.outcome).toBe('booking_created');
    const booking = await db(env.DB).select().from(schema.bookings).where(eq(schema.bookings.callId, call.id)).get();
    expect(booking).toMatchObject({ name: 'Анна', service: 'маникюр', phone: '+79161234567' });

    const requests = net.to(`${OLLAMA}/api/chat`).map((r) => JSON.parse(r.body));
    expect(requests).toHaveLength(2);
    for (const r of requests) {
      expect(r).toMatchObject({ model: 'qwen2.5:7b-instruct', stream: false });
      expect(r.messages[0].role).toBe('system');
      expect(r.messages[1].content).toContain('Клиент: Здравствуйте, хочу записаться на маникюр в пятницу');
    }
    expect(requests.find((r) => r.format)?.format.required).toEqual(['caller_name', 'intent', 'lead_quality']);
  });

  it('puts the LLM lead quality and intent on a lead row', async () => {
    const { bot } = await createCompanyWithBot('dental-clinic.yaml');
    fakeOllama(JSON.stringify({ caller_name: null, intent: 'консультация по имплантации', lead_quality: 'warm' }), 'Клиент интересовался имплантацией.');
    const call = await seedCall(callResult(bot.id, { outcome: 'lead_qualified', scenario: 'consultation', fields: { phone: '+79035550101' } }));
    await runQueue('voicebot-postcall', [message({ callId: call.id })], LLM_ENV);
    const lead = await db(env.DB).select().from(schema.leads).where(eq(schema.leads.callId, call.id)).get();
    expect(lead).toMatchObject({ quality: 'warm', intent: 'консультация по имплантации', phone: '+79035550101', name: null });
  });

  it.each([
    ['not JSON at all', 'Клиент хотел записаться, имя Анна'],
    ['a wrong type', JSON.stringify({ caller_name: 42, intent: 'запись', lead_quality: 'hot' })],
    ['a value outside the enum', JSON.stringify({ caller_name: 'Анна', intent: 'запись', lead_quality: 'очень горячий' })],
    ['an array', '[1, 2, 3]'],
  ])('ignores extraction output that is %s (nothing stored), keeps the summary', async (_label, reply) => {
    const { bot } = await createCompanyWithBot();
    fakeOllama(reply);
    const call = await seedCall(callResult(bot.id));
    const warned = captureLogs('warn');
    await runQueue('voicebot-postcall', [message({ callId: call.id })], LLM_ENV);
    expect(loggedMessages(warned)).toEqual(['llm extraction ignored: invalid output']);
    const row = await callRow(call.id);
    expect(row?.extractedJson).toBeNull();
    expect(row?.summary).toBe(LLM_SUMMARY);
  });

  it('falls back to the deterministic summary when Ollama fails or answers empty', async () => {
    const { bot } = await createCompanyWithBot();
    fakeOllama(new Response('{"error":"model not found"}', { status: 404 }), chatReply('   '));
    const call = await seedCall(callResult(bot.id));
    const warned = captureLogs('warn');
    const result = await runQueue('voicebot-postcall', [message({ callId: call.id }, 1, 'm-llm-down')], LLM_ENV);
    expect(result.explicitAcks).toEqual(['m-llm-down']);
    expect(loggedMessages(warned)).toContain('llm extraction failed');
    const row = await callRow(call.id);
    expect(row?.summary).toMatch(/^Итог: запись создана\. Данные: услуга — маникюр;/);
    expect(row?.extractedJson).toBeNull();
  });

  it('gives up on a model that does not answer within the timeout and uses the template', async () => {
    const { bot } = await createCompanyWithBot();
    net.on(`${OLLAMA}/api/chat`, () => new Promise<Response>(() => {}));
    const row = await seedCall(callResult(bot.id));
    const warned = captureLogs('warn');
    const result = await generateSummary(factsFromRow(row), null, { url: OLLAMA, model: 'qwen2.5:7b-instruct', timeoutMs: 50 });
    expect(result.source).toBe('template');
    expect(loggedMessages(warned)).toContain('llm summary failed, using template');
    expect(result.summary).toMatch(/^Итог: запись создана\./);
  });

  it('parseExtras accepts a fenced JSON reply and treats an all-null answer as nothing', () => {
    expect(parseExtras('```json\n{"caller_name":"Ирина","intent":null,"lead_quality":"cold"}\n```')).toEqual({ caller_name: 'Ирина', intent: null, lead_quality: 'cold' });
    expect(parseExtras('{"caller_name":null,"intent":null,"lead_quality":null}')).toBeNull();
  });
});
