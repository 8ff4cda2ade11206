import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import { newId } from '../../lib/ids.ts';
import { displayName } from '../../lib/text.ts';
import { auth } from '../auth.ts';
import { apiError, ErrorBodySchema } from '../errors.ts';
import { jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso, requireCompanyAccess } from '../tenancy.ts';
import { issueApiKey, NewApiKeySchema } from './api-keys.ts';
import { BotSchema, toBot } from './bots.ts';
import { releasePhoneNumber } from './phone-numbers.ts';
import { eraseCompany } from '../../erasure/company.ts';

export const CompanySchema = z.object({ id: z.string(), name: z.string(), created_at: z.string() });
const toCompany = (r: typeof schema.companies.$inferSelect) => ({ id: r.id, name: r.name, created_at: iso(r.createdAt)! });

const errors = { 401: jsonResponse(ErrorBodySchema, 'Missing or invalid key'), 404: jsonResponse(ErrorBodySchema, 'Company not found') };

export const companies = createRouter();
companies.post('/', auth({ allow: ['admin'] }));
companies.use('/:id', auth({ allow: ['company', 'admin'] }));
companies.use('/:id/bots', auth({ allow: ['company', 'admin'] }));

companies.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['companies'],
    summary: 'Create a company (platform admin key); returns its first API key, shown once',
    request: { body: { required: true, content: { 'application/json': { schema: z.strictObject({ name: displayName(200) }) } } } },
    responses: { 201: jsonResponse(z.object({ company: CompanySchema, api_key: NewApiKeySchema }), 'Created'), 401: errors[401] },
  }),
  async (c) => {
    const { name } = c.req.valid('json');
    const company = await db(c.env.DB).insert(schema.companies).values({ id: newId('cmp'), name }).returning().get();
    const apiKey = await issueApiKey(c.env, company.id);
    return c.json({ company: toCompany(company), api_key: apiKey }, 201);
  },
);

companies.openapi(
  createRoute({ method: 'get', path: '/{id}', tags: ['companies'], summary: 'Get a company', request: { params: z.object({ id: z.string() }) }, responses: { 200: jsonResponse(CompanySchema, 'Company'), ...errors } }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requireCompanyAccess(c, id);
    const row = await db(c.env.DB).select().from(schema.companies).where(eq(schema.companies.id, id)).get();
    if (!row) throw apiError(404, 'not_found', 'company not found');
    return c.json(toCompany(row), 200);
  },
);

companies.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/bots',
    tags: ['bots'],
    summary: "List a company's bots",
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: jsonResponse(z.object({ bots: z.array(BotSchema) }), 'Bots'), ...errors },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requireCompanyAccess(c, id);
    const rows = await db(c.env.DB).select().from(schema.bots)
      .where(and(eq(schema.bots.companyId, id), isNull(schema.bots.deletedAt))).orderBy(asc(schema.bots.createdAt)).all();
    return c.json({ bots: rows.map(toBot) }, 200);
  },
);

companies.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    tags: ['companies'],
    summary: 'Erase a company and everything of it (platform admin key): bots, knowledge (files, index, vectors), calls, bookings, leads, webhooks and deliveries, keys, phone numbers',
    description: 'Phone numbers are released first (LiveKit trunk and rule, Exolve forwarding); if that fails nothing is erased (502/503).',
    request: { params: z.object({ id: z.string() }) },
    responses: {
      204: { description: 'Erased' },
      403: jsonResponse(ErrorBodySchema, 'Not the admin key'),
      502: jsonResponse(ErrorBodySchema, 'LiveKit or the carrier failed to release a number'),
      ...errors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    if (c.get('principal') !== 'admin') throw apiError(403, 'forbidden', 'only the platform admin key can erase a company');
    const d = db(c.env.DB);
    if (!(await d.select({ id: schema.companies.id }).from(schema.companies).where(eq(schema.companies.id, id)).get())) {
      throw apiError(404, 'not_found', 'company not found');
    }
    const numbers = await d.select().from(schema.phoneNumbers).where(eq(schema.phoneNumbers.companyId, id)).all();
    for (const number of numbers) await releasePhoneNumber(c.env, number);
    await eraseCompany(c.env, id);
    return c.body(null, 204);
  },
);
