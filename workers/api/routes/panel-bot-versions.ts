import { createRoute, z } from '@hono/zod-openapi';
import { auth } from '../auth.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso, requireBot } from '../tenancy.ts';

const VersionSchema = z.object({ version: z.number().int(), created_at: z.string(), config: z.record(z.string(), z.unknown()) });

/** `GET /bots/{id}/versions`: the saved configs of a bot, newest first (kept by a D1 trigger on every save). Roll back by PUTting one. */
export const panelBotVersions = createRouter();
panelBotVersions.use('/:id/versions', auth());

panelBotVersions.openapi(
  createRoute({
    method: 'get', path: '/{id}/versions', tags: ['bots'], summary: 'Saved configs of the bot, newest first (roll back by PUT /bots/{id}/config with one)',
    request: { params: z.object({ id: z.string().min(1) }), query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
    responses: { 200: jsonResponse(z.object({ versions: z.array(VersionSchema) }), 'Versions'), ...errorResponses({ 401: 'Missing or invalid credentials', 404: 'Bot not found' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const rows = await c.env.DB.prepare('SELECT version, config_json, created_at FROM bot_config_versions WHERE bot_id = ? ORDER BY version DESC LIMIT ?')
      .bind(bot.id, c.req.valid('query').limit).all<{ version: number; config_json: string; created_at: number }>();
    return c.json({ versions: rows.results.map((r) => ({ version: r.version, created_at: iso(r.created_at)!, config: JSON.parse(r.config_json) as Record<string, unknown> })) }, 200);
  },
);
