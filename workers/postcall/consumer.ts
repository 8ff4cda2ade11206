import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Env, PostcallJob } from '../env.ts';
import { db, schema } from '../db/client.ts';
import { recordDeadLetter } from '../lib/queue.ts';
import { describeError } from '../lib/safe-error.ts';
import { failPendingNotifications } from '../notify/deliveries.ts';
import { failPendingCrmDeliveries } from '../crm/deliveries.ts';
import { processCall, webhookBackoffSeconds } from './process-call.ts';

/** Queue message body, validated at the edge (conventions: zod at every edge). */
export const PostcallJobSchema = z.object({ callId: z.string().min(1), deliveryId: z.string().min(1).optional() });

/**
 * `voicebot-postcall` consumer: each message is processed independently; success acks, failure retries with
 * exponential backoff ({@link webhookBackoffSeconds}). After `max_retries` (wrangler.toml) the queue moves the message
 * to `voicebot-postcall-dlq`. A body that is not a job is kept as a dead letter, never dropped.
 */
export async function handlePostcallBatch(batch: MessageBatch<PostcallJob>, env: Env): Promise<void> {
  await Promise.all(batch.messages.map(async (msg) => {
    const job = PostcallJobSchema.safeParse(msg.body);
    if (!job.success) {
      await recordDeadLetter(env, batch.queue, msg, null, 'malformed postcall job');
      msg.ack();
      return;
    }
    try {
      const result = await processCall(env, job.data, msg.attempts);
      if (result.action === 'ack') msg.ack();
      else msg.retry({ delaySeconds: result.delaySeconds });
    } catch (err) {
      console.error(JSON.stringify({ msg: 'postcall job failed', callId: job.data.callId, attempt: msg.attempts, error: describeError(err) }));
      msg.retry({ delaySeconds: webhookBackoffSeconds(msg.attempts) });
    }
  }));
}

/**
 * Marks what an exhausted job leaves behind: its pending deliveries become `failed` (kept, redeliverable via
 * the API), an unprocessed call becomes `failed` with the reason. Returns the reason for the dead letter.
 */
async function failLeftovers(env: Env, job: PostcallJob): Promise<{ companyId: string | null; reason: string }> {
  const d = db(env.DB);
  const now = Date.now();
  const call = await d.select().from(schema.calls).where(eq(schema.calls.id, job.callId)).get();
  if (!call) return { companyId: null, reason: 'retries exhausted; call not found' };
  const t = schema.webhookDeliveries;
  const scope = job.deliveryId ? eq(t.id, job.deliveryId) : and(eq(t.callId, call.id), eq(t.eventType, 'call.completed'));
  const failed = await d.update(t)
    .set({ status: 'failed', nextAttemptAt: null, updatedAt: now })
    .where(and(scope, eq(t.status, 'pending')))
    .returning({ id: t.id, attempts: t.attempts, lastError: t.lastError })
    .all();
  const reasons = failed.map((f) => `delivery ${f.id} failed after ${f.attempts} attempts (${f.lastError ?? 'no response'})`);
  if (!job.deliveryId) reasons.push(...(await failPendingNotifications(d, call.id)), ...(await failPendingCrmDeliveries(d, call.id)));
  if (!job.deliveryId && call.status !== 'processed') {
    const reason = 'retries exhausted before the call was processed';
    await d.update(schema.calls).set({ status: 'failed', processingError: reason })
      .where(and(eq(schema.calls.id, call.id), ne(schema.calls.status, 'processed')));
    reasons.unshift(reason);
  }
  return { companyId: call.companyId, reason: reasons.join('; ') || 'retries exhausted' };
}

/**
 * `voicebot-postcall-dlq` consumer: records every exhausted job in `dead_letters` (one row per message id)
 * and marks its call/deliveries failed. Nothing is silently dropped.
 */
export async function handlePostcallDeadLetters(batch: MessageBatch<PostcallJob>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    try {
      const job = PostcallJobSchema.safeParse(msg.body);
      const { companyId, reason } = job.success ? await failLeftovers(env, job.data) : { companyId: null, reason: 'malformed postcall job' };
      await recordDeadLetter(env, batch.queue, msg, companyId, reason);
      console.error(JSON.stringify({ msg: 'postcall job dead-lettered', messageId: msg.id, reason }));
      msg.ack();
    } catch (err) {
      console.error(JSON.stringify({ msg: 'dead letter not recorded', messageId: msg.id, error: describeError(err) }));
      msg.retry({ delaySeconds: 60 });
    }
  }
}
