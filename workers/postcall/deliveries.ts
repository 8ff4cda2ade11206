import { and, eq, isNull, or } from 'drizzle-orm';
import type { Env } from '../env.ts';
import { schema, type Db } from '../db/client.ts';
import { newId } from '../lib/ids.ts';
import type { CallRow } from './call-facts.ts';

/** Event types a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['call.completed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export type WebhookRow = typeof schema.webhooks.$inferSelect;
export type DeliveryRow = typeof schema.webhookDeliveries.$inferSelect;

/** Link to the call in the API, e.g. `https://api.example.ru/calls/call_123`. */
export function callLink(env: Pick<Env, 'PUBLIC_BASE_URL'>, callId: string): string {
  const base = (env.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '');
  return `${base}/calls/${encodeURIComponent(callId)}`;
}

const iso = (ms: number) => new Date(ms).toISOString();
const parseObject = (text: string | null) => (text ? (JSON.parse(text) as Record<string, unknown>) : null);

/**
 * The `call.completed` event body. Built once per delivery and stored, so every retry sends the same bytes
 * (only `Webhook-Timestamp` and the signature change).
 */
export function callCompletedEvent(env: Pick<Env, 'PUBLIC_BASE_URL'>, deliveryId: string, call: CallRow, now: number) {
  return {
    id: deliveryId,
    type: 'call.completed' satisfies WebhookEventType,
    created_at: iso(now),
    data: {
      call_id: call.id,
      bot_id: call.botId,
      started_at: iso(call.startedAt),
      ended_at: iso(call.endedAt),
      duration_ms: call.durationMs,
      caller_number: call.callerNumber,
      called_number: call.calledNumber,
      channel: call.channel,
      ended_by: call.endedBy,
      scenario: call.scenario,
      outcome: call.outcome,
      summary: call.summary,
      fields: parseObject(call.fieldsJson) ?? {},
      extracted: parseObject(call.extractedJson),
      turn_count: call.turnCount,
      link: callLink(env, call.id),
    },
  };
}
export type CallCompletedEvent = ReturnType<typeof callCompletedEvent>;

/** Live webhooks of the call's company that want `event`: company-wide ones and the ones scoped to its bot. */
export async function subscribedWebhooks(d: Db, call: Pick<CallRow, 'companyId' | 'botId'>, event: WebhookEventType): Promise<WebhookRow[]> {
  const w = schema.webhooks;
  const rows = await d.select().from(w)
    .where(and(eq(w.companyId, call.companyId), eq(w.active, true), isNull(w.deletedAt), or(isNull(w.botId), eq(w.botId, call.botId))))
    .all();
  return rows.filter((r) => (JSON.parse(r.eventsJson) as string[]).includes(event));
}

/**
 * One `call.completed` delivery row per subscribed webhook; the unique key (webhook, event, call) makes this
 * safe to repeat for a redelivered message. Returns the call's deliveries still pending.
 */
export async function ensureCallDeliveries(d: Db, env: Env, call: CallRow): Promise<DeliveryRow[]> {
  const hooks = await subscribedWebhooks(d, call, 'call.completed');
  const now = Date.now();
  for (const hook of hooks) {
    const id = newId('whd');
    await d.insert(schema.webhookDeliveries).values({
      id,
      webhookId: hook.id,
      companyId: call.companyId,
      callId: call.id,
      eventType: 'call.completed',
      payloadJson: JSON.stringify(callCompletedEvent(env, id, call, now)),
      updatedAt: now,
    }).onConflictDoNothing();
  }
  const t = schema.webhookDeliveries;
  return d.select().from(t).where(and(eq(t.callId, call.id), eq(t.eventType, 'call.completed'), eq(t.status, 'pending'))).all();
}
