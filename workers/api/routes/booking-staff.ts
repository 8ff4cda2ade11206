import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { matchService } from '../../../core/booking/index.ts';
import { BotParams } from '../../booking/http.ts';
import { db } from '../../db/client.ts';
import { bookingHours, bookingServices, bookingStaff, bookingStaffServices } from '../../db/schema-booking.ts';
import { rowsPerInsert, selectByIds, slices } from '../../lib/d1-params.ts';
import { newId } from '../../lib/ids.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';

export const StaffSchema = z.object({ id: z.string(), name: z.string(), service_ids: z.array(z.string()) });
const ServiceRefs = z.array(z.string().min(1)).max(500);
const StaffBody = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('How callers name them: "Ольга", "Марина Соколова", "подъёмник 2"'),
  service_ids: ServiceRefs.default([]).describe('Services done, by id'),
  services: ServiceRefs.optional().describe('Services done, by id or by name ("Маникюр", "стрижка"); joined with service_ids'),
});
const StaffParams = BotParams.extend({ staffId: z.string().min(1) });
const companyAuth = auth();

/** `/bots/{id}/staff`: masters, doctors or resources and the services each does. */
export const bookingStaffRoutes = createRouter();

/**
 * The bot's service ids for references by id or by name (exact name first, then as a caller would say it);
 * 422 naming every reference that matches no service.
 */
async function resolveServices(d1: D1Database, botId: string, lists: { service_ids?: readonly string[] | undefined; services?: readonly string[] | undefined }): Promise<string[]> {
  const refs = [...(lists.service_ids ?? []).map((ref) => ({ ref, path: 'json.service_ids' })), ...(lists.services ?? []).map((ref) => ({ ref, path: 'json.services' }))];
  if (!refs.length) return [];
  const rows = await db(d1).select({ id: bookingServices.id, name: bookingServices.name, synonymsJson: bookingServices.synonymsJson }).from(bookingServices).where(eq(bookingServices.botId, botId)).all();
  const services = rows.map((r) => ({ id: r.id, name: r.name, synonyms: JSON.parse(r.synonymsJson) as string[] }));
  const ids: string[] = [];
  const missing: { ref: string; path: string }[] = [];
  for (const r of refs) {
    const byName = r.path === 'json.services' ? (services.find((x) => x.name.toLowerCase() === r.ref.trim().toLowerCase()) ?? matchService(services, r.ref)) : null;
    const hit = services.find((x) => x.id === r.ref) ?? byName;
    if (hit) ids.push(hit.id);
    else missing.push(r);
  }
  if (missing.length) throw apiError(422, 'validation_failed', 'unknown services', missing.map((r) => ({ path: r.path, message: `no service ${r.ref}` })));
  return [...new Set(ids)];
}

/** The bot's staff (or one member) with their service ids; the links are joined by bot, never listed by id. */
async function staffJson(d1: D1Database, botId: string, staffId?: string) {
  const d = db(d1);
  const where = staffId ? and(eq(bookingStaff.botId, botId), eq(bookingStaff.id, staffId)) : eq(bookingStaff.botId, botId);
  const [rows, links] = await d.batch([
    d.select().from(bookingStaff).where(where).orderBy(asc(bookingStaff.createdAt), asc(bookingStaff.id)),
    d.select({ staffId: bookingStaffServices.staffId, serviceId: bookingStaffServices.serviceId })
      .from(bookingStaffServices).innerJoin(bookingStaff, eq(bookingStaff.id, bookingStaffServices.staffId)).where(where),
  ]);
  const byStaff = new Map<string, string[]>();
  for (const l of links) byStaff.set(l.staffId, [...(byStaff.get(l.staffId) ?? []), l.serviceId]);
  return rows.map((r) => ({ id: r.id, name: r.name, service_ids: byStaff.get(r.id) ?? [] }));
}

/** Inserts the staff member's service links, as many statements as D1's parameter limit needs. */
function linkStatements(d: ReturnType<typeof db>, staffId: string, serviceIds: readonly string[]) {
  return slices([...new Set(serviceIds)], rowsPerInsert(2)).map((ids) => d.insert(bookingStaffServices).values(ids.map((serviceId) => ({ staffId, serviceId }))));
}

async function requireStaff(d1: D1Database, botId: string, staffId: string) {
  const [one] = await staffJson(d1, botId, staffId);
  if (!one) throw apiError(404, 'not_found', 'staff member not found');
  return one;
}

bookingStaffRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/staff', tags: ['booking'], summary: 'Staff and resources', middleware: [companyAuth] as const,
    request: { params: BotParams },
    responses: { 200: jsonResponse(z.object({ staff: z.array(StaffSchema) }), 'Staff, oldest first'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    return c.json({ staff: await staffJson(c.env.DB, bot.id) }, 200);
  },
);

bookingStaffRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/staff', tags: ['booking'], summary: 'Add a staff member or resource', middleware: [companyAuth] as const,
    request: { params: BotParams, body: { required: true, content: { 'application/json': { schema: StaffBody } } } },
    responses: { 201: jsonResponse(StaffSchema, 'Created'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 422: 'Invalid body or unknown service ids' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const b = c.req.valid('json');
    const serviceIds = await resolveServices(c.env.DB, bot.id, b);
    const id = newId('stf');
    const d = db(c.env.DB);
    await d.batch([d.insert(bookingStaff).values({ id, companyId: bot.companyId, botId: bot.id, name: b.name }), ...linkStatements(d, id, serviceIds)]);
    return c.json(await requireStaff(c.env.DB, bot.id, id), 201);
  },
);

bookingStaffRoutes.openapi(
  createRoute({
    method: 'patch', path: '/{id}/staff/{staffId}', tags: ['booking'], summary: 'Rename, or replace the services done', middleware: [companyAuth] as const,
    request: { params: StaffParams, body: { required: true, content: { 'application/json': { schema: z.strictObject({ name: StaffBody.shape.name.optional(), service_ids: ServiceRefs.optional(), services: ServiceRefs.optional() }) } } } },
    responses: { 200: jsonResponse(StaffSchema, 'Updated'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or staff not found', 422: 'Invalid body or unknown service ids' }) },
  }),
  async (c) => {
    const { id, staffId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const current = await requireStaff(c.env.DB, bot.id, staffId);
    const b = c.req.valid('json');
    const d = db(c.env.DB);
    if (b.name) await d.update(bookingStaff).set({ name: b.name }).where(eq(bookingStaff.id, current.id));
    if (b.service_ids || b.services) {
      const serviceIds = await resolveServices(c.env.DB, bot.id, b);
      await d.batch([d.delete(bookingStaffServices).where(eq(bookingStaffServices.staffId, current.id)), ...linkStatements(d, current.id, serviceIds)]);
    }
    return c.json(await requireStaff(c.env.DB, bot.id, current.id), 200);
  },
);

bookingStaffRoutes.openapi(
  createRoute({
    method: 'delete', path: '/{id}/staff/{staffId}', tags: ['booking'], summary: 'Remove a staff member and their hours (appointments stay)', middleware: [companyAuth] as const,
    request: { params: StaffParams },
    responses: { 204: { description: 'Removed' }, ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or staff not found' }) },
  }),
  async (c) => {
    const { id, staffId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const current = await requireStaff(c.env.DB, bot.id, staffId);
    const d = db(c.env.DB);
    await d.batch([
      d.delete(bookingStaffServices).where(eq(bookingStaffServices.staffId, current.id)),
      d.delete(bookingHours).where(eq(bookingHours.staffId, current.id)),
      d.delete(bookingStaff).where(eq(bookingStaff.id, current.id)),
    ]);
    return c.body(null, 204);
  },
);
