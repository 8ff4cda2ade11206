import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { vi } from 'vitest';
import type { CallResultInput } from '../../core/call-result.ts';
import type { Env, PostcallJob } from '../../workers/env.ts';
import { eq } from 'drizzle-orm';
import { db, schema } from '../../workers/db/client.ts';
import { resolveCallBot, storeCall } from '../../workers/postcall/intake.ts';
import { CallResultSchema } from '../../core/call-result.ts';
import worker from '../../workers/index.ts';
import { api, SERVICE_TOKEN } from './support.ts';

/** Receivers live on 127.0.0.1:9 (discard port): even if a stub were missing, nothing leaves the machine. */
export const RECEIVER_BASE = 'http://127.0.0.1:9';

let seq = 0;
/** A call id unique within the test run. */
export const uniqueCallId = (label = 'call') => `${label}-${Date.now().toString(36)}-${++seq}`;

/** ISO timestamps `s` seconds after a call's start (default: the test calls' Friday morning). */
export const CALL_START = '2026-11-20T09:00:00Z';
export const secondsAfter = (start: string = CALL_START) => (s: number) => new Date(Date.parse(start) + s * 1000).toISOString();

/** `[second, role, text]` lines of a call as CallResult turns (bot lines are scripted). */
export function spokenTurns(lines: [second: number, role: 'bot' | 'caller', text: string][], start: string = CALL_START): CallResultInput['turns'] {
  const at = secondsAfter(start);
  return lines.map(([s, role, text]) => (role === 'bot' ? { role, text, at: at(s), source: 'scripted' as const } : { role, text, at: at(s) }));
}

/**
 * A finished salon call in Russian: the caller books a manicure. Timings follow the CallResult schema.
 * @example callResult(bot.id, { outcome: null, fields: {} })
 */
export function callResult(botId: string, overrides: Partial<CallResultInput> = {}): CallResultInput {
  const at = secondsAfter();
  return {
    call_id: uniqueCallId(),
    bot_id: botId,
    started_at: at(0),
    ended_at: at(85),
    caller_number: '+79161234567',
    called_number: '+74951234567',
    channel: 'phone',
    scenario: 'booking',
    turns: spokenTurns([
      [0, 'bot', 'Здравствуйте! Салон красоты Элегант. Чем могу помочь?'],
      [6, 'caller', 'Здравствуйте, хочу записаться на маникюр в пятницу'],
      [8, 'bot', 'В какое время?'],
      [15, 'caller', 'Часа в три, меня зовут Анна'],
      [17, 'bot', 'Оставьте номер для подтверждения'],
      [30, 'caller', 'Восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь'],
      [33, 'bot', 'Записала вас на маникюр в пятницу, 21 ноября, в 15:00. До встречи!'],
    ]),
    fields: { service: 'маникюр', date: '2026-11-21', time: '15:00', phone: '+79161234567' },
    outcome: 'booking_created',
    ended_by: 'bot',
    metrics: [
      { turn: 1, source: 'scripted', engine_ms: 3, stt_ms: 310, tts_first_byte_ms: 240, total_ms: 620 },
      { turn: 2, source: 'scripted', engine_ms: 2, stt_ms: 280, tts_first_byte_ms: 230, total_ms: 540 },
      { turn: 3, source: 'scripted', engine_ms: 4, stt_ms: 350, tts_first_byte_ms: 260, total_ms: 700 },
    ],
    ...overrides,
  };
}

/** A finished call in which Ирина asked to be called back about `reason`. */
export const callbackCall = (botId: string, reason = 'хочу узнать про окрашивание') =>
  callResult(botId, {
    scenario: 'callback',
    outcome: 'callback_requested',
    fields: { name: 'Ирина', phone: '+79031112233', reason },
    turns: spokenTurns([
      [0, 'bot', 'Здравствуйте! Салон красоты Элегант. Чем могу помочь?'],
      [5, 'caller', 'ой а можно чтобы мне перезвонили насчёт окрашивания'],
      [9, 'bot', 'Конечно. Как вас зовут?'],
      [12, 'caller', 'ирина'],
    ]),
  });

export const callRow = (id: string) => db(env.DB).select().from(schema.calls).where(eq(schema.calls.id, id)).get();

/** Posts a CallResult like the agent-host does (POST /internal/calls) and waits until the queue consumer has processed it. */
export async function postCall(result: CallResultInput) {
  const res = await api('POST', '/internal/calls', { key: SERVICE_TOKEN, body: result });
  if (res.status !== 202) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  return waitFor(async () => {
    const row = await callRow(result.call_id!);
    return row?.status === 'processed' ? row : null;
  }, 20_000);
}

/** Stores a call exactly as intake does, but without queueing it (the test drives the consumer itself). */
export async function seedCall(result: CallResultInput) {
  const parsed = CallResultSchema.parse(result);
  const resolved = await resolveCallBot(db(env.DB), parsed.bot_id);
  if ('error' in resolved) throw new Error(`seedCall: ${resolved.error}`);
  return (await storeCall(db(env.DB), parsed, resolved.bot)).row;
}

/** One queue message as the consumer sees it. */
export const message = <T = PostcallJob>(body: T, attempts = 1, id = `msg-${++seq}`) => ({ id, timestamp: new Date(), attempts, body });

/**
 * Runs the Worker's real `queue()` handler on a batch and returns the ack/retry result, plus the
 * `delaySeconds` each retried message asked for (`getQueueResult` does not report delays).
 */
export async function runQueue<T = PostcallJob>(queue: string, messages: { id: string; timestamp: Date; attempts: number; body: T }[], overrides: Partial<Env> = {}) {
  const batch = createMessageBatch<T>(queue, messages);
  const retryDelays: Record<string, number | undefined> = {};
  for (const msg of batch.messages) {
    const spy = vi.spyOn(msg, 'retry');
    spy.mockImplementation(((opts?: QueueRetryOptions) => {
      retryDelays[msg.id] = opts?.delaySeconds;
      spy.mockRestore();
      msg.retry(opts);
    }) as typeof msg.retry);
  }
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<never>, { ...env, ...overrides });
  return { ...(await getQueueResult(batch, ctx)), retryDelays };
}

export interface Received {
  url: string;
  headers: Headers;
  body: string;
}

/**
 * Replaces the runtime's outbound `fetch` for this isolate (the Worker's handlers and queue consumers run in it):
 * each path prefix gets a handler; anything else fails like an unreachable host.
 */
export function stubNetwork() {
  const routes = new Map<string, (req: Received) => Response | Promise<Response>>();
  const received: Received[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init as RequestInit);
    // Decoded by hand: workerd warns when .text() reads a form body (OAuth token requests send one).
    const rec = { url: req.url, headers: req.headers, body: new TextDecoder().decode(await req.arrayBuffer()) };
    received.push(rec);
    const key = [...routes.keys()].find((prefix) => req.url.startsWith(prefix));
    if (!key) throw new TypeError(`network disabled in tests: ${req.url}`);
    // Honour the caller's AbortSignal, as the real fetch does (timeouts are part of what is tested).
    const aborted = new Promise<never>((_, reject) => {
      if (req.signal.aborted) reject(req.signal.reason);
      req.signal.addEventListener('abort', () => reject(req.signal.reason));
    });
    return Promise.race([Promise.resolve(routes.get(key)!(rec)), aborted]);
  });
  return {
    received,
    /** Route every request whose URL starts with `prefix`. */
    on(prefix: string, handler: (req: Received) => Response | Promise<Response>) {
      routes.set(prefix, handler);
    },
    /** Requests sent to URLs starting with `prefix`. */
    to: (prefix: string) => received.filter((r) => r.url.startsWith(prefix)),
    restore: () => spy.mockRestore(),
  };
}

/** A unique receiver URL (and the prefix to route it). */
export const receiverUrl = (label: string) => `${RECEIVER_BASE}/hooks/${label}-${++seq}`;

/** Registers a webhook through the API and returns it with its one-time secret. */
export async function registerWebhook(key: string, url: string, extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/webhooks', { key, body: { url, ...extra } });
  if (res.status !== 201) throw new Error(`registerWebhook: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; url: string; secret: string; bot_id: string | null; events: string[] };
}

/**
 * Independent check with the published `standardwebhooks` library, as a receiver following docs/webhooks.md
 * would do it (it also rejects timestamps more than 5 minutes off).
 */
export async function verifySignature(secret: string, headers: Headers, body: string): Promise<boolean> {
  try {
    new Webhook(secret).verify(body, Object.fromEntries(headers));
    return true;
  } catch (err) {
    if (err instanceof WebhookVerificationError) return false;
    throw err;
  }
}

/** Polls `check` until it returns a truthy value (for work done by the real queue consumer). */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
