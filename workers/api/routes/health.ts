import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router.ts';

export const health = createRouter();

health.openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['ops'],
    summary: 'Liveness and database reachability',
    responses: {
      200: { description: 'Healthy', content: { 'application/json': { schema: z.object({ status: z.literal('ok'), db: z.literal('ok') }) } } },
      503: { description: 'Database unreachable', content: { 'application/json': { schema: z.object({ status: z.literal('degraded'), db: z.literal('error') }) } } },
    },
  }),
  async (c) => {
    try {
      await c.env.DB.prepare('select 1').first();
      return c.json({ status: 'ok' as const, db: 'ok' as const }, 200);
    } catch {
      return c.json({ status: 'degraded' as const, db: 'error' as const }, 503);
    }
  },
);
