import { asc, gt } from 'drizzle-orm';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { LifecycleJob } from './consumer.ts';

/** Queue sendBatch takes at most 100 messages. */
const PAGE = 100;

/**
 * The daily retention sweep: one `retention` job per company on LIFECYCLE_QUEUE (fan-out, so a thousand companies
 * are a thousand independent, retryable steps). `now` is the cron's scheduled time: every company uses the same cutoff.
 */
export async function enqueueRetention(env: Pick<Env, 'DB' | 'LIFECYCLE_QUEUE'>, now: number): Promise<number> {
  const c = schema.companies;
  let after: string | undefined;
  let queued = 0;
  for (;;) {
    const page = await db(env.DB).select({ id: c.id }).from(c).where(after ? gt(c.id, after) : undefined).orderBy(asc(c.id)).limit(PAGE).all();
    if (page.length === 0) return queued;
    await env.LIFECYCLE_QUEUE.sendBatch(page.map((r) => ({ body: { kind: 'retention', companyId: r.id, now } satisfies LifecycleJob })));
    queued += page.length;
    if (page.length < PAGE) return queued;
    after = page[page.length - 1]!.id;
  }
}
