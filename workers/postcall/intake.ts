import { and, eq, isNull } from 'drizzle-orm';
import type { CallResult } from '../../core/call-result.ts';
import { schema, type Db } from '../db/client.ts';
import { callDocument, callDocumentKey, latenciesOf, putCallDocument } from '../calls/content.ts';
import type { CallRow } from './call-facts.ts';

export type BotRef = Pick<typeof schema.bots.$inferSelect, 'id' | 'companyId' | 'slug'>;

/** Resolves a CallResult's `bot_id`: the internal id, or a slug that exactly one live bot uses. */
export async function resolveCallBot(d: Db, botId: string): Promise<{ bot: BotRef } | { error: 'not_found' | 'ambiguous' }> {
  const b = schema.bots;
  // Deleted bots still own their calls: a call that ended just after a delete must not be lost.
  const byId = await d.select({ id: b.id, companyId: b.companyId, slug: b.slug }).from(b).where(eq(b.id, botId)).get();
  if (byId) return { bot: byId };
  const bySlug = await d.select({ id: b.id, companyId: b.companyId, slug: b.slug }).from(b)
    .where(and(eq(b.slug, botId), isNull(b.deletedAt))).limit(2).all();
  if (bySlug.length > 1) return { error: 'ambiguous' };
  return bySlug[0] ? { bot: bySlug[0] } : { error: 'not_found' };
}

/** The `calls` row for a CallResult: transcript, fields and per-turn timings as JSON columns. */
export function callRowValues(result: CallResult, bot: BotRef): typeof schema.calls.$inferInsert {
  const startedAt = Date.parse(result.started_at);
  const endedAt = Date.parse(result.ended_at);
  return {
    id: result.call_id,
    companyId: bot.companyId,
    botId: bot.id,
    startedAt,
    endedAt,
    durationMs: Math.max(0, endedAt - startedAt),
    callerNumber: result.caller_number,
    calledNumber: result.called_number,
    direction: result.direction,
    channel: result.channel,
    status: 'received',
    endedBy: result.ended_by,
    scenario: result.scenario,
    outcome: result.outcome,
    turnCount: result.turns.length,
    transcriptJson: JSON.stringify(result.turns),
    fieldsJson: JSON.stringify(result.fields),
    metricsJson: JSON.stringify(result.metrics),
    recordingKey: result.recording_key ?? null,
  };
}

/**
 * Stores the call once. A repeated post of the same `call_id` inserts nothing and returns the stored row
 * with `created: false` (the caller decides whether it belongs to the same company).
 * With `bucket` (the CALLS R2 bucket) the transcript and turn metrics go to R2 first, the row names the object;
 * without it they stay inline in the row (the pre-R2 layout, still read everywhere).
 */
export async function storeCall(d: Db, result: CallResult, bot: BotRef, bucket?: R2Bucket): Promise<{ created: boolean; row: CallRow }> {
  const values = callRowValues(result, bot);
  let key: string | undefined;
  if (bucket) {
    key = callDocumentKey(bot.companyId, result.call_id, values.startedAt);
    await putCallDocument(bucket, key, callDocument(result, bot.companyId));
    Object.assign(values, { transcriptKey: key, transcriptJson: '[]', metricsJson: '[]', latenciesJson: JSON.stringify(latenciesOf(result.metrics)) });
  }
  const inserted = await d.insert(schema.calls).values(values).onConflictDoNothing().returning().get();
  if (inserted) return { created: true, row: inserted };
  const existing = await d.select().from(schema.calls).where(eq(schema.calls.id, result.call_id)).get();
  // A repeat under another company or month wrote an object nobody points to.
  if (bucket && key && existing!.transcriptKey !== key) await bucket.delete(key);
  return { created: false, row: existing! };
}
