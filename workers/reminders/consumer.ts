import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';
import { recordDeadLetter } from '../lib/queue.ts';
import { describeError } from '../lib/safe-error.ts';
import { dialReminder } from './dial.ts';
import type { ReminderJob } from './plan.ts';

const ReminderJobSchema = z.object({ reminderId: z.string().min(1), plannedAt: z.number().int().positive().optional() });
/** Tries of one message before it is kept as a dead letter (each dial failure is already a reminder try). */
export const MAX_MESSAGE_ATTEMPTS = 3;

/**
 * `voicebot-reminders` consumer: one dial per message, all of a batch at once (each waits for an answer). A thrown
 * error (D1 down) retries the message; the last try records a dead letter and marks the reminder failed.
 */
export async function handleReminderBatch(batch: MessageBatch<ReminderJob>, env: Env): Promise<void> {
  await Promise.all(batch.messages.map(async (msg) => {
    const job = ReminderJobSchema.safeParse(msg.body);
    if (!job.success) {
      await recordDeadLetter(env, batch.queue, msg, null, 'malformed reminder job');
      return msg.ack();
    }
    try {
      const result = await dialReminder(env, job.data.reminderId, Math.max(Date.now(), job.data.plannedAt ?? 0));
      console.log(JSON.stringify({ msg: 'reminder dial', reminderId: job.data.reminderId, result }));
      msg.ack();
    } catch (err) {
      const error = describeError(err);
      console.error(JSON.stringify({ msg: 'reminder dial failed', reminderId: job.data.reminderId, attempt: msg.attempts, error }));
      if (msg.attempts < MAX_MESSAGE_ATTEMPTS) return msg.retry({ delaySeconds: 60 * msg.attempts });
      const d = db(env.DB);
      const row = await d.select({ companyId: schema.reminders.companyId }).from(schema.reminders).where(eq(schema.reminders.id, job.data.reminderId)).get();
      await d.update(schema.reminders).set({ status: 'failed', lastError: error.slice(0, 300), updatedAt: Date.now() }).where(eq(schema.reminders.id, job.data.reminderId));
      await recordDeadLetter(env, batch.queue, msg, row?.companyId ?? null, `reminder dial failed ${msg.attempts} times: ${error}`);
      msg.ack();
    }
  }));
}
