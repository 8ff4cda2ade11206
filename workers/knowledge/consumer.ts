import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db, schema } from '../db/client.ts';
import type { Env, IngestJob } from '../env.ts';
import { backoffSeconds, recordDeadLetter } from '../lib/queue.ts';
import { describeError } from '../lib/safe-error.ts';
import { denseFromEnv } from './dense.ts';
import { markDocFailed, processIngest, type IngestDeps } from './ingest.ts';

/** Queue message body, validated at the edge. */
export const IngestJobSchema = z.object({ docId: z.string().min(1), botId: z.string().min(1), companyId: z.string().min(1) }) satisfies z.ZodType<IngestJob>;

/** Seconds before retry `attempt` (1-based): 10 s, 20 s, 40 s, … capped at 5 min. */
export const ingestBackoffSeconds = (attempt: number) => backoffSeconds(attempt, { baseSeconds: 10, capSeconds: 300 });

/**
 * `voicebot-ingest` consumer: one document per batch (wrangler.toml `max_batch_size = 1`), so a heavy file runs in
 * its own invocation and never holds up other companies' documents; each is bounded by INGEST_LIMITS. A failed attempt
 * puts the doc back to `pending` with the error and retries the message with backoff; after `max_retries`
 * (wrangler.toml) the queue moves it to `voicebot-ingest-dlq`.
 */
export async function handleIngestBatch(batch: MessageBatch<IngestJob>, env: Env, deps?: IngestDeps): Promise<void> {
  const resolved = deps ?? { dense: denseFromEnv(env) };
  for (const msg of batch.messages) {
    const job = IngestJobSchema.safeParse(msg.body);
    if (!job.success) {
      await recordDeadLetter(env, batch.queue, msg, null, 'malformed ingest job');
      msg.ack();
      continue;
    }
    try {
      await processIngest(env, job.data, resolved);
      msg.ack();
    } catch (err) {
      const error = describeError(err);
      console.error(JSON.stringify({ msg: 'ingest attempt failed', docId: job.data.docId, attempt: msg.attempts, error }));
      await db(env.DB).update(schema.knowledgeDocs)
        .set({ status: 'pending', error: `Попытка ${msg.attempts} не удалась, повторим (attempt failed, will retry): ${error}`.slice(0, 1000), updatedAt: Date.now() })
        .where(eq(schema.knowledgeDocs.id, job.data.docId))
        .catch(() => undefined);
      msg.retry({ delaySeconds: ingestBackoffSeconds(msg.attempts) });
    }
  }
}

/**
 * `voicebot-ingest-dlq` consumer: the job exhausted its retries. The doc (unless it got indexed meanwhile)
 * becomes `failed` with the last error, and the message is kept in `dead_letters` for inspection.
 */
export async function handleIngestDeadLetters(batch: MessageBatch<IngestJob>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const job = IngestJobSchema.safeParse(msg.body);
    const docId = job.success ? job.data.docId : null;
    const doc = docId ? await db(env.DB).select().from(schema.knowledgeDocs).where(eq(schema.knowledgeDocs.id, docId)).get() : undefined;
    const lastError = doc?.error?.replace(/^[^:]*\(attempt failed, will retry\): /, '') ?? 'unknown error';
    if (doc && doc.status !== 'ready') {
      await markDocFailed(env, doc.id, `Не удалось проиндексировать файл после ${doc.attempts} попыток (indexing failed after retries): ${lastError}`);
    }
    await recordDeadLetter(env, batch.queue, msg, job.success ? job.data.companyId : null, doc ? lastError : 'malformed or orphaned ingest job');
    msg.ack();
  }
}
