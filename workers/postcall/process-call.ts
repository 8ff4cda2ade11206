import { and, eq, ne } from 'drizzle-orm';
import { BotConfigSchema, type BotConfig } from '../../core/config/index.ts';
import type { Env, PostcallJob } from '../env.ts';
import { db, schema, type Db } from '../db/client.ts';
import { hydrateCallRow } from '../calls/content.ts';
import { provenOutcome } from './booking-proof.ts';
import { factsFromRow, type CallFacts, type CallRow } from './call-facts.ts';
import { ensureCallDeliveries } from './deliveries.ts';
import { extractOutcome, type Outcome } from './extract-outcome.ts';
import { llmOptionsFromEnv } from './llm.ts';
import { saveOutcomeRecord } from './records.ts';
import { generateSummary } from './summarize.ts';
import { attemptDelivery, DELIVERY_LEASE_MS, sendWebhook, type AttemptOutcome } from './webhook-sender.ts';
import { backoffSeconds } from '../lib/queue.ts';
import { deliverNotifications } from '../notify/deliveries.ts';
import { deliverToCrms } from '../crm/deliveries.ts';
import { applyReminderResult } from '../reminders/outcome.ts';

/**
 * Delay before queue retry number `attempt` (1-based): 30 s, 1 min, 2 min … capped at 2 h; with `max_retries = 19`
 * (wrangler.toml) a receiver that is down gets tries for about a day before the delivery fails.
 */
export const webhookBackoffSeconds = (attempt: number): number => backoffSeconds(attempt, { baseSeconds: 30, capSeconds: 7200 });

/** What the queue should do with the message: ack it, or retry after `delaySeconds`. */
export type ProcessResult = { action: 'ack' } | { action: 'retry'; delaySeconds: number; reason: string };

async function loadBotConfig(d: Db, botId: string): Promise<BotConfig | null> {
  const bot = await d.select({ configJson: schema.bots.configJson }).from(schema.bots).where(eq(schema.bots.id, botId)).get();
  if (!bot) return null;
  const parsed = BotConfigSchema.safeParse(JSON.parse(bot.configJson));
  return parsed.success ? parsed.data : null;
}

/** Summary, outcome extras and the booking/lead row; stored once — a processed call is not processed again. */
async function processOnce(env: Env, d: Db, row: CallRow): Promise<CallRow> {
  if (row.status === 'processed') return row;
  const t = schema.calls;
  await d.update(t).set({ status: 'processing' }).where(and(eq(t.id, row.id), eq(t.status, 'received')));
  const stored = factsFromRow(await hydrateCallRow(env.CALLS, row));
  // Rows stored before intake checked bookings (or by other means) are checked here too.
  const proven = await provenOutcome(env.DB, row.botId, row.id, stored.outcome, stored.fields);
  const facts = { ...stored, ...proven };
  const config = await loadBotConfig(d, row.botId);
  const llm = llmOptionsFromEnv(env);
  const [summary, outcome] = await Promise.all([generateSummary(facts, config, llm), extractOutcome(facts, config, llm)]);
  await saveOutcomeRecord(d, facts, outcome);
  await applyReminderResult(env.DB, facts);
  // Only the first finisher writes: a concurrent copy's (possibly different) LLM summary is dropped.
  await d.update(t)
    .set({
      summary: summary.summary,
      extractedJson: outcome.extracted ? JSON.stringify(outcome.extracted) : null,
      ...(proven.outcome === stored.outcome ? {} : { outcome: proven.outcome, fieldsJson: JSON.stringify(proven.fields) }),
      status: 'processed',
      processedAt: Date.now(),
      processingError: null,
    })
    .where(and(eq(t.id, row.id), ne(t.status, 'processed')));
  return (await d.select().from(t).where(eq(t.id, row.id)).get())!;
}

function decide(outcomes: AttemptOutcome[], attempt: number, minDelaySeconds = 0): ProcessResult {
  if (outcomes.includes('retry')) return { action: 'retry', delaySeconds: Math.max(webhookBackoffSeconds(attempt), minDelaySeconds), reason: 'webhook, notification or CRM delivery failed' };
  // Another copy of this message is mid-attempt: look again after its lease, in case it dies.
  if (outcomes.includes('busy')) return { action: 'retry', delaySeconds: Math.ceil(DELIVERY_LEASE_MS / 1000), reason: 'delivery in progress elsewhere' };
  return { action: 'ack' };
}

/**
 * Handles one post-call job: `{ callId }` processes the call and sends its pending webhooks;
 * `{ callId, deliveryId }` (manual redelivery) sends only that delivery. Instant notifications (Telegram, SMS) ride on the
 * same job and its retries. `attempt` is the queue's
 * 1-based delivery count of the message. Safe to run again for the same message.
 */
export async function processCall(env: Env, job: PostcallJob, attempt = 1): Promise<ProcessResult> {
  const d = db(env.DB);
  const row = await d.select().from(schema.calls).where(eq(schema.calls.id, job.callId)).get();
  if (!row) {
    console.warn(JSON.stringify({ msg: 'postcall job for unknown call', callId: job.callId }));
    return { action: 'ack' };
  }
  const delay = webhookBackoffSeconds(attempt);
  if (job.deliveryId) {
    const t = schema.webhookDeliveries;
    const delivery = await d.select().from(t).where(and(eq(t.id, job.deliveryId), eq(t.callId, row.id))).get();
    if (!delivery || delivery.status !== 'pending') return { action: 'ack' };
    return decide([await attemptDelivery(env, delivery, delay)], attempt);
  }
  const processed = await processOnce(env, d, row);
  const pending = await ensureCallDeliveries(d, env, processed);
  const [outcomes, notified, crm] = await Promise.all([
    Promise.all(pending.map((delivery) => attemptDelivery(env, delivery, delay))),
    deliverNotifications(env, d, processed, delay),
    deliverToCrms(env, d, processed, delay),
  ]);
  const wait = Math.max(0, ...[...notified, ...crm].map((n) => n.retryAfterSeconds ?? 0));
  return decide([...outcomes, ...notified.map((n) => n.outcome), ...crm.map((c) => c.outcome)], attempt, wait);
}

/**
 * The seed's `PostCallProcessor` interface over the functions above, bound to one Worker env.
 * The queue consumer calls {@link processCall} directly; this class is for scripts and tests.
 */
export class PostCallProcessor {
  constructor(private readonly env: Env) {}

  /** Processes a stored call as its first queue delivery would. */
  process(callId: string): Promise<ProcessResult> {
    return processCall(this.env, { callId });
  }

  /** Russian summary of a call (LLM when configured, else the deterministic template). */
  async generateSummary(facts: CallFacts, config: BotConfig | null): Promise<string> {
    return (await generateSummary(facts, config, llmOptionsFromEnv(this.env))).summary;
  }

  /** Engine outcome and fields, plus validated LLM extras when configured. */
  extractOutcome(facts: CallFacts, config: BotConfig | null): Promise<Outcome> {
    return extractOutcome(facts, config, llmOptionsFromEnv(this.env));
  }

  /** One signed POST of an event body; true on 2xx. */
  async sendWebhook(event: { id: string } & Record<string, unknown>, webhook: { url: string; secret: string }): Promise<boolean> {
    return (await sendWebhook(this.env, webhook, event.id, JSON.stringify(event))).ok;
  }
}
