import type { Env } from '../env.ts';
import { markDocFailed } from './ingest.ts';
import { STALE_DOC_MS } from './service.ts';

/** A stuck doc is queued again at most this many times (counting its first attempts) before it fails. */
export const MAX_SWEEP_ATTEMPTS = 3;
const BATCH = 100;

interface StaleDoc {
  id: string;
  bot_id: string;
  company_id: string;
  attempts: number;
}

/**
 * Cron job: documents left `pending`/`processing` for STALE_DOC_MS (a lost message, an isolate that died
 * mid-parse) are queued again, or failed with a reason once they have used MAX_SWEEP_ATTEMPTS attempts.
 * Returns how many docs were re-queued and failed.
 */
export async function sweepStaleDocs(env: Env, now: number): Promise<{ requeued: number; failed: number }> {
  const { results } = await env.DB.prepare(
    "SELECT id, bot_id, company_id, attempts FROM knowledge_docs WHERE status IN ('pending', 'processing') AND updated_at < ? ORDER BY updated_at LIMIT ?",
  ).bind(now - STALE_DOC_MS, BATCH).all<StaleDoc>();
  let requeued = 0;
  let failed = 0;
  for (const doc of results) {
    if (doc.attempts >= MAX_SWEEP_ATTEMPTS) {
      await markDocFailed(env, doc.id, `Файл не удалось проиндексировать за ${doc.attempts} попыток — разделите его на части или загрузите снова (indexing kept stalling).`);
      failed++;
      continue;
    }
    // Back to pending and fresh, so the next sweep leaves it alone while the new message waits in the queue.
    const touched = await env.DB.prepare("UPDATE knowledge_docs SET status = 'pending', updated_at = ? WHERE id = ? AND status IN ('pending', 'processing')")
      .bind(now, doc.id).run();
    if (!touched.meta.changes) continue;
    await env.INGEST_QUEUE.send({ docId: doc.id, botId: doc.bot_id, companyId: doc.company_id });
    requeued++;
  }
  return { requeued, failed };
}
