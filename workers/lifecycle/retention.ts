import { and, asc, eq, lt } from 'drizzle-orm';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';
import { eraseCalls } from './erase.ts';

/** Days a company's calls are kept when it has not chosen (personal data: keep no longer than needed). */
export const DEFAULT_RETENTION_DAYS = 180;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 86_400_000;

/** Calls erased per round, and rounds per queue message: a message stays well inside a consumer's limits. */
const ROUND = 200;
const ROUNDS_PER_RUN = 5;

/** The company's retention in days (its own setting or the default); null when the company does not exist. */
export async function retentionDaysOf(env: Pick<Env, 'DB'>, companyId: string): Promise<number | null> {
  const row = await db(env.DB).select({ days: schema.companies.retentionDays }).from(schema.companies)
    .where(eq(schema.companies.id, companyId)).get();
  return row ? (row.days ?? DEFAULT_RETENTION_DAYS) : null;
}

/** Calls that started before this instant are past retention. */
export const retentionCutoff = (now: number, days: number) => now - days * DAY_MS;

/**
 * Erases (D1 and R2) the company's calls that started more than its retention ago, oldest first, up to
 * `ROUND × ROUNDS_PER_RUN` calls; `more` says another run is needed.
 */
export async function enforceRetention(env: Pick<Env, 'DB' | 'CALLS'>, companyId: string, now: number): Promise<{ erased: number; more: boolean }> {
  const days = await retentionDaysOf(env, companyId);
  if (days === null) return { erased: 0, more: false };
  const cutoff = retentionCutoff(now, days);
  const t = schema.calls;
  let erased = 0;
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    const expired = await db(env.DB).select({ id: t.id, transcriptKey: t.transcriptKey, recordingKey: t.recordingKey }).from(t)
      .where(and(eq(t.companyId, companyId), lt(t.startedAt, cutoff))).orderBy(asc(t.startedAt)).limit(ROUND).all();
    erased += await eraseCalls(env, expired);
    if (expired.length < ROUND) return { erased, more: false };
  }
  return { erased, more: true };
}
