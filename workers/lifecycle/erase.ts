import { inArray, sql } from 'drizzle-orm';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { IDS_PER_STATEMENT, slices } from '../lib/d1-params.ts';

/** What erasing a call needs to know: its id and the R2 objects it names. */
export type ErasableCall = { id: string; transcriptKey: string | null; recordingKey: string | null };


/**
 * Deletes calls everywhere: their R2 objects first (transcript, recording), then in one D1 batch every row that
 * names them — webhook attempts and deliveries (their payloads carry the caller's number and fields), the
 * booking/lead record, post-call dead letters, the call — and unlinks a calendar appointment the call made. R2 goes first so a failure part-way leaves the D1 row,
 * and the next run (retention, or the DELETE repeated) finds it and finishes the job.
 */
export async function eraseCalls(env: Pick<Env, 'DB' | 'CALLS'>, calls: readonly ErasableCall[]): Promise<number> {
  if (calls.length === 0) return 0;
  const keys = calls.flatMap((c) => [c.transcriptKey, c.recordingKey]).filter((k): k is string => !!k);
  for (let i = 0; i < keys.length; i += 1000) await env.CALLS.delete(keys.slice(i, i + 1000));
  const d = db(env.DB);
  for (const slice of slices(calls, IDS_PER_STATEMENT)) {
    const ids = slice.map((c) => c.id);
    const wd = schema.webhookDeliveries;
    const deliveries = d.select({ id: wd.id }).from(wd).where(inArray(wd.callId, ids));
    await d.batch([
      d.delete(schema.webhookAttempts).where(inArray(schema.webhookAttempts.deliveryId, deliveries)),
      d.delete(wd).where(inArray(wd.callId, ids)),
      d.delete(schema.bookings).where(inArray(schema.bookings.callId, ids)),
      d.delete(schema.leads).where(inArray(schema.leads.callId, ids)),
      d.delete(schema.notificationDeliveries).where(inArray(schema.notificationDeliveries.callId, ids)),
      d.delete(schema.crmDeliveries).where(inArray(schema.crmDeliveries.callId, ids)),
      d.delete(schema.deadLetters).where(sql`json_extract(${schema.deadLetters.bodyJson}, '$.callId') in ${ids}`),
      // An appointment the call made stays (the business's record of a visit, erased through its own API); it just
      // stops naming the call — its idempotency key carries the call id too.
      d.update(schema.calendarBookings).set({ callId: null, idempotencyKey: null }).where(inArray(schema.calendarBookings.callId, ids)),
      d.insert(schema.erasedCalls).values(await Promise.all(ids.map(async (id) => ({ idHash: await sha256Hex(id) })))).onConflictDoNothing(),
      d.delete(schema.calls).where(inArray(schema.calls.id, ids)),
    ]);
  }
  return calls.length;
}
