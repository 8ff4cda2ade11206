import { createRoute, z } from '@hono/zod-openapi';
import { db } from '../../db/client.ts';
import { computeAnalytics, isValidTimeZone } from '../../postcall/analytics.ts';
import { auth } from '../auth.ts';
import { ErrorBodySchema } from '../errors.ts';
import { jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';

const AnalyticsSchema = z.object({
  bot_id: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  timezone: z.string().describe("Zone of calls_by_hour: the bot's config timezone when bot_id is given, else UTC (or ?timezone=)"),
  calls: z.number().int(),
  completed: z.number().int().describe('Calls with a result: an outcome other than wrong_number or no_intent'),
  outcomes: z.record(z.string(), z.number().int()).describe('Completed calls by outcome'),
  conversion_rate: z.number().describe('completed / calls'),
  avg_duration_ms: z.number().nullable(),
  avg_turns: z.number().nullable().describe('Average number of transcript turns (bot and caller utterances)'),
  response_latency_ms: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), samples: z.number().int() })
    .describe('Nearest-rank percentiles of per-turn total_ms'),
  calls_by_hour: z.array(z.number().int()).length(24),
  sampled: z.boolean().describe('Latency and hours cover only the newest 10 000 calls of the range'),
});

const Query = z.object({
  bot_id: z.string().min(1).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('started_at ≥ from'),
  to: z.iso.datetime({ offset: true }).optional().describe('started_at < to'),
  timezone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').optional(),
});

/** `GET /analytics`: dashboard numbers over the company's calls. */
export const analytics = createRouter();
analytics.use('*', auth());

analytics.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['analytics'],
    summary: 'Call analytics: volume, outcomes, conversion, duration, turns, response latency, calls by hour',
    request: { query: Query },
    responses: {
      200: jsonResponse(AnalyticsSchema, 'Analytics'),
      401: jsonResponse(ErrorBodySchema, 'Missing or invalid key'),
      404: jsonResponse(ErrorBodySchema, 'Bot not found'),
      422: jsonResponse(ErrorBodySchema, 'Invalid query'),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const bot = q.bot_id ? await requireBot(c, q.bot_id) : null;
    const botZone = bot ? (JSON.parse(bot.configJson) as { timezone?: string }).timezone : undefined;
    const timezone = q.timezone ?? (botZone && isValidTimeZone(botZone) ? botZone : 'UTC');
    const result = await computeAnalytics(db(c.env.DB), {
      companyId: c.get('companyId'),
      botId: bot?.id,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      timezone,
    });
    return c.json({ bot_id: bot?.id ?? null, from: q.from ?? null, to: q.to ?? null, ...result }, 200);
  },
);
