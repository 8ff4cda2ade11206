import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gte } from 'drizzle-orm';
import { toMinutes } from '../../../core/booking/index.ts';
import { WEEKDAY_KEYS, WeeklyHoursSchema, type DayHours } from '../../../core/config/schedule.ts';
import { BotParams, Hhmm, IsoDate } from '../../booking/http.ts';
import { db } from '../../db/client.ts';
import { bookingExceptions, bookingHours, bookingStaff } from '../../db/schema-booking.ts';
import { newId } from '../../lib/ids.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';

const Interval = z.strictObject({ open: Hhmm, close: Hhmm }).refine((h) => toMinutes(h.open) < toMinutes(h.close), 'open must be before close');
const WeekDay = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
const DAYS = WeekDay.options;
/**
 * A staff member's week in the config's schedule form: `{ "mon-fri": "09:00-21:00", sat: "10:00-20:00", sun: closed }`,
 * `{ mon: { open, close }, …, sun: null }` or one `{ open, close }` for every day; a missing day is a day off.
 */
const WeekBody = z
  .record(z.string(), z.union([Interval, z.string(), z.literal(false), z.null()]))
  .or(Interval)
  .describe('Hours as in a bot config\'s business_hours: "mon-fri": "09:00-21:00", sat: { open, close }, sun: "closed"; a missing day is a day off');
const WeekSchema = z.record(z.string(), z.object({ open: z.string(), close: z.string() }).nullable());
const ExceptionBody = z.strictObject({
  date: IsoDate,
  staff_id: z.string().min(1).nullable().default(null).describe('null: the whole business'),
  open: Hhmm.nullable().default(null).describe('null with close null: closed that day'),
  close: Hhmm.nullable().default(null),
  note: z.string().max(200).optional(),
}).refine((e) => (e.open === null) === (e.close === null) && (e.open === null || toMinutes(e.open) < toMinutes(e.close!)), 'give both open and close (open before close), or neither for a day off');
const ExceptionSchema = z.object({ id: z.string(), date: z.string(), staff_id: z.string().nullable(), open: z.string().nullable(), close: z.string().nullable(), note: z.string().nullable() });
const StaffParams = BotParams.extend({ staffId: z.string().min(1) });
const companyAuth = auth();

/** Weekly hours per staff member (`/bots/{id}/staff/{staffId}/hours`) and dated exceptions (`/bots/{id}/exceptions`). */
export const bookingHoursRoutes = createRouter();

async function requireStaffOf(d1: D1Database, botId: string, staffId: string) {
  const row = await db(d1).select().from(bookingStaff).where(and(eq(bookingStaff.id, staffId), eq(bookingStaff.botId, botId))).get();
  if (!row) throw apiError(404, 'not_found', 'staff member not found');
  return row;
}

/** The week Monday first, read as the config reads `business_hours` (422 naming the bad day). A week off is allowed. */
function staffWeek(body: unknown): (DayHours | null)[] {
  if (body && typeof body === 'object' && !('open' in body) && Object.values(body).every((v) => v === null || v === false || v === 'closed')) {
    return WEEKDAY_KEYS.map(() => null);
  }
  const parsed = WeeklyHoursSchema.safeParse(body);
  if (!parsed.success) throw apiError(422, 'validation_failed', 'request is invalid', parsed.error.issues.map((i) => ({ path: ['json', ...i.path].join('.'), message: i.message })));
  return parsed.data.days;
}

const weekJson = (rows: { weekday: number; open: string; close: string }[]) =>
  Object.fromEntries(DAYS.map((d, i) => { const r = rows.find((x) => x.weekday === i); return [d, r ? { open: r.open, close: r.close } : null]; }));

bookingHoursRoutes.openapi(
  createRoute({
    method: 'put', path: '/{id}/staff/{staffId}/hours', tags: ['booking'], summary: 'Set the weekly hours of a staff member', middleware: [companyAuth] as const,
    request: { params: StaffParams, body: { required: true, content: { 'application/json': { schema: WeekBody } } } },
    responses: { 200: jsonResponse(WeekSchema, 'The week'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or staff not found', 422: 'Bad hours' }) },
  }),
  async (c) => {
    const { id, staffId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const staff = await requireStaffOf(c.env.DB, bot.id, staffId);
    const week = staffWeek(c.req.valid('json'));
    const rows = week.flatMap((h, monFirst) => (h ? [{ staffId: staff.id, botId: bot.id, weekday: (monFirst + 1) % 7, open: h.open, close: h.close }] : []));
    const d = db(c.env.DB);
    const del = d.delete(bookingHours).where(eq(bookingHours.staffId, staff.id));
    if (rows.length) await d.batch([del, d.insert(bookingHours).values(rows)]);
    else await del;
    return c.json(weekJson(rows), 200);
  },
);

bookingHoursRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/staff/{staffId}/hours', tags: ['booking'], summary: 'The weekly hours of a staff member', middleware: [companyAuth] as const,
    request: { params: StaffParams },
    responses: { 200: jsonResponse(WeekSchema, 'The week'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or staff not found' }) },
  }),
  async (c) => {
    const { id, staffId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const staff = await requireStaffOf(c.env.DB, bot.id, staffId);
    return c.json(weekJson(await db(c.env.DB).select().from(bookingHours).where(eq(bookingHours.staffId, staff.id)).all()), 200);
  },
);

bookingHoursRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/exceptions', tags: ['booking'], summary: 'A holiday, day off or special hours on a date', middleware: [companyAuth] as const,
    request: { params: BotParams, body: { required: true, content: { 'application/json': { schema: ExceptionBody } } } },
    responses: { 201: jsonResponse(ExceptionSchema, 'Created'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or staff not found', 422: 'Bad exception' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const b = c.req.valid('json');
    if (b.staff_id) await requireStaffOf(c.env.DB, bot.id, b.staff_id);
    const row = await db(c.env.DB).insert(bookingExceptions).values({ id: newId('exc'), botId: bot.id, staffId: b.staff_id, date: b.date, open: b.open, close: b.close, note: b.note ?? null }).returning().get();
    return c.json({ id: row.id, date: row.date, staff_id: row.staffId, open: row.open, close: row.close, note: row.note }, 201);
  },
);

bookingHoursRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/exceptions', tags: ['booking'], summary: 'Exceptions from a date on', middleware: [companyAuth] as const,
    request: { params: BotParams, query: z.object({ from: IsoDate.optional() }) },
    responses: { 200: jsonResponse(z.object({ exceptions: z.array(ExceptionSchema) }), 'By date'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const from = c.req.valid('query').from ?? '0000-01-01';
    const rows = await db(c.env.DB).select().from(bookingExceptions).where(and(eq(bookingExceptions.botId, bot.id), gte(bookingExceptions.date, from))).orderBy(asc(bookingExceptions.date)).all();
    return c.json({ exceptions: rows.map((r) => ({ id: r.id, date: r.date, staff_id: r.staffId, open: r.open, close: r.close, note: r.note })) }, 200);
  },
);

bookingHoursRoutes.openapi(
  createRoute({
    method: 'delete', path: '/{id}/exceptions/{exceptionId}', tags: ['booking'], summary: 'Remove an exception', middleware: [companyAuth] as const,
    request: { params: BotParams.extend({ exceptionId: z.string().min(1) }) },
    responses: { 204: { description: 'Removed' }, ...errorResponses({ 401: 'Missing or invalid key', 404: 'Not found' }) },
  }),
  async (c) => {
    const { id, exceptionId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const gone = await db(c.env.DB).delete(bookingExceptions).where(and(eq(bookingExceptions.id, exceptionId), eq(bookingExceptions.botId, bot.id))).returning().get();
    if (!gone) throw apiError(404, 'not_found', 'exception not found');
    return c.body(null, 204);
  },
);
