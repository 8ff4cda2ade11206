import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, isNull, or } from 'drizzle-orm';
import { AvailabilityAnswerSchema, AvailabilityQuerySchema, BookingOpResultSchema, BookingRecordSchema, HhmmSchema, IsoDateSchema } from '../../../core/booking/index.ts';
import { bookingApiError } from '../../booking/http.ts';
import { businessNow, providerFor } from '../../booking/select.ts';
import { db, schema } from '../../db/client.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { createRouter } from '../router.ts';

const Params = z.object({ id: z.string().min(1) });
const CreateBody = z.strictObject({
  idempotency_key: z.string().min(1).max(200).describe('call id + scenario: a retried confirmation never books twice'),
  call_id: z.string().min(1).max(200).optional(),
  service: z.string().min(1),
  date: IsoDateSchema,
  time: HhmmSchema,
  staff: z.string().min(1).nullish(),
  phone: z.string().min(5).max(30).nullish(),
  name: z.string().max(200).nullish(),
});
const MoveBody = z.strictObject({ idempotency_key: z.string().min(1).max(200), date: IsoDateSchema, time: HhmmSchema, staff: z.string().min(1).nullish() });
const errors = errorResponses({ 401: 'Missing or invalid service token', 404: 'Bot or booking not found', 422: 'Bad request or unknown service/staff', 502: 'Booking system failed', 503: 'Booking system not configured or rate-limited' });

/** Service-token booking endpoints the agent-host calls during a call (availability, book, find, cancel, move). */
export const internalBooking = createRouter();
internalBooking.use('/bots/:id/availability', auth({ allow: ['service'] }));
internalBooking.use('/bots/:id/bookings', auth({ allow: ['service'] }));
internalBooking.use('/bots/:id/bookings/*', auth({ allow: ['service'] }));

async function botOf(c: Context<AppEnv>, id: string) {
  const rows = await db(c.env.DB).select().from(schema.bots)
    .where(and(or(eq(schema.bots.id, id), eq(schema.bots.slug, id)), isNull(schema.bots.deletedAt))).limit(3).all();
  // Slugs are unique per company only: never pick another company's calendar for an ambiguous one.
  const bot = rows.find((r) => r.id === id) ?? (rows.length === 1 ? rows[0] : undefined);
  if (!bot && rows.length > 1) throw apiError(409, 'conflict', `slug "${id}" is used by several companies; use the bot id`);
  if (!bot) throw apiError(404, 'not_found', 'bot not found');
  return { bot, provider: (() => { try { return providerFor(c.env, bot); } catch (e) { return bookingApiError(e); } })() };
}

internalBooking.openapi(
  createRoute({
    method: 'post', path: '/bots/{id}/availability', tags: ['internal'], summary: 'Free slots for the call (service and staff as the caller said them)',
    request: { params: Params, body: { required: true, content: { 'application/json': { schema: AvailabilityQuerySchema } } } },
    responses: { 200: jsonResponse(AvailabilityAnswerSchema, 'Availability'), ...errors },
  }),
  async (c) => {
    const { bot, provider } = await botOf(c, c.req.valid('param').id);
    return c.json(await provider.availability(c.req.valid('json'), businessNow(bot)).catch(bookingApiError), 200);
  },
);

internalBooking.openapi(
  createRoute({
    method: 'post', path: '/bots/{id}/bookings', tags: ['internal'], summary: 'Book on the caller\'s confirmation; `taken` with alternatives when the slot went',
    request: { params: Params, body: { required: true, content: { 'application/json': { schema: CreateBody } } } },
    responses: { 200: jsonResponse(BookingOpResultSchema, 'booked or taken'), ...errors },
  }),
  async (c) => {
    const { bot, provider } = await botOf(c, c.req.valid('param').id);
    const b = c.req.valid('json');
    const op = { op: 'create' as const, idempotencyKey: b.idempotency_key, service: b.service, date: b.date, time: b.time, staff: b.staff, phone: b.phone, name: b.name };
    return c.json(await provider.create(op, businessNow(bot), { callId: b.call_id ?? null }).catch(bookingApiError), 200);
  },
);

internalBooking.openapi(
  createRoute({
    method: 'get', path: '/bots/{id}/bookings', tags: ['internal'], summary: 'Upcoming bookings made with a phone number (reschedule/cancel by phone)',
    request: { params: Params, query: z.object({ phone: z.string().min(5).max(30) }) },
    responses: { 200: jsonResponse(z.object({ bookings: z.array(BookingRecordSchema) }), 'Upcoming bookings'), ...errors },
  }),
  async (c) => {
    const { bot, provider } = await botOf(c, c.req.valid('param').id);
    return c.json({ bookings: await provider.findByPhone(c.req.valid('query').phone, businessNow(bot)).catch(bookingApiError) }, 200);
  },
);

internalBooking.openapi(
  createRoute({
    method: 'post', path: '/bots/{id}/bookings/{bookingId}/cancel', tags: ['internal'], summary: 'Cancel a booking',
    request: { params: Params.extend({ bookingId: z.string().min(1) }) },
    responses: { 200: jsonResponse(BookingOpResultSchema, 'cancelled'), ...errors },
  }),
  async (c) => {
    const { id, bookingId } = c.req.valid('param');
    const { provider } = await botOf(c, id);
    return c.json(await provider.cancel(bookingId).catch(bookingApiError), 200);
  },
);

internalBooking.openapi(
  createRoute({
    method: 'post', path: '/bots/{id}/bookings/{bookingId}/move', tags: ['internal'], summary: 'Move a booking to another free time',
    request: { params: Params.extend({ bookingId: z.string().min(1) }), body: { required: true, content: { 'application/json': { schema: MoveBody } } } },
    responses: { 200: jsonResponse(BookingOpResultSchema, 'booked (moved) or taken'), ...errors },
  }),
  async (c) => {
    const { id, bookingId } = c.req.valid('param');
    const { bot, provider } = await botOf(c, id);
    const b = c.req.valid('json');
    return c.json(await provider.move({ op: 'move', bookingId, idempotencyKey: b.idempotency_key, date: b.date, time: b.time, staff: b.staff }, businessNow(bot)).catch(bookingApiError), 200);
  },
);
