import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { DELIVERY_STATUSES } from '../../db/schema.ts';
import { db, schema } from '../../db/client.ts';
import { selectByIds } from '../../lib/d1-params.ts';
import { newId } from '../../lib/ids.ts';
import { WEBHOOK_EVENTS, type DeliveryRow, type WebhookRow } from '../../postcall/deliveries.ts';
import { newWebhookSecret } from '../../postcall/sign.ts';
import { checkWebhookUrl, urlSafetyOptions } from '../../postcall/url-safety.ts';
import { auth } from '../auth.ts';
import { apiError, ErrorBodySchema } from '../errors.ts';
import { jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso, requireBot } from '../tenancy.ts';

const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  bot_id: z.string().nullable().describe('null: every bot of the company'),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  active: z.boolean(),
  created_at: z.string(),
});
const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().describe('Standard Webhooks signing secret, `whsec_` + base64 of a 32-byte key (see docs/webhooks.md). Shown only in this response.'),
});
const AttemptSchema = z.object({
  attempt: z.number().int(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().nullable(),
  at: z.string(),
});
const DeliverySchema = z.object({
  id: z.string(),
  webhook_id: z.string(),
  call_id: z.string().nullable(),
  event_type: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
  attempt_log: z.array(AttemptSchema),
});

const toWebhook = (w: WebhookRow) => ({
  id: w.id,
  url: w.url,
  bot_id: w.botId,
  events: JSON.parse(w.eventsJson) as (typeof WEBHOOK_EVENTS)[number][],
  active: w.active,
  created_at: iso(w.createdAt)!,
});
type AttemptRow = typeof schema.webhookAttempts.$inferSelect;
const toDelivery = (r: DeliveryRow, attempts: AttemptRow[]) => ({
  id: r.id,
  webhook_id: r.webhookId,
  call_id: r.callId,
  event_type: r.eventType,
  status: r.status,
  attempts: r.attempts,
  last_status_code: r.lastStatusCode,
  last_error: r.lastError,
  next_attempt_at: r.status === 'pending' ? iso(r.nextAttemptAt) : null,
  delivered_at: iso(r.deliveredAt),
  created_at: iso(r.createdAt)!,
  attempt_log: attempts
    .filter((a) => a.deliveryId === r.id)
    .sort((a, b) => a.attempt - b.attempt)
    .map((a) => ({ attempt: a.attempt, status_code: a.statusCode, error: a.error, duration_ms: a.durationMs, at: iso(a.createdAt)! })),
});

/** A live webhook of the caller's company, else 404 (another company's id looks like a missing one). */
async function requireWebhook(c: Context<AppEnv>, id: string): Promise<WebhookRow> {
  const w = schema.webhooks;
  const row = await db(c.env.DB).select().from(w).where(and(eq(w.id, id), eq(w.companyId, c.get('companyId')), isNull(w.deletedAt))).get();
  if (!row) throw apiError(404, 'not_found', 'webhook not found');
  return row;
}

async function deliveriesWithAttempts(c: Context<AppEnv>, rows: DeliveryRow[]) {
  const ids = rows.map((r) => r.id);
  const attempts = await selectByIds(ids, (slice) =>
    db(c.env.DB).select().from(schema.webhookAttempts).where(inArray(schema.webhookAttempts.deliveryId, slice)).all());
  return rows.map((r) => toDelivery(r, attempts));
}

const errors = {
  401: jsonResponse(ErrorBodySchema, 'Missing or invalid key'),
  404: jsonResponse(ErrorBodySchema, 'Webhook (or bot, delivery) not found'),
  422: jsonResponse(ErrorBodySchema, 'Invalid request; details lists each bad path'),
};
const IdParams = z.object({ id: z.string().min(1) });

export const webhooks = createRouter();
webhooks.use('*', auth());

webhooks.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['webhooks'],
    summary: 'Register a webhook (https only; private, loopback, link-local and metadata hosts are refused)',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.strictObject({
              url: z.string().min(1).max(2048),
              events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).default(['call.completed']),
              bot_id: z.string().min(1).optional().describe('Only calls of this bot; omit for every bot of the company'),
            }),
          },
        },
      },
    },
    responses: { 201: jsonResponse(CreatedWebhookSchema, 'Created; the secret is shown only here'), ...errors },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const check = checkWebhookUrl(body.url, urlSafetyOptions(c.env));
    if (!check.ok) throw apiError(422, 'validation_failed', 'webhook URL is not allowed', [{ path: 'json.url', message: check.reason }]);
    const botId = body.bot_id ? (await requireBot(c, body.bot_id)).id : null;
    const row = await db(c.env.DB).insert(schema.webhooks).values({
      id: newId('wh'),
      companyId: c.get('companyId'),
      botId,
      url: check.url.toString(),
      secret: newWebhookSecret(),
      eventsJson: JSON.stringify([...new Set(body.events)]),
    }).returning().get();
    return c.json({ ...toWebhook(row), secret: row.secret }, 201);
  },
);

webhooks.openapi(
  createRoute({ method: 'get', path: '/', tags: ['webhooks'], summary: "The company's webhooks", responses: { 200: jsonResponse(z.object({ webhooks: z.array(WebhookSchema) }), 'Webhooks'), ...errors } }),
  async (c) => {
    const w = schema.webhooks;
    const rows = await db(c.env.DB).select().from(w).where(and(eq(w.companyId, c.get('companyId')), isNull(w.deletedAt))).orderBy(desc(w.createdAt)).all();
    return c.json({ webhooks: rows.map(toWebhook) }, 200);
  },
);

webhooks.openapi(
  createRoute({ method: 'get', path: '/{id}', tags: ['webhooks'], summary: 'One webhook (without its secret)', request: { params: IdParams }, responses: { 200: jsonResponse(WebhookSchema, 'Webhook'), ...errors } }),
  async (c) => c.json(toWebhook(await requireWebhook(c, c.req.valid('param').id)), 200),
);

webhooks.openapi(
  createRoute({ method: 'delete', path: '/{id}', tags: ['webhooks'], summary: 'Delete a webhook; pending deliveries are not sent', request: { params: IdParams }, responses: { 204: { description: 'Deleted' }, ...errors } }),
  async (c) => {
    const hook = await requireWebhook(c, c.req.valid('param').id);
    await db(c.env.DB).update(schema.webhooks).set({ deletedAt: Date.now(), active: false }).where(eq(schema.webhooks.id, hook.id));
    return c.body(null, 204);
  },
);

webhooks.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/deliveries',
    tags: ['webhooks'],
    summary: 'Deliveries of a webhook, newest first, each with its attempts and status codes',
    request: {
      params: IdParams,
      query: z.object({ status: z.enum(DELIVERY_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }),
    },
    responses: { 200: jsonResponse(z.object({ deliveries: z.array(DeliverySchema) }), 'Deliveries'), ...errors },
  }),
  async (c) => {
    const hook = await requireWebhook(c, c.req.valid('param').id);
    const q = c.req.valid('query');
    const t = schema.webhookDeliveries;
    const where = q.status ? and(eq(t.webhookId, hook.id), eq(t.status, q.status)) : eq(t.webhookId, hook.id);
    const rows = await db(c.env.DB).select().from(t).where(where).orderBy(desc(t.createdAt), desc(t.id)).limit(q.limit).all();
    return c.json({ deliveries: await deliveriesWithAttempts(c, rows) }, 200);
  },
);

webhooks.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/deliveries/{deliveryId}/redeliver',
    tags: ['webhooks'],
    summary: 'Send a delivery again (queued): same event id and body, fresh timestamp and signature',
    request: { params: z.object({ id: z.string().min(1), deliveryId: z.string().min(1) }) },
    responses: { 202: jsonResponse(DeliverySchema, 'Queued for redelivery'), ...errors },
  }),
  async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    const hook = await requireWebhook(c, id);
    const t = schema.webhookDeliveries;
    const d = db(c.env.DB);
    const delivery = await d.select().from(t).where(and(eq(t.id, deliveryId), eq(t.webhookId, hook.id))).get();
    if (!delivery || !delivery.callId) throw apiError(404, 'not_found', 'delivery not found');
    // A pending delivery keeps its state (an attempt may be in flight); a finished one is reopened.
    const row = delivery.status === 'pending'
      ? delivery
      : await d.update(t).set({ status: 'pending', nextAttemptAt: null, updatedAt: Date.now() }).where(eq(t.id, delivery.id)).returning().get();
    await c.env.POSTCALL_QUEUE.send({ callId: delivery.callId, deliveryId: delivery.id });
    const [out] = await deliveriesWithAttempts(c, [row]);
    return c.json(out!, 202);
  },
);
