import { app } from './api/app.ts';
import type { Env, IngestJob, PostcallJob } from './env.ts';
import { handleIngestBatch, handleIngestDeadLetters } from './knowledge/consumer.ts';
import { handleLifecycleBatch, type LifecycleJob } from './lifecycle/consumer.ts';
import { handlePostcallBatch, handlePostcallDeadLetters } from './postcall/consumer.ts';
import { handleReminderBatch } from './reminders/consumer.ts';
import type { ReminderJob } from './reminders/plan.ts';
import { runScheduled } from './scheduled.ts';

/** Queue names from wrangler.toml, each with its consumer. */
const consumers: Record<string, (batch: MessageBatch<never>, env: Env) => Promise<void>> = {
  'voicebot-ingest': (b, env) => handleIngestBatch(b as MessageBatch<IngestJob>, env),
  'voicebot-ingest-dlq': (b, env) => handleIngestDeadLetters(b as MessageBatch<IngestJob>, env),
  'voicebot-postcall': (b, env) => handlePostcallBatch(b as MessageBatch<PostcallJob>, env),
  'voicebot-postcall-dlq': (b, env) => handlePostcallDeadLetters(b as MessageBatch<PostcallJob>, env),
  'voicebot-lifecycle': (b, env) => handleLifecycleBatch(b as MessageBatch<LifecycleJob>, env),
  'voicebot-reminders': (b, env) => handleReminderBatch(b as MessageBatch<ReminderJob>, env),
};

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    const consume = consumers[batch.queue];
    if (!consume) {
      console.error(JSON.stringify({ msg: 'no consumer for queue', queue: batch.queue }));
      batch.retryAll();
      return;
    }
    await consume(batch as MessageBatch<never>, env);
  },
  scheduled: runScheduled,
} satisfies ExportedHandler<Env, IngestJob | PostcallJob | LifecycleJob | ReminderJob>;
