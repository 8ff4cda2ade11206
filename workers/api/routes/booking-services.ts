import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { parsePriceList } from '../../../core/booking/index.ts';
import { toService, type ServiceRow } from '../../booking/calendar-store.ts';
import { BotParams } from '../../booking/http.ts';
import { db } from '../../db/client.ts';
import { bookingServices, bookingStaffServices } from '../../db/schema-booking.ts';
import { newId } from '../../lib/ids.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';

export const ServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  synonyms: z.array(z.string()),
  duration_min: z.number().int(),
  price: z.number().nullable(),
});
const toJson = (r: ServiceRow) => {
  const s = toService(r);
  return { id: s.id, name: s.name, synonyms: s.synonyms, duration_min: s.durationMin, price: s.price };
};

const ServiceBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  synonyms: z.array(z.string().trim().min(1).max(100)).max(30).default([]).describe('Words callers use for it ("ногти" for "Маникюр")'),
  duration_min: z.number().int().min(5).max(24 * 60),
  price: z.number().nonnegative().nullable().default(null),
});
// PATCH: only what is sent changes (no defaults).
const ServicePatch = z.strictObject({
  name: ServiceBody.shape.name.optional(),
  synonyms: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
  duration_min: ServiceBody.shape.duration_min.optional(),
  price: z.number().nonnegative().nullable().optional(),
});
const ServiceParams = BotParams.extend({ serviceId: z.string().min(1) });
const companyAuth = auth();

/** `/bots/{id}/services`: what the built-in calendar books, with durations and prices; CSV price-list import. */
export const bookingServicesRoutes = createRouter();

async function serviceOf(d1: D1Database, botId: string, serviceId: string): Promise<ServiceRow> {
  const row = await db(d1).select().from(bookingServices).where(and(eq(bookingServices.id, serviceId), eq(bookingServices.botId, botId))).get();
  if (!row) throw apiError(404, 'not_found', 'service not found');
  return row;
}

bookingServicesRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/services', tags: ['booking'], summary: "The bot's bookable services", middleware: [companyAuth] as const,
    request: { params: BotParams },
    responses: { 200: jsonResponse(z.object({ services: z.array(ServiceSchema) }), 'Services by name'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const rows = await db(c.env.DB).select().from(bookingServices).where(eq(bookingServices.botId, bot.id)).orderBy(asc(bookingServices.name)).all();
    return c.json({ services: rows.map(toJson) }, 200);
  },
);

bookingServicesRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/services', tags: ['booking'], summary: 'Add a service', middleware: [companyAuth] as const,
    request: { params: BotParams, body: { required: true, content: { 'application/json': { schema: ServiceBody } } } },
    responses: { 201: jsonResponse(ServiceSchema, 'Created'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 422: 'Invalid service' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const b = c.req.valid('json');
    const row = await db(c.env.DB).insert(bookingServices).values({
      id: newId('svc'), companyId: bot.companyId, botId: bot.id, name: b.name, synonymsJson: JSON.stringify(b.synonyms), durationMin: b.duration_min, price: b.price,
    }).returning().get();
    return c.json(toJson(row), 201);
  },
);

bookingServicesRoutes.openapi(
  createRoute({
    method: 'patch', path: '/{id}/services/{serviceId}', tags: ['booking'], summary: 'Change a service', middleware: [companyAuth] as const,
    request: { params: ServiceParams, body: { required: true, content: { 'application/json': { schema: ServicePatch } } } },
    responses: { 200: jsonResponse(ServiceSchema, 'Updated'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or service not found', 422: 'Invalid service' }) },
  }),
  async (c) => {
    const { id, serviceId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const current = await serviceOf(c.env.DB, bot.id, serviceId);
    const b = c.req.valid('json');
    const row = await db(c.env.DB).update(bookingServices).set({
      name: b.name ?? current.name,
      synonymsJson: b.synonyms ? JSON.stringify(b.synonyms) : current.synonymsJson,
      durationMin: b.duration_min ?? current.durationMin,
      price: b.price === undefined ? current.price : b.price,
    }).where(eq(bookingServices.id, current.id)).returning().get();
    return c.json(toJson(row!), 200);
  },
);

bookingServicesRoutes.openapi(
  createRoute({
    method: 'delete', path: '/{id}/services/{serviceId}', tags: ['booking'], summary: 'Remove a service (existing appointments stay)', middleware: [companyAuth] as const,
    request: { params: ServiceParams },
    responses: { 204: { description: 'Removed' }, ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or service not found' }) },
  }),
  async (c) => {
    const { id, serviceId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const row = await serviceOf(c.env.DB, bot.id, serviceId);
    const d = db(c.env.DB);
    await d.batch([d.delete(bookingStaffServices).where(eq(bookingStaffServices.serviceId, row.id)), d.delete(bookingServices).where(eq(bookingServices.id, row.id))]);
    return c.body(null, 204);
  },
);

bookingServicesRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/services/import', tags: ['booking'],
    summary: 'Import services from a CSV price list (Услуга;Длительность;Цена;Синонимы); existing names are updated',
    middleware: [companyAuth] as const,
    request: { params: BotParams, body: { required: true, content: { 'text/csv': { schema: z.string() } } } },
    responses: {
      200: jsonResponse(z.object({ created: z.number(), updated: z.number(), issues: z.array(z.object({ line: z.number(), message: z.string() })) }), 'Imported; unreadable rows listed in issues'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 422: 'No readable rows' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const { rows, issues } = parsePriceList(await c.req.text());
    if (!rows.length) throw apiError(422, 'invalid_price_list', 'no service could be read from the CSV', issues);
    const d = db(c.env.DB);
    const existing = await d.select().from(bookingServices).where(eq(bookingServices.botId, bot.id)).all();
    const byName = new Map(existing.map((s) => [s.name.toLowerCase(), s]));
    const writes = rows.map((r) => {
      const old = byName.get(r.name.toLowerCase());
      const values = { name: r.name, synonymsJson: JSON.stringify(r.synonyms), durationMin: r.durationMin, price: r.price };
      return old
        ? d.update(bookingServices).set(values).where(eq(bookingServices.id, old.id))
        : d.insert(bookingServices).values({ id: newId('svc'), companyId: bot.companyId, botId: bot.id, ...values });
    });
    await d.batch(writes as [typeof writes[number], ...typeof writes]);
    const updated = rows.filter((r) => byName.has(r.name.toLowerCase())).length;
    return c.json({ created: rows.length - updated, updated, issues }, 200);
  },
);
