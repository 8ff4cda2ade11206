import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Env } from '../../env.ts';
import { db, schema } from '../../db/client.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { newId, randomToken } from '../../lib/ids.ts';
import { displayName } from '../../lib/text.ts';
import { requirePanelAdmin } from '../../panel/roles.ts';
import { auth } from '../auth.ts';
import { apiError, ErrorBodySchema } from '../errors.ts';
import { createRouter } from '../router.ts';
import { iso, requireCompanyAccess } from '../tenancy.ts';

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('First characters of the key, for recognising it in lists'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export const NewApiKeySchema = ApiKeySchema.extend({
  key: z.string().describe('The secret key. Shown once; only its SHA-256 hash is stored.'),
});

type KeyRow = typeof schema.apiKeys.$inferSelect;
const toApiKey = (k: KeyRow) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  created_at: iso(k.createdAt)!,
  last_used_at: iso(k.lastUsedAt),
  revoked_at: iso(k.revokedAt),
});

/** Creates a company key; the plain key is returned once and never stored. */
export async function issueApiKey(env: Env, companyId: string, name = 'default') {
  const key = `vbk_${randomToken(40)}`;
  const row = await db(env.DB)
    .insert(schema.apiKeys)
    .values({ id: newId('key'), companyId, name, prefix: key.slice(0, 12), keyHash: await sha256Hex(key) })
    .returning()
    .get();
  return { ...toApiKey(row), key };
}

const CompanyParams = z.object({ id: z.string().min(1) });
const errors = {
  401: { description: 'Missing or invalid key', content: { 'application/json': { schema: ErrorBodySchema } } },
  403: { description: 'A panel member (not an admin) may not issue or revoke keys', content: { 'application/json': { schema: ErrorBodySchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorBodySchema } } },
};

export const apiKeys = createRouter();
apiKeys.use('/:id/api-keys', auth({ allow: ['company', 'admin'] }));
apiKeys.use('/:id/api-keys/*', auth({ allow: ['company', 'admin'] }));

apiKeys.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/api-keys',
    tags: ['api-keys'],
    summary: 'Issue a new company API key (rotation)',
    request: {
      params: CompanyParams,
      body: { required: false, content: { 'application/json': { schema: z.strictObject({ name: displayName(100).optional() }) } } },
    },
    responses: { 201: { description: 'The new key, shown once', content: { 'application/json': { schema: NewApiKeySchema } } }, ...errors },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requirePanelAdmin(c, id);
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
    return c.json(await issueApiKey(c.env, id, body.name), 201);
  },
);

apiKeys.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/api-keys',
    tags: ['api-keys'],
    summary: 'List company API keys (prefixes only)',
    request: { params: CompanyParams },
    responses: { 200: { description: 'Keys', content: { 'application/json': { schema: z.object({ api_keys: z.array(ApiKeySchema) }) } } }, ...errors },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requireCompanyAccess(c, id);
    const rows = await db(c.env.DB).select().from(schema.apiKeys).where(eq(schema.apiKeys.companyId, id)).orderBy(desc(schema.apiKeys.createdAt)).all();
    return c.json({ api_keys: rows.map(toApiKey) }, 200);
  },
);

apiKeys.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}/api-keys/{keyId}',
    tags: ['api-keys'],
    summary: 'Revoke a company API key',
    request: { params: CompanyParams.extend({ keyId: z.string().min(1) }) },
    responses: { 200: { description: 'Revoked key', content: { 'application/json': { schema: ApiKeySchema } } }, ...errors },
  }),
  async (c) => {
    const { id, keyId } = c.req.valid('param');
    await requirePanelAdmin(c, id);
    const row = await db(c.env.DB)
      .update(schema.apiKeys)
      .set({ revokedAt: Date.now() })
      .where(and(eq(schema.apiKeys.id, keyId), eq(schema.apiKeys.companyId, id), isNull(schema.apiKeys.revokedAt)))
      .returning()
      .get();
    if (!row) throw apiError(404, 'not_found', 'api key not found or already revoked');
    return c.json(toApiKey(row), 200);
  },
);
