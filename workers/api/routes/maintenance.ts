import { createRoute, z } from '@hono/zod-openapi';
import { count, isNull } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import type { LifecycleJob } from '../../lifecycle/consumer.ts';
import { auth } from '../auth.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';

/** Platform operations (admin key). */
export const maintenance = createRouter();
maintenance.use('*', auth({ allow: ['admin'] }));

maintenance.openapi(
  createRoute({
    method: 'post',
    path: '/transcript-migration',
    tags: ['maintenance'],
    summary: 'Start the one-off move of inline transcripts and turn metrics from D1 to R2 (queued, resumable, idempotent)',
    responses: {
      202: jsonResponse(z.object({ queued: z.boolean(), inline_calls: z.number().int() }), 'Queued (or nothing to do)'),
      ...errorResponses({ 401: 'Admin key required' }),
    },
  }),
  async (c) => {
    const left = await db(c.env.DB).select({ n: count() }).from(schema.calls).where(isNull(schema.calls.transcriptKey)).get();
    const inline = left?.n ?? 0;
    if (inline > 0) await c.env.LIFECYCLE_QUEUE.send({ kind: 'migrate-transcripts' } satisfies LifecycleJob);
    return c.json({ queued: inline > 0, inline_calls: inline }, 202);
  },
);
