import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, isNull } from 'drizzle-orm';
import type { BotConfig } from '../../../core/index.ts';
import { db, schema } from '../../db/client.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { newId } from '../../lib/ids.ts';
import { displayName, stripUnsafeChars } from '../../lib/text.ts';
import { configEtag, ifMatchVersion, saveBotConfig } from '../config-version.ts';
import { auth } from '../auth.ts';
import { configFromValue, readConfigBody, readJson } from '../config-body.ts';
import { dryRunConfig, DryRunSchema } from '../config-dry-run.ts';
import { apiError, ErrorBodySchema, zodIssues } from '../errors.ts';
import { jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso, requireBot, type BotRow } from '../tenancy.ts';
import { releaseBotNumbers } from './phone-numbers.ts';

export const BotSchema = z.object({
  id: z.string(),
  slug: z.string().describe("The config's bot_id"),
  company_id: z.string(),
  name: z.string(),
  language: z.string(),
  config_version: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
});

export const toBot = (b: BotRow) => ({
  id: b.id,
  slug: b.slug,
  company_id: b.companyId,
  name: b.name,
  language: b.language,
  config_version: b.configVersion,
  config: JSON.parse(b.configJson) as Record<string, unknown>,
  created_at: iso(b.createdAt)!,
  updated_at: iso(b.updatedAt)!,
});

const errors = {
  401: jsonResponse(ErrorBodySchema, 'Missing or invalid key'),
  404: jsonResponse(ErrorBodySchema, 'Bot not found'),
  422: jsonResponse(ErrorBodySchema, 'Invalid config: details lists each bad path'),
};
const BotParams = z.object({ id: z.string().min(1) });
const ConfigBody = z.record(z.string(), z.unknown()).describe('Bot config (see scenarios/*.yaml)');
const CreateBotJson = z.strictObject({ name: displayName(200).optional(), config: z.union([ConfigBody, z.string()]) });

export const bots = createRouter();
bots.use('*', auth());

bots.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['bots'],
    summary: 'Create a bot from a config (JSON `{name?, config}` with config as an object or YAML text, or a raw YAML body)',
    description: 'JSON `{ name?, config }` (config as an object or YAML text), or the config itself as `application/yaml`.',
    request: {
      body: {
        // required: false keeps the JSON validator from rejecting YAML bodies; the handler reads and validates both.
        required: false,
        content: { 'application/json': { schema: CreateBotJson }, 'application/yaml': { schema: z.string() } },
      },
    },
    responses: { 201: jsonResponse(BotSchema, 'Created bot'), 409: jsonResponse(ErrorBodySchema, 'bot_id already used'), ...errors },
  }),
  async (c) => {
    let config: BotConfig;
    let name: string | undefined;
    if ((c.req.header('content-type') ?? '').includes('json')) {
      const parsed = CreateBotJson.safeParse(await readJson(c));
      if (!parsed.success) throw apiError(422, 'validation_failed', 'request is invalid', zodIssues(parsed.error.issues, 'json'));
      const body = parsed.data;
      config = configFromValue(body.config, 'config.');
      name = body.name;
    } else {
      config = await readConfigBody(c);
    }
    const companyId = c.get('companyId');
    const d = db(c.env.DB);
    const taken = await d.select({ id: schema.bots.id }).from(schema.bots)
      .where(and(eq(schema.bots.companyId, companyId), eq(schema.bots.slug, config.bot_id), isNull(schema.bots.deletedAt))).get();
    if (taken) throw apiError(409, 'conflict', `a bot with bot_id "${config.bot_id}" already exists`, { bot_id: taken.id });
    const now = Date.now();
    const row = await d.insert(schema.bots).values({
      id: newId('bot'),
      companyId,
      slug: config.bot_id,
      name: stripUnsafeChars(name ?? config.company?.name ?? config.bot_id).slice(0, 200) || config.bot_id,
      language: config.language,
      configJson: JSON.stringify(config),
      updatedAt: now,
    }).returning().get().catch((e: unknown) => {
      // A concurrent POST with the same bot_id won the unique (company_id, slug) index.
      if (isUniqueViolation(e)) throw apiError(409, 'conflict', `a bot with bot_id "${config.bot_id}" already exists`);
      throw e;
    });
    return c.json(toBot(row), 201);
  },
);

bots.openapi(
  createRoute({ method: 'get', path: '/{id}', tags: ['bots'], summary: 'Get a bot', request: { params: BotParams }, responses: { 200: jsonResponse(BotSchema, 'Bot'), ...errors } }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    c.header('ETag', configEtag(bot.configVersion));
    return c.json(toBot(bot), 200);
  },
);

bots.openapi(
  createRoute({
    method: 'put',
    path: '/{id}/config',
    tags: ['bots'],
    summary: 'Replace the bot config (application/yaml or application/json); bumps config_version',
    description: 'With `?dry_run=true` the config is validated and its `tests:` are run, and nothing is saved.',
    request: {
      params: BotParams,
      query: z.object({ dry_run: z.enum(['true', 'false']).optional().describe('Validate and run the config tests without saving') }),
      body: { required: false, content: { 'application/yaml': { schema: z.string() }, 'application/json': { schema: ConfigBody } } },
    },
    responses: { 200: jsonResponse(z.union([BotSchema, DryRunSchema]), 'Updated bot, or the dry run\'s test results'), 415: jsonResponse(ErrorBodySchema, 'Not YAML/JSON'), ...errors },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const config = await readConfigBody(c);
    if (config.bot_id !== bot.slug) {
      throw apiError(422, 'invalid_config', 'bot_id cannot change', [{ path: 'bot_id', message: `must stay "${bot.slug}"` }]);
    }
    if (c.req.valid('query').dry_run === 'true') return c.json(await dryRunConfig(c.env, bot, config, new Date()), 200);
    const row = await saveBotConfig(c.env.DB, bot, config, ifMatchVersion(c.req.header('if-match')));
    c.header('ETag', configEtag(row.configVersion));
    return c.json(toBot(row), 200);
  },
);

bots.openapi(
  createRoute({ method: 'delete', path: '/{id}', tags: ['bots'], summary: 'Delete a bot (its calls stay in history); releases its phone numbers (LiveKit trunk and rule, Exolve forwarding)', request: { params: BotParams }, responses: { 204: { description: 'Deleted' }, ...errors } }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    // Numbers first: if LiveKit or the carrier refuses, the bot stays and the error says why (502/503).
    await releaseBotNumbers(c.env, bot.id);
    await db(c.env.DB).update(schema.bots).set({ deletedAt: Date.now(), updatedAt: Date.now() }).where(eq(schema.bots.id, bot.id));
    return c.body(null, 204);
  },
);
