import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES } from '../../db/schema.ts';
import { DEFAULT_SMS_EVENTS, DEFAULT_TELEGRAM_EVENTS, NOTIFICATION_EVENTS, SMS_EVENTS } from '../../notify/events.ts';
import { loadNotificationSettings, saveNotificationSettings, type NotificationSettings } from '../../notify/settings.ts';
import { auth } from '../auth.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso } from '../tenancy.ts';

const ChatId = z.string().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, 'a Telegram chat id (digits, "-100…" for groups) or @channel');
// Exolve sends from an alpha name (latin, up to 11 characters) or a mobile number of the application.
const Sender = z.string().regex(/^(\+79\d{9}|[A-Za-z][A-Za-z0-9 ._-]{0,10})$/, 'an alpha name (latin, up to 11 characters) or a mobile number +79XXXXXXXXX (not a landline)');

const SettingsSchema = z.object({
  telegram: z.object({ chat_id: z.string(), events: z.array(z.enum(NOTIFICATION_EVENTS)) }).nullable(),
  sms: z.object({ sender: z.string(), events: z.array(z.enum(SMS_EVENTS)) }).nullable(),
});
const SettingsBody = z.strictObject({
  telegram: z.strictObject({
    chat_id: ChatId.describe("The owner's chat with the platform bot (they press Start in it), or a group the bot is in"),
    events: z.array(z.enum(NOTIFICATION_EVENTS)).min(1).default(DEFAULT_TELEGRAM_EVENTS),
  }).nullable().describe('null: no Telegram messages'),
  sms: z.strictObject({
    sender: Sender,
    events: z.array(z.enum(SMS_EVENTS)).min(1).default(DEFAULT_SMS_EVENTS as (typeof SMS_EVENTS)[number][]),
  }).nullable().describe('null: no SMS to customers'),
});
const DeliverySchema = z.object({
  id: z.string(),
  call_id: z.string(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  event: z.string(),
  target: z.string(),
  text: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  provider_message_id: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
});

const toSettings = (s: NotificationSettings) => ({
  telegram: s.telegram ? { chat_id: s.telegram.chatId, events: s.telegram.events } : null,
  sms: s.sms ? { sender: s.sms.sender, events: s.sms.events.filter((e): e is (typeof SMS_EVENTS)[number] => (SMS_EVENTS as readonly string[]).includes(e)) } : null,
});
const errors = errorResponses({ 401: 'Missing or invalid key', 422: 'Invalid settings; details lists each bad path' });

/**
 * `/notifications`: where a company's instant notifications go — the owner's Telegram chat (new bookings, cancellations,
 * moves, callback requests) and SMS confirmations to customers — and what was sent.
 */
export const notifications = createRouter();
notifications.use('*', auth());

notifications.openapi(
  createRoute({ method: 'get', path: '/', tags: ['notifications'], summary: "The company's notification settings", responses: { 200: jsonResponse(SettingsSchema, 'Settings'), ...errors } }),
  async (c) => c.json(toSettings(await loadNotificationSettings(db(c.env.DB), c.get('companyId'))), 200),
);

notifications.openapi(
  createRoute({
    method: 'put',
    path: '/',
    tags: ['notifications'],
    summary: 'Replace the notification settings (Telegram chat of the owner, SMS sender for customers)',
    request: { body: { required: true, content: { 'application/json': { schema: SettingsBody } } } },
    responses: { 200: jsonResponse(SettingsSchema, 'Saved'), ...errors },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const settings: NotificationSettings = {
      telegram: body.telegram ? { chatId: body.telegram.chat_id, events: [...new Set(body.telegram.events)] } : null,
      sms: body.sms ? { sender: body.sms.sender, events: [...new Set(body.sms.events)] } : null,
    };
    const d = db(c.env.DB);
    await saveNotificationSettings(d, c.get('companyId'), settings);
    return c.json(toSettings(await loadNotificationSettings(d, c.get('companyId'))), 200);
  },
);

notifications.openapi(
  createRoute({
    method: 'get',
    path: '/deliveries',
    tags: ['notifications'],
    summary: 'Notifications sent or being sent, newest first, with attempts and the last error',
    request: {
      query: z.object({
        status: z.enum(NOTIFICATION_STATUSES).optional(),
        call_id: z.string().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
    },
    responses: { 200: jsonResponse(z.object({ deliveries: z.array(DeliverySchema) }), 'Deliveries'), ...errors },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const t = schema.notificationDeliveries;
    const where = and(eq(t.companyId, c.get('companyId')), q.status ? eq(t.status, q.status) : undefined, q.call_id ? eq(t.callId, q.call_id) : undefined);
    const rows = await db(c.env.DB).select().from(t).where(where).orderBy(desc(t.createdAt), desc(t.id)).limit(q.limit).all();
    return c.json({
      deliveries: rows.map((r) => ({
        id: r.id,
        call_id: r.callId,
        channel: r.channel,
        event: r.event,
        target: r.target,
        text: r.body,
        status: r.status,
        attempts: r.attempts,
        last_error: r.lastError,
        provider_message_id: r.providerMessageId,
        next_attempt_at: r.status === 'pending' ? iso(r.nextAttemptAt) : null,
        delivered_at: iso(r.deliveredAt),
        created_at: iso(r.createdAt)!,
      })),
    }, 200);
  },
);
