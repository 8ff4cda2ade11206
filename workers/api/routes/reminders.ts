import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import { REMINDER_STATUSES } from '../../db/schema.ts';
import { DEFAULT_DAILY_CAP } from '../../reminders/dial.ts';
import { planReminders } from '../../reminders/plan.ts';
import { auth } from '../auth.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso } from '../tenancy.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ReminderSchema = z.object({
  id: z.string(),
  bot_id: z.string(),
  source: z.enum(['builtin', 'yclients']),
  booking_id: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  service: z.string().nullable(),
  staff: z.string().nullable(),
  date: z.string(),
  time: z.string(),
  status: z.enum(REMINDER_STATUSES),
  tries: z.number().int(),
  next_attempt_at: z.string().nullable(),
  call_id: z.string().nullable().describe('The reminder call whose result settled it'),
  last_error: z.string().nullable(),
  created_at: z.string(),
});
const SettingsSchema = z.object({ daily_cap: z.number().int(), is_default: z.boolean() });
const errors = errorResponses({ 401: 'Missing or invalid key', 422: 'Invalid request; details lists each bad path' });

/** `/reminders`: the company's reminder calls (planned by the Cron Trigger from bots' `reminders:` configs) and its daily cap. */
export const reminders = createRouter();
reminders.use('*', auth());

reminders.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['reminders'],
    summary: 'Reminder calls, newest appointment first: confirmed, cancelled, moved, voicemail, unreached…',
    request: {
      query: z.object({
        bot_id: z.string().min(1).optional(),
        status: z.enum(REMINDER_STATUSES).optional(),
        from: IsoDate.optional().describe('Appointments on or after this date'),
        to: IsoDate.optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
    },
    responses: { 200: jsonResponse(z.object({ reminders: z.array(ReminderSchema) }), 'Reminders'), ...errors },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const r = schema.reminders;
    const rows = await db(c.env.DB).select().from(r)
      .where(and(eq(r.companyId, c.get('companyId')), q.bot_id ? eq(r.botId, q.bot_id) : undefined, q.status ? eq(r.status, q.status) : undefined,
        q.from ? gte(r.date, q.from) : undefined, q.to ? lte(r.date, q.to) : undefined))
      .orderBy(desc(r.date), desc(r.time)).limit(q.limit).all();
    return c.json({
      reminders: rows.map((x) => ({
        id: x.id, bot_id: x.botId, source: x.source, booking_id: x.bookingRef, phone: x.phone, name: x.name, service: x.service, staff: x.staff,
        date: x.date, time: x.time, status: x.status, tries: x.tries, next_attempt_at: x.status === 'pending' ? iso(x.nextAttemptAt) : null,
        call_id: x.resultCallId, last_error: x.lastError, created_at: iso(x.createdAt)!,
      })),
    }, 200);
  },
);

async function settings(d1: D1Database, companyId: string) {
  const row = await db(d1).select({ cap: schema.companies.reminderDailyCap }).from(schema.companies).where(eq(schema.companies.id, companyId)).get();
  return { daily_cap: row?.cap ?? DEFAULT_DAILY_CAP, is_default: row?.cap == null };
}

reminders.openapi(
  createRoute({ method: 'get', path: '/settings', tags: ['reminders'], summary: 'Reminder calls per local day at most', responses: { 200: jsonResponse(SettingsSchema, 'Settings'), ...errors } }),
  async (c) => c.json(await settings(c.env.DB, c.get('companyId')), 200),
);

reminders.openapi(
  createRoute({
    method: 'put',
    path: '/settings',
    tags: ['reminders'],
    summary: 'Set the daily cap of reminder calls (null: the platform default); checked at every dial',
    request: { body: { required: true, content: { 'application/json': { schema: z.strictObject({ daily_cap: z.number().int().min(0).max(10_000).nullable() }) } } } },
    responses: { 200: jsonResponse(SettingsSchema, 'Saved'), ...errors },
  }),
  async (c) => {
    const { daily_cap } = c.req.valid('json');
    await db(c.env.DB).update(schema.companies).set({ reminderDailyCap: daily_cap }).where(eq(schema.companies.id, c.get('companyId')));
    return c.json(await settings(c.env.DB, c.get('companyId')), 200);
  },
);

reminders.openapi(
  createRoute({
    method: 'post',
    path: '/run',
    tags: ['reminders'],
    summary: "Run the reminder planner now for the company's bots (the Cron Trigger does it every 15 minutes): due reminders are queued for dialing",
    responses: { 202: jsonResponse(z.object({ created: z.number().int(), queued: z.number().int() }), 'Planned'), ...errors },
  }),
  async (c) => c.json(await planReminders(c.env, Date.now(), c.get('companyId')), 202),
);
