import { asc, and, eq, gt, isNull } from 'drizzle-orm';
import { callDocumentKey, latenciesOf, putCallDocument } from '../calls/content.ts';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';

const BATCH = 100;

function parseArray(text: string | null): unknown[] {
  try {
    const v: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/**
 * One step of the one-off move of inline transcripts to R2: up to {@link BATCH} rows still inline (after `afterId`,
 * in id order) get their transcript and metrics written to R2, then the row is pointed at the object and its inline
 * columns emptied. Safe to repeat: the update only applies to a row still inline, and re-putting an object is harmless.
 * Returns the last id seen (the next step's `afterId`) or null when nothing is left.
 */
export async function migrateTranscriptsStep(env: Pick<Env, 'DB' | 'CALLS'>, afterId?: string): Promise<{ migrated: number; next: string | null }> {
  const d = db(env.DB);
  const t = schema.calls;
  const rows = await d.select({ id: t.id, companyId: t.companyId, startedAt: t.startedAt, transcriptJson: t.transcriptJson, metricsJson: t.metricsJson })
    .from(t).where(and(isNull(t.transcriptKey), afterId ? gt(t.id, afterId) : undefined)).orderBy(asc(t.id)).limit(BATCH).all();
  let migrated = 0;
  for (const row of rows) {
    const key = callDocumentKey(row.companyId, row.id, row.startedAt);
    const transcript = parseArray(row.transcriptJson);
    const metrics = parseArray(row.metricsJson);
    await putCallDocument(env.CALLS, key, { v: 1, call_id: row.id, company_id: row.companyId, transcript, metrics });
    const done = await d.update(t)
      .set({ transcriptKey: key, transcriptJson: '[]', metricsJson: '[]', latenciesJson: JSON.stringify(latenciesOf(metrics)) })
      .where(and(eq(t.id, row.id), isNull(t.transcriptKey))).returning({ id: t.id }).all();
    migrated += done.length;
    // Erased (or migrated by another run to another key) meanwhile: do not leave an object behind.
    if (done.length === 0) {
      const now = await d.select({ key: t.transcriptKey }).from(t).where(eq(t.id, row.id)).get();
      if (now?.key !== key) await env.CALLS.delete(key);
    }
  }
  return { migrated, next: rows.length === BATCH ? rows[rows.length - 1]!.id : null };
}
