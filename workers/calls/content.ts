import { z } from 'zod';
import type { CallResult } from '../../core/call-result.ts';
import type { schema } from '../db/client.ts';

type CallRow = typeof schema.calls.$inferSelect;

/**
 * A call's bulky, rarely read part — transcript and per-turn metrics — as one JSON object in the CALLS bucket.
 * D1 keeps what is filtered and aggregated (times, numbers, outcome, fields, per-turn latencies).
 */
export const CallDocumentSchema = z.object({
  v: z.literal(1),
  call_id: z.string(),
  company_id: z.string(),
  transcript: z.array(z.unknown()),
  metrics: z.array(z.unknown()),
});
export type CallDocument = z.infer<typeof CallDocumentSchema>;

/** Every R2 object of a company's calls lives under this prefix (transcripts; see recordingPrefix for audio). */
export const companyCallsPrefix = (companyId: string) => `calls/${companyId}/`;

/**
 * `calls/{company}/{yyyy}/{mm}/{call}.json`, month of `started_at` in UTC: listing a month of a company is one prefix.
 * @example callDocumentKey('cmp_1', 'call-42', Date.parse('2026-11-20T09:00:00Z')) // 'calls/cmp_1/2026/11/call-42.json'
 */
export function callDocumentKey(companyId: string, callId: string, startedAt: number): string {
  const d = new Date(startedAt);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${companyCallsPrefix(companyId)}${d.getUTCFullYear()}/${mm}/${callId}.json`;
}

/** The document for a CallResult (arrays exactly as posted, so the API answers with the same JSON as before). */
export const callDocument = (result: CallResult, companyId: string): CallDocument => ({
  v: 1,
  call_id: result.call_id,
  company_id: companyId,
  transcript: result.turns,
  metrics: result.metrics,
});

/** Per-turn `total_ms`, the only part of the metrics analytics reads. */
export const latenciesOf = (metrics: readonly unknown[]): number[] =>
  metrics.flatMap((m) => {
    const total = (m as { total_ms?: unknown } | null)?.total_ms;
    return typeof total === 'number' && total >= 0 ? [total] : [];
  });

export async function putCallDocument(bucket: R2Bucket, key: string, doc: CallDocument): Promise<void> {
  await bucket.put(key, JSON.stringify(doc), { httpMetadata: { contentType: 'application/json; charset=utf-8' } });
}

/** The stored object is missing or unreadable: D1 and R2 disagree. */
export class CallContentMissingError extends Error {
  readonly retryable = true;
  constructor(readonly key: string) {
    super(`call document ${key} is missing`);
    this.name = 'CallContentMissingError';
  }
}

/**
 * The row with `transcriptJson` / `metricsJson` filled from R2 (rows still inline are returned as they are),
 * so every reader of the old columns keeps working unchanged.
 * @throws CallContentMissingError when the row names an object that is not there.
 */
export async function hydrateCallRow(bucket: R2Bucket, row: CallRow): Promise<CallRow> {
  if (!row.transcriptKey) return row;
  const obj = await bucket.get(row.transcriptKey);
  if (!obj) throw new CallContentMissingError(row.transcriptKey);
  const parsed = CallDocumentSchema.safeParse(await obj.json().catch(() => null));
  if (!parsed.success) throw new CallContentMissingError(row.transcriptKey);
  return { ...row, transcriptJson: JSON.stringify(parsed.data.transcript), metricsJson: JSON.stringify(parsed.data.metrics) };
}
