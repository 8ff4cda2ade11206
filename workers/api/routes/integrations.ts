import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import { CRM_DELIVERY_STATUSES, CRM_KINDS } from '../../db/schema-crm.ts';
import { amoToken } from '../../crm/amocrm.ts';
import { clientFor, connectionView, loadConnection, saveConnection } from '../../crm/connections.ts';
import { CrmError } from '../../crm/http.ts';
import { SecretKeyMissing } from '../../lib/secret-box.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso } from '../tenancy.ts';

const HttpsUrl = z.url().refine((u) => u.startsWith('https://'), 'must be an https:// URL');
const Outcome = z.string().min(1).max(64);
const AmoSettings = z.strictObject({
  pipeline_id: z.number().int().positive().optional().describe('Pipeline the call leads go to (default: the main one)'),
  statuses: z.record(Outcome, z.number().int().positive()).optional().describe('Call outcome → status id, e.g. {"booked": 142}'),
  fields: z.record(z.string().min(1), z.number().int().positive()).optional().describe('Our field → amoCRM custom field id'),
  responsible_user_id: z.number().int().positive().optional(),
});
const BitrixSettings = z.strictObject({
  entity: z.enum(['lead', 'deal']).default('lead'),
  user_id: z.number().int().positive().optional().describe('Employee the call is registered to (telephony.externalcall.register); without it no call is registered'),
  statuses: z.record(Outcome, z.string().min(1)).optional().describe('Call outcome → STATUS_ID (lead) or STAGE_ID (deal)'),
  category_id: z.number().int().min(0).optional().describe('Deal pipeline (CATEGORY_ID)'),
  fields: z.record(z.string().min(1), z.string().regex(/^[A-Z0-9_]+$/)).optional().describe('Our field → Bitrix24 field, e.g. {"service": "UF_CRM_SERVICE"}'),
});
const AmoConnect = z.strictObject({
  base_url: HttpsUrl.describe('The account address, e.g. https://salon.amocrm.ru'),
  client_id: z.string().min(1).max(200),
  client_secret: z.string().min(1).max(500),
  redirect_uri: HttpsUrl.describe('The redirect URI of the integration, exactly as registered'),
  code: z.string().min(1).max(2000).describe('The authorization code amoCRM sent to the redirect URI (valid 20 minutes)'),
  settings: AmoSettings.default({}),
});
const BitrixConnect = z.strictObject({
  webhook_url: HttpsUrl.regex(/\/rest\/\d+\/[A-Za-z0-9]+\/?$/, 'an incoming webhook URL: https://<portal>/rest/<user id>/<key>/'),
  settings: BitrixSettings.default({ entity: 'lead' }),
});
const View = z.object({
  kind: z.enum(CRM_KINDS),
  base_url: z.string(),
  auth_type: z.enum(['oauth', 'webhook']),
  client_id: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  last_error: z.string().nullable(),
  connected_at: z.string(),
  updated_at: z.string(),
});
const Kind = z.object({ kind: z.enum(CRM_KINDS) });
const errors = errorResponses({ 401: 'Missing or invalid key', 404: 'Not connected', 422: 'Invalid body, or the CRM refused the credentials', 503: 'CRM_TOKEN_KEY is not set' });

/** A CRM or key failure while connecting/testing, as the API's error. */
function crmApiError(e: unknown): never {
  if (e instanceof SecretKeyMissing) throw apiError(503, 'not_configured', e.message);
  if (e instanceof CrmError) throw apiError(e.retryable ? 502 : 422, e.retryable ? 'crm_unavailable' : 'crm_refused', e.message);
  throw e;
}

/**
 * `/integrations`: the company's CRM connections (amoCRM by OAuth 2.0, Bitrix24 by an incoming webhook), their
 * mapping of call outcomes and fields, a connection test, and the post-call deliveries per call. Tokens, secrets and
 * webhook keys are stored AES-GCM encrypted and never returned.
 */
export const integrations = createRouter();
integrations.use('*', auth());

integrations.openapi(
  createRoute({ method: 'get', path: '/', tags: ['integrations'], summary: 'CRM connections (without secrets)', responses: { 200: jsonResponse(z.object({ integrations: z.array(View) }), 'Connections'), ...errors } }),
  async (c) => {
    const rows = await db(c.env.DB).select().from(schema.crmConnections).where(eq(schema.crmConnections.companyId, c.get('companyId'))).all();
    return c.json({ integrations: rows.map(connectionView) }, 200);
  },
);

integrations.openapi(
  createRoute({
    method: 'put',
    path: '/amocrm',
    tags: ['integrations'],
    summary: 'Connect amoCRM: exchange the authorization code for tokens (OAuth 2.0) and store them encrypted',
    request: { body: { required: true, content: { 'application/json': { schema: AmoConnect } } } },
    responses: { 200: jsonResponse(View, 'Connected'), ...errors },
  }),
  async (c) => {
    const b = c.req.valid('json');
    const baseUrl = new URL(b.base_url).origin;
    const app = { baseUrl, clientId: b.client_id, clientSecret: b.client_secret, redirectUri: b.redirect_uri };
    const tokens = await amoToken(app, { code: b.code }).catch(crmApiError);
    const row = await saveConnection(db(c.env.DB), c.env, c.get('companyId'), {
      kind: 'amocrm', baseUrl, authType: 'oauth', clientId: b.client_id,
      secrets: { client_secret: b.client_secret, access: tokens.access, refresh: tokens.refresh },
      accessExpiresAt: tokens.expiresAt, settings: { ...b.settings, redirect_uri: b.redirect_uri },
    }).catch(crmApiError);
    return c.json(connectionView(row), 200);
  },
);

integrations.openapi(
  createRoute({
    method: 'put',
    path: '/bitrix24',
    tags: ['integrations'],
    summary: 'Connect Bitrix24 through an incoming webhook (scopes crm, telephony), stored encrypted',
    request: { body: { required: true, content: { 'application/json': { schema: BitrixConnect } } } },
    responses: { 200: jsonResponse(View, 'Connected'), ...errors },
  }),
  async (c) => {
    const b = c.req.valid('json');
    const row = await saveConnection(db(c.env.DB), c.env, c.get('companyId'), {
      kind: 'bitrix24', baseUrl: new URL(b.webhook_url).origin, authType: 'webhook', clientId: null,
      secrets: { webhook: b.webhook_url }, accessExpiresAt: null, settings: b.settings,
    }).catch(crmApiError);
    return c.json(connectionView(row), 200);
  },
);

integrations.openapi(
  createRoute({
    method: 'put',
    path: '/{kind}/settings',
    tags: ['integrations'],
    summary: 'Replace the mapping: outcomes → pipeline statuses, our fields → CRM fields',
    request: { params: Kind, body: { required: true, content: { 'application/json': { schema: z.union([AmoSettings, BitrixSettings]) } } } },
    responses: { 200: jsonResponse(View, 'Saved'), ...errors },
  }),
  async (c) => {
    const { kind } = c.req.valid('param');
    const parsed = (kind === 'amocrm' ? AmoSettings : BitrixSettings).safeParse(await c.req.json());
    if (!parsed.success) throw apiError(422, 'validation_failed', 'settings are invalid', parsed.error.issues.map((i) => ({ path: ['json', ...i.path].join('.'), message: i.message })));
    const d = db(c.env.DB);
    const row = await loadConnection(d, c.get('companyId'), kind);
    if (!row) throw apiError(404, 'not_found', `${kind} is not connected`);
    const keep = kind === 'amocrm' ? { redirect_uri: (JSON.parse(row.settingsJson) as { redirect_uri?: string }).redirect_uri } : {};
    const t = schema.crmConnections;
    await d.update(t).set({ settingsJson: JSON.stringify({ ...parsed.data, ...keep }), updatedAt: Date.now() }).where(and(eq(t.companyId, row.companyId), eq(t.kind, kind)));
    return c.json(connectionView((await loadConnection(d, row.companyId, kind))!), 200);
  },
);

integrations.openapi(
  createRoute({
    method: 'post',
    path: '/{kind}/test',
    tags: ['integrations'],
    summary: 'Test the connection with one harmless request (amoCRM account, Bitrix24 profile)',
    request: { params: Kind },
    responses: { 200: jsonResponse(z.object({ ok: z.literal(true), account: z.string() }), 'The CRM answered'), ...errors },
  }),
  async (c) => {
    const { kind } = c.req.valid('param');
    const d = db(c.env.DB);
    const row = await loadConnection(d, c.get('companyId'), kind);
    if (!row) throw apiError(404, 'not_found', `${kind} is not connected`);
    try {
      const crm = await clientFor(d, c.env, row);
      const profile = crm.kind === 'bitrix24' ? await crm.client.profile() : null;
      const account = crm.kind === 'amocrm' ? (await crm.client.account()).name : [profile?.NAME, profile?.LAST_NAME].filter(Boolean).join(' ');
      return c.json({ ok: true as const, account: account ?? '' }, 200);
    } catch (e) {
      const t = schema.crmConnections;
      await d.update(t).set({ lastError: e instanceof Error ? e.message : String(e), updatedAt: Date.now() }).where(and(eq(t.companyId, row.companyId), eq(t.kind, kind)));
      crmApiError(e);
    }
  },
);

integrations.openapi(
  createRoute({ method: 'delete', path: '/{kind}', tags: ['integrations'], summary: 'Disconnect: the stored tokens are deleted', request: { params: Kind }, responses: { 204: { description: 'Disconnected' }, ...errors } }),
  async (c) => {
    const { kind } = c.req.valid('param');
    const t = schema.crmConnections;
    const gone = await db(c.env.DB).delete(t).where(and(eq(t.companyId, c.get('companyId')), eq(t.kind, kind))).returning({ kind: t.kind }).all();
    if (!gone.length) throw apiError(404, 'not_found', `${kind} is not connected`);
    return c.body(null, 204);
  },
);

const Delivery = z.object({
  id: z.string(),
  call_id: z.string(),
  kind: z.enum(CRM_KINDS),
  status: z.enum(CRM_DELIVERY_STATUSES),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  crm_ids: z.record(z.string(), z.unknown()).describe('What the CRM holds for the call: contact, lead/deal, note, telephony call'),
  next_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
});

integrations.openapi(
  createRoute({
    method: 'get',
    path: '/deliveries',
    tags: ['integrations'],
    summary: 'Post-call CRM deliveries, newest first: status, attempts, last error and the CRM ids made',
    request: { query: z.object({ call_id: z.string().min(1).optional(), status: z.enum(CRM_DELIVERY_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }) },
    responses: { 200: jsonResponse(z.object({ deliveries: z.array(Delivery) }), 'Deliveries'), ...errors },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const t = schema.crmDeliveries;
    const rows = await db(c.env.DB).select().from(t)
      .where(and(eq(t.companyId, c.get('companyId')), q.call_id ? eq(t.callId, q.call_id) : undefined, q.status ? eq(t.status, q.status) : undefined))
      .orderBy(desc(t.createdAt), desc(t.id)).limit(q.limit).all();
    return c.json({
      deliveries: rows.map((r) => ({
        id: r.id, call_id: r.callId, kind: r.kind, status: r.status, attempts: r.attempts, last_error: r.lastError,
        crm_ids: JSON.parse(r.progressJson) as Record<string, unknown>,
        next_attempt_at: r.status === 'pending' ? iso(r.nextAttemptAt) : null, delivered_at: iso(r.deliveredAt), created_at: iso(r.createdAt)!,
      })),
    }, 200);
  },
);
