import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../lifecycle/retention.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireCompanyAccess } from '../tenancy.ts';

const RetentionSchema = z.object({
  company_id: z.string(),
  retention_days: z.number().int().describe('calls (row, transcript, recording) older than this are erased daily'),
  is_default: z.boolean().describe(`true while the company uses the platform default (${DEFAULT_RETENTION_DAYS} days)`),
});
const Params = z.object({ id: z.string() });
const errors = errorResponses({ 401: 'Missing or invalid key', 404: 'Company not found' });

/** `GET|PUT /companies/{id}/retention`: how long a company's calls are kept. */
export const retention = createRouter();
retention.use('/:id/retention', auth({ allow: ['company', 'admin'] }));

async function current(env: { DB: D1Database }, id: string) {
  const row = await db(env.DB).select({ days: schema.companies.retentionDays }).from(schema.companies).where(eq(schema.companies.id, id)).get();
  if (!row) throw apiError(404, 'not_found', 'company not found');
  return { company_id: id, retention_days: row.days ?? DEFAULT_RETENTION_DAYS, is_default: row.days === null };
}

retention.openapi(
  createRoute({ method: 'get', path: '/{id}/retention', tags: ['companies'], summary: 'How long the company keeps calls', request: { params: Params }, responses: { 200: jsonResponse(RetentionSchema, 'Retention'), ...errors } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requireCompanyAccess(c, id);
    return c.json(await current(c.env, id), 200);
  },
);

retention.openapi(
  createRoute({
    method: 'put',
    path: '/{id}/retention',
    tags: ['companies'],
    summary: 'Set how long the company keeps calls (days); null restores the default. Enforced by the daily sweep',
    request: {
      params: Params,
      body: { required: true, content: { 'application/json': { schema: z.strictObject({ retention_days: z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).nullable() }) } } },
    },
    responses: { 200: jsonResponse(RetentionSchema, 'Retention'), ...errorResponses({ 401: 'Missing or invalid key', 404: 'Company not found', 422: 'Out of range' }) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requireCompanyAccess(c, id);
    await current(c.env, id);
    await db(c.env.DB).update(schema.companies).set({ retentionDays: c.req.valid('json').retention_days }).where(eq(schema.companies.id, id));
    return c.json(await current(c.env, id), 200);
  },
);
