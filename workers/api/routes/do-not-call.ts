import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { normalizePhone } from '../../booking/provider.ts';
import { db, schema } from '../../db/client.ts';
import { addToDoNotCall } from '../../reminders/do-not-call.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso } from '../tenancy.ts';
import { E164 } from './phone-numbers.ts';

const EntrySchema = z.object({ phone: z.string(), reason: z.string().nullable(), call_id: z.string().nullable(), created_at: z.string() });
const errors = errorResponses({ 401: 'Missing or invalid key', 404: 'Not on the list', 422: 'Invalid request; details lists each bad path' });

/**
 * `/do-not-call`: numbers the company must not call. A customer's «больше не звоните» on a reminder call adds theirs;
 * reminder calls and `POST /bots/{id}/calls` refuse every number on it.
 */
export const doNotCall = createRouter();
doNotCall.use('*', auth());

doNotCall.openapi(
  createRoute({ method: 'get', path: '/', tags: ['reminders'], summary: 'The do-not-call list, newest first', responses: { 200: jsonResponse(z.object({ numbers: z.array(EntrySchema) }), 'List'), ...errors } }),
  async (c) => {
    const t = schema.doNotCall;
    const rows = await db(c.env.DB).select().from(t).where(eq(t.companyId, c.get('companyId'))).orderBy(desc(t.createdAt)).limit(1000).all();
    return c.json({ numbers: rows.map((r) => ({ phone: r.phone, reason: r.reason, call_id: r.callId, created_at: iso(r.createdAt)! })) }, 200);
  },
);

doNotCall.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['reminders'],
    summary: 'Put a number on the do-not-call list',
    request: { body: { required: true, content: { 'application/json': { schema: z.strictObject({ phone: E164, reason: z.string().min(1).max(200).optional() }) } } } },
    responses: { 201: jsonResponse(EntrySchema, 'On the list'), ...errors },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const d = db(c.env.DB);
    await addToDoNotCall(d, c.get('companyId'), body.phone, body.reason ?? 'добавлен вручную');
    const t = schema.doNotCall;
    const row = (await d.select().from(t).where(and(eq(t.companyId, c.get('companyId')), eq(t.phone, normalizePhone(body.phone)))).get())!;
    return c.json({ phone: row.phone, reason: row.reason, call_id: row.callId, created_at: iso(row.createdAt)! }, 201);
  },
);

doNotCall.openapi(
  createRoute({
    method: 'delete',
    path: '/{phone}',
    tags: ['reminders'],
    summary: 'Take a number off the list (the customer asked to be called again)',
    request: { params: z.object({ phone: E164 }) },
    responses: { 204: { description: 'Removed' }, ...errors },
  }),
  async (c) => {
    const t = schema.doNotCall;
    const gone = await db(c.env.DB).delete(t)
      .where(and(eq(t.companyId, c.get('companyId')), eq(t.phone, normalizePhone(c.req.valid('param').phone)))).returning({ phone: t.phone }).get();
    if (!gone) throw apiError(404, 'not_found', 'the number is not on the do-not-call list');
    return c.body(null, 204);
  },
);
