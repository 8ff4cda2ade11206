import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, isNull, or } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import { auth } from '../auth.ts';
import { apiError, ErrorBodySchema } from '../errors.ts';
import { jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import type { BotRow } from '../tenancy.ts';
import { BotConfigSchema } from '../../../core/config/bot-config.ts';
import { sttVocabulary } from '../../../core/config/stt-vocabulary.ts';
import type { Db } from '../../db/client.ts';

/** What the agent-host needs to answer a call for a bot. */
export const BotRuntimeSchema = z.object({
  bot: z.object({
    id: z.string(),
    slug: z.string(),
    company_id: z.string(),
    config_version: z.number().int(),
    config: z.record(z.string(), z.unknown()),
    /** Words the STT should expect on its calls: company name, calendar services (+ synonyms) and staff, enum options. */
    stt_hints: z.array(z.string()),
  }),
});

/** The bot's recognition vocabulary from its config and its built-in calendar. */
async function sttHints(d: Db, b: BotRow): Promise<string[]> {
  const config = BotConfigSchema.safeParse(JSON.parse(b.configJson));
  if (!config.success) return [];
  const [services, staff] = await Promise.all([
    d.select({ name: schema.bookingServices.name, synonyms: schema.bookingServices.synonymsJson }).from(schema.bookingServices).where(eq(schema.bookingServices.botId, b.id)).all(),
    d.select({ name: schema.bookingStaff.name }).from(schema.bookingStaff).where(eq(schema.bookingStaff.botId, b.id)).all(),
  ]);
  return sttVocabulary(config.data, { services: services.map((s) => ({ name: s.name, synonyms: JSON.parse(s.synonyms) as string[] })), staff: staff.map((s) => s.name) });
}

const toRuntime = async (d: Db, b: BotRow) => ({
  bot: { id: b.id, slug: b.slug, company_id: b.companyId, config_version: b.configVersion, config: JSON.parse(b.configJson), stt_hints: await sttHints(d, b) },
});

const errors = { 401: jsonResponse(ErrorBodySchema, 'Missing or invalid service token'), 404: jsonResponse(ErrorBodySchema, 'Not found') };

/** Service-token endpoints used by the agent-host to resolve which bot answers a call. */
export const internalBots = createRouter();
internalBots.use('/bots/*', auth({ allow: ['service'] }));
internalBots.use('/phone-numbers/*', auth({ allow: ['service'] }));

internalBots.openapi(
  createRoute({
    method: 'get',
    path: '/bots/{id}/runtime',
    tags: ['internal'],
    summary: 'Bot config for the agent-host, by internal id, or by slug within `company_id` (without it: only if one company uses it)',
    request: {
      params: z.object({ id: z.string().min(1) }),
      query: z.object({ company_id: z.string().min(1).optional().describe('Resolve a slug within this company (dispatch metadata carries it)') }),
    },
    responses: { 200: jsonResponse(BotRuntimeSchema, 'Runtime config'), 409: jsonResponse(ErrorBodySchema, 'Slug is ambiguous'), ...errors },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const companyId = c.req.valid('query').company_id;
    const d = db(c.env.DB);
    const rows = await d.select().from(schema.bots)
      .where(and(
        or(eq(schema.bots.id, id), eq(schema.bots.slug, id)),
        isNull(schema.bots.deletedAt),
        companyId ? eq(schema.bots.companyId, companyId) : undefined,
      )).limit(3).all();
    const exact = rows.find((r) => r.id === id);
    if (exact) return c.json(await toRuntime(d, exact), 200);
    if (rows.length > 1) throw apiError(409, 'conflict', `slug "${id}" is used by several companies; use the bot id or pass company_id`);
    if (!rows[0]) throw apiError(404, 'not_found', 'bot not found');
    return c.json(await toRuntime(d, rows[0]), 200);
  },
);

internalBots.openapi(
  createRoute({
    method: 'get',
    path: '/phone-numbers/{number}/bot',
    tags: ['internal'],
    summary: 'The bot that answers calls to a phone number (E.164)',
    request: { params: z.object({ number: z.string().regex(/^\+?\d{6,15}$/, 'E.164 number, e.g. +74951234567') }) },
    responses: { 200: jsonResponse(BotRuntimeSchema, 'Runtime config'), ...errors, 422: jsonResponse(ErrorBodySchema, 'Bad number') },
  }),
  async (c) => {
    const raw = c.req.valid('param').number;
    const number = raw.startsWith('+') ? raw : `+${raw}`;
    const d = db(c.env.DB);
    const row = await d.select({ bot: schema.bots }).from(schema.phoneNumbers)
      .innerJoin(schema.bots, eq(schema.bots.id, schema.phoneNumbers.botId))
      .where(and(eq(schema.phoneNumbers.number, number), isNull(schema.bots.deletedAt))).get();
    if (!row) throw apiError(404, 'not_found', 'no bot answers this number');
    return c.json(await toRuntime(d, row.bot), 200);
  },
);
