import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { SlotSchema } from '../../../core/booking/index.ts';
import { PublicAvailabilitySchema, PublicBookingSchema, publicAvailability, publicBooking, publicSlot } from '../../booking/public-shapes.ts';
import { BuiltinProvider } from '../../booking/builtin.ts';
import { bookingRecords } from '../../booking/calendar-store.ts';
import { BotParams, bookingApiError, Hhmm, IsoDate } from '../../booking/http.ts';
import { withinBookingHorizon } from '../../booking/date-horizon.ts';
import { businessNow, providerFor } from '../../booking/select.ts';
import { db } from '../../db/client.ts';
import { calendarBookings } from '../../db/schema-booking.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';

const AppointmentSchema = PublicBookingSchema.extend({ call_id: z.string().nullable(), source: z.enum(['call', 'api']) });
const CreateBody = z.strictObject({
  service: z.string().min(1).describe('Service id or name'),
  date: IsoDate,
  time: Hhmm,
  staff: z.string().min(1).optional().describe('Staff id or name; any free one when absent'),
  phone: z.string().min(5).max(30).optional(),
  name: z.string().max(200).optional(),
  idempotency_key: z.string().min(1).max(200).optional(),
});
const companyAuth = auth();

/** `/bots/{id}/availability` and `/bots/{id}/appointments`: free slots and the built-in calendar's bookings. */
export const bookingAppointmentsRoutes = createRouter();

bookingAppointmentsRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/availability', tags: ['booking'],
    summary: "Free slots for a service on a date (the bot's booking provider: built-in calendar or YCLIENTS)",
    middleware: [companyAuth] as const,
    request: { params: BotParams, query: z.object({ service: z.string().min(1), date: IsoDate, staff: z.string().min(1).optional(), time: Hhmm.optional() }) },
    responses: {
      200: jsonResponse(PublicAvailabilitySchema, 'Free slots; with `time`, whether it is free and the nearest alternatives'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 422: 'Unknown service or staff, bad date', 502: 'Booking system failed', 503: 'Booking system not configured or rate-limited' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const q = c.req.valid('query');
    try {
      return c.json(publicAvailability(await providerFor(c.env, bot).availability({ service: q.service, date: q.date, staff: q.staff ?? null, time: q.time ?? null }, businessNow(bot))), 200);
    } catch (e) {
      return bookingApiError(e);
    }
  },
);

bookingAppointmentsRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/availability/dates', tags: ['booking'], summary: 'Dates with free slots for a service (up to 60 days from `from`)',
    middleware: [companyAuth] as const,
    request: { params: BotParams, query: z.object({ service: z.string().min(1), from: IsoDate, days: z.coerce.number().int().min(1).max(60).default(14), staff: z.string().min(1).optional() }) },
    responses: {
      200: jsonResponse(z.object({ service: z.string(), dates: z.array(z.string()) }), 'Dates, earliest first'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 422: 'Unknown service or staff, bad date', 502: 'Booking system failed', 503: 'Booking system not configured or rate-limited' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const q = c.req.valid('query');
    const dates = await providerFor(c.env, bot).freeDates({ service: q.service, staff: q.staff ?? null, from: q.from, days: q.days }, businessNow(bot)).catch(bookingApiError);
    return c.json({ service: q.service, dates }, 200);
  },
);

bookingAppointmentsRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/appointments', tags: ['booking'], summary: 'Appointments in the built-in calendar', middleware: [companyAuth] as const,
    request: { params: BotParams, query: z.object({ from: IsoDate.optional(), to: IsoDate.optional(), status: z.enum(['confirmed', 'cancelled']).optional() }) },
    responses: { 200: jsonResponse(z.object({ appointments: z.array(AppointmentSchema) }), 'By date and time'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const q = c.req.valid('query');
    const rows = await db(c.env.DB).select().from(calendarBookings).where(and(
      eq(calendarBookings.botId, bot.id),
      q.from ? gte(calendarBookings.date, q.from) : undefined,
      q.to ? lte(calendarBookings.date, q.to) : undefined,
      q.status ? eq(calendarBookings.status, q.status) : undefined,
    )).orderBy(asc(calendarBookings.date), asc(calendarBookings.startMin)).limit(1000).all();
    const records = await bookingRecords(c.env.DB, rows);
    return c.json({ appointments: records.map((r, i) => ({ ...publicBooking(r), call_id: rows[i]!.callId, source: rows[i]!.source })) }, 200);
  },
);

bookingAppointmentsRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/appointments', tags: ['booking'], summary: 'Book a slot in the built-in calendar (409 with alternatives when taken)', middleware: [companyAuth] as const,
    request: { params: BotParams, body: { required: true, content: { 'application/json': { schema: CreateBody } } } },
    responses: {
      201: jsonResponse(PublicBookingSchema, 'Booked'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 409: 'The time is taken (details.alternatives)', 422: 'Unknown service or staff' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const b = c.req.valid('json');
    const provider = withinBookingHorizon(new BuiltinProvider(c.env.DB, bot));
    const result = await provider.create({
      op: 'create', idempotencyKey: b.idempotency_key ?? crypto.randomUUID(), service: b.service, date: b.date, time: b.time, staff: b.staff ?? null, phone: b.phone ?? null, name: b.name ?? null,
    }, businessNow(bot), {}).catch(bookingApiError);
    if (result.status === 'booked') return c.json(publicBooking(result.booking), 201);
    const alternatives = result.status === 'taken' ? z.array(SlotSchema).parse(result.alternatives).map(publicSlot) : [];
    throw apiError(409, 'slot_taken', `${b.date} ${b.time} is not free`, { alternatives });
  },
);

bookingAppointmentsRoutes.openapi(
  createRoute({
    method: 'delete', path: '/{id}/appointments/{bookingId}', tags: ['booking'], summary: 'Cancel an appointment', middleware: [companyAuth] as const,
    request: { params: BotParams.extend({ bookingId: z.string().min(1) }) },
    responses: { 200: jsonResponse(PublicBookingSchema, 'Cancelled'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or appointment not found' }) },
  }),
  async (c) => {
    const { id, bookingId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const result = await new BuiltinProvider(c.env.DB, bot).cancel(bookingId).catch(bookingApiError);
    if (result.status !== 'cancelled') throw apiError(404, 'not_found', 'appointment not found');
    return c.json(publicBooking(result.booking), 200);
  },
);
