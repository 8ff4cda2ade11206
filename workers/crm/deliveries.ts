import { and, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Env } from '../env.ts';
import { schema, type Db } from '../db/client.ts';
import { newId } from '../lib/ids.ts';
import { describeError } from '../lib/safe-error.ts';
import { recordingLink } from '../calls/recording-link.ts';
import type { CallRow } from '../postcall/call-facts.ts';
import { callLink } from '../postcall/deliveries.ts';
import { clientFor, loadConnection } from './connections.ts';
import { crmFacts } from './facts.ts';
import { CrmError } from './http.ts';

export type CrmDeliveryRow = typeof schema.crmDeliveries.$inferSelect;
export type CrmAttempt = { outcome: 'delivered' | 'retry' | 'failed' | 'busy' | 'skipped'; retryAfterSeconds?: number };
/** One attempt at a time per delivery; longer than a full delivery with its paced requests and timeouts. */
const LEASE_MS = 120_000;

/** One delivery row per active CRM connection of the call's company; safe to repeat. Returns the pending ones. */
export async function ensureCrmDeliveries(d: Db, call: CallRow): Promise<CrmDeliveryRow[]> {
  const c = schema.crmConnections;
  const t = schema.crmDeliveries;
  const connections = await d.select({ kind: c.kind }).from(c).where(and(eq(c.companyId, call.companyId), eq(c.active, true))).all();
  const now = Date.now();
  for (const { kind } of connections) {
    await d.insert(t).values({ id: newId('crm'), companyId: call.companyId, callId: call.id, kind, updatedAt: now }).onConflictDoNothing();
  }
  return d.select().from(t).where(and(eq(t.callId, call.id), eq(t.status, 'pending'))).all();
}

async function send(env: Env, d: Db, row: CrmDeliveryRow, call: CallRow): Promise<void> {
  const conn = await loadConnection(d, row.companyId, row.kind);
  if (!conn?.active) throw new CrmError(`${row.kind} is disconnected`, false);
  const recording = call.recordingKey ? (await recordingLink(env, call.id, call.recordingKey, Date.now())).url : null;
  const facts = crmFacts(call, callLink(env, call.id), recording);
  const t = schema.crmDeliveries;
  const save = async (p: object) => void (await d.update(t).set({ progressJson: JSON.stringify(p), updatedAt: Date.now() }).where(eq(t.id, row.id)));
  const crm = await clientFor(d, env, conn);
  const progress = JSON.parse(row.progressJson);
  if (crm.kind === 'amocrm') await crm.client.deliver(facts, crm.settings, progress, save);
  else await crm.client.deliver(facts, crm.settings, progress, save);
}

/** One attempt of a stored delivery: claim (lease) → CRM steps not done yet → status. */
export async function attemptCrmDelivery(env: Env, d: Db, row: CrmDeliveryRow, call: CallRow, retryDelaySeconds: number): Promise<CrmAttempt> {
  const t = schema.crmDeliveries;
  const now = Date.now();
  const claimed = await d.update(t)
    .set({ attempts: sql`${t.attempts} + 1`, nextAttemptAt: now + LEASE_MS, lastError: null, updatedAt: now })
    .where(and(eq(t.id, row.id), eq(t.status, 'pending'), or(isNull(t.nextAttemptAt), lte(t.nextAttemptAt, now), isNotNull(t.lastError))))
    .returning({ attempts: t.attempts, progressJson: t.progressJson })
    .get();
  if (!claimed) {
    const current = await d.select({ status: t.status }).from(t).where(eq(t.id, row.id)).get();
    return { outcome: current?.status === 'pending' ? 'busy' : 'skipped' };
  }
  try {
    await send(env, d, { ...row, progressJson: claimed.progressJson }, call);
    const done = Date.now();
    await d.update(t).set({ status: 'delivered', deliveredAt: done, lastError: null, nextAttemptAt: null, updatedAt: done }).where(eq(t.id, row.id));
    return { outcome: 'delivered' };
  } catch (e) {
    const retryable = e instanceof CrmError ? e.retryable : !(e instanceof Error && e.name === 'SecretKeyMissing');
    const error = e instanceof CrmError ? `${row.kind}: ${e.message}` : `${row.kind}: ${describeError(e)}`;
    const retryAfter = e instanceof CrmError ? e.retryAfterSeconds : undefined;
    const done = Date.now();
    const wait = Math.max(retryDelaySeconds, retryAfter ?? 0);
    await d.update(t).set({ status: retryable ? 'pending' : 'failed', lastError: error, nextAttemptAt: retryable ? done + wait * 1000 : null, updatedAt: done }).where(eq(t.id, row.id));
    console.warn(JSON.stringify({ msg: 'crm delivery failed', id: row.id, kind: row.kind, attempt: claimed.attempts, error }));
    return retryable ? { outcome: 'retry', ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}) } : { outcome: 'failed' };
  }
}

/** The CRM deliveries of a processed call: rows made once, each pending one attempted. */
export async function deliverToCrms(env: Env, d: Db, call: CallRow, retryDelaySeconds: number): Promise<CrmAttempt[]> {
  const pending = await ensureCrmDeliveries(d, call);
  return Promise.all(pending.map((row) => attemptCrmDelivery(env, d, row, call, retryDelaySeconds)));
}

/** After the queue gave up: the call's pending CRM deliveries become `failed`; returns why, for the dead letter. */
export async function failPendingCrmDeliveries(d: Db, callId: string): Promise<string[]> {
  const t = schema.crmDeliveries;
  const failed = await d.update(t).set({ status: 'failed', nextAttemptAt: null, updatedAt: Date.now() })
    .where(and(eq(t.callId, callId), eq(t.status, 'pending')))
    .returning({ id: t.id, kind: t.kind, attempts: t.attempts, lastError: t.lastError })
    .all();
  return failed.map((f) => `${f.kind} delivery ${f.id} failed after ${f.attempts} attempts (${f.lastError ?? 'no response'})`);
}
