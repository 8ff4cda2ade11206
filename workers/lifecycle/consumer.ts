import { z } from 'zod';
import type { Env } from '../env.ts';
import { recordDeadLetter } from '../lib/queue.ts';
import { describeError } from '../lib/safe-error.ts';
import { migrateTranscriptsStep } from './migrate-transcripts.ts';
import { enforceRetention } from './retention.ts';

/** Messages on LIFECYCLE_QUEUE: long data jobs cut into steps, each step queueing the next. */
export const LifecycleJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('retention'), companyId: z.string().min(1), now: z.number().int().positive() }),
  z.object({ kind: z.literal('migrate-transcripts'), afterId: z.string().min(1).optional() }),
]);
export type LifecycleJob = z.infer<typeof LifecycleJobSchema>;

/** Runs one step of a job; returns the follow-up job, if the work is not finished. */
export async function runLifecycleJob(env: Env, job: LifecycleJob): Promise<LifecycleJob | null> {
  if (job.kind === 'retention') {
    const { more } = await enforceRetention(env, job.companyId, job.now);
    return more ? job : null;
  }
  const { next } = await migrateTranscriptsStep(env, job.afterId);
  return next ? { kind: 'migrate-transcripts', afterId: next } : null;
}

/** `voicebot-lifecycle` consumer: each message is one step; a malformed body is kept as a dead letter. */
export async function handleLifecycleBatch(batch: MessageBatch<LifecycleJob>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const job = LifecycleJobSchema.safeParse(msg.body);
    if (!job.success) {
      await recordDeadLetter(env, batch.queue, msg, null, 'malformed lifecycle job');
      msg.ack();
      continue;
    }
    try {
      const next = await runLifecycleJob(env, job.data);
      if (next) await env.LIFECYCLE_QUEUE.send(next);
      msg.ack();
    } catch (err) {
      console.error(JSON.stringify({ msg: 'lifecycle job failed', kind: job.data.kind, attempt: msg.attempts, error: describeError(err) }));
      msg.retry({ delaySeconds: Math.min(600, 30 * msg.attempts) });
    }
  }
}
