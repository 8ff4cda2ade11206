import { and, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Env } from '../env.ts';
import { db, schema } from '../db/client.ts';
import { newId } from '../lib/ids.ts';
import type { DeliveryRow, WebhookRow } from './deliveries.ts';
import { webhookHeaders } from './sign.ts';
import { checkWebhookUrl, urlSafetyOptions } from './url-safety.ts';

/** Per-attempt HTTP timeout. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How long a claimed attempt blocks a concurrent copy of the same message (longer than the timeout). */
export const DELIVERY_LEASE_MS = 30_000;

/** One HTTP attempt's result; `permanent` failures are not retried (the URL became unsafe, the webhook is gone). */
export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  permanent: boolean;
}

/**
 * One signed POST of a stored event body to a webhook URL. The URL is checked again here (it may have been
 * registered under other rules); redirects are not followed, so a 3xx counts as a failure.
 */
export async function sendWebhook(env: Pick<Env, 'WEBHOOK_ALLOW_HTTP_LOCALHOST'>, hook: Pick<WebhookRow, 'url' | 'secret'>, eventId: string, body: string): Promise<SendResult> {
  const check = checkWebhookUrl(hook.url, urlSafetyOptions(env));
  if (!check.ok) return { ok: false, statusCode: null, error: `url rejected: ${check.reason}`, durationMs: 0, permanent: true };
  const headers = await webhookHeaders({ id: eventId, secret: hook.secret, timestamp: Math.floor(Date.now() / 1000), body });
  const started = performance.now();
  try {
    const res = await fetch(check.url.toString(), {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: performance.now() - started, permanent: false };
  } catch (err) {
    const error = err instanceof Error && err.name === 'TimeoutError' ? `timeout after ${WEBHOOK_TIMEOUT_MS} ms` : `network error: ${String(err)}`;
    return { ok: false, statusCode: null, error, durationMs: performance.now() - started, permanent: false };
  }
}

export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'busy' | 'skipped';

/**
 * Claims a pending delivery for one attempt. Claimable unless another consumer is mid-attempt (its lease in
 * `next_attempt_at` has not run out and it has not recorded an error yet); returns the attempt number or null.
 */
async function claim(env: Env, deliveryId: string, now: number): Promise<number | null> {
  const t = schema.webhookDeliveries;
  const row = await db(env.DB).update(t)
    .set({ attempts: sql`${t.attempts} + 1`, nextAttemptAt: now + DELIVERY_LEASE_MS, lastError: null, updatedAt: now })
    .where(and(eq(t.id, deliveryId), eq(t.status, 'pending'), or(isNull(t.nextAttemptAt), lte(t.nextAttemptAt, now), isNotNull(t.lastError))))
    .returning({ attempts: t.attempts })
    .get();
  return row?.attempts ?? null;
}

/**
 * One attempt of a stored delivery: claim → signed POST → attempt row → delivery status.
 * `retryDelaySeconds` is when the queue will try again; it is shown as `next_attempt_at`.
 * At most one attempt per delivery runs at a time, and a delivered one is never sent again by the queue.
 */
export async function attemptDelivery(env: Env, delivery: Pick<DeliveryRow, 'id' | 'webhookId' | 'payloadJson'>, retryDelaySeconds: number): Promise<AttemptOutcome> {
  const d = db(env.DB);
  const t = schema.webhookDeliveries;
  const hook = await d.select().from(schema.webhooks).where(eq(schema.webhooks.id, delivery.webhookId)).get();
  const now = Date.now();
  if (!hook || hook.deletedAt !== null || !hook.active) {
    await d.update(t).set({ status: 'failed', lastError: 'webhook deleted or disabled', nextAttemptAt: null, updatedAt: now })
      .where(and(eq(t.id, delivery.id), eq(t.status, 'pending')));
    return 'skipped';
  }
  const attempt = await claim(env, delivery.id, now);
  if (attempt === null) {
    const current = await d.select({ status: t.status }).from(t).where(eq(t.id, delivery.id)).get();
    return current?.status === 'pending' ? 'busy' : 'skipped';
  }
  const result = await sendWebhook(env, hook, delivery.id, delivery.payloadJson);
  const done = Date.now();
  // Status first: if anything below fails, a delivered event must still never be sent again.
  await d.update(t).set(result.ok
    ? { status: 'delivered', deliveredAt: done, lastStatusCode: result.statusCode, lastError: null, nextAttemptAt: null, updatedAt: done }
    : {
        status: result.permanent ? 'failed' : 'pending',
        lastStatusCode: result.statusCode,
        lastError: result.error,
        nextAttemptAt: result.permanent ? null : done + retryDelaySeconds * 1000,
        updatedAt: done,
      }).where(eq(t.id, delivery.id));
  await d.insert(schema.webhookAttempts).values({
    id: newId('wha'),
    deliveryId: delivery.id,
    attempt,
    statusCode: result.statusCode,
    error: result.error,
    durationMs: Math.round(result.durationMs * 10) / 10,
  });
  if (result.ok) return 'delivered';
  return result.permanent ? 'failed' : 'retry';
}
