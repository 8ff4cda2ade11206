// Placeholder until the knowledge ingest consumer lands: keep messages (retry), never drop them.
import type { Env, IngestJob } from '../env.ts';

export async function handleIngestBatch(batch: MessageBatch<IngestJob>, _env: Env): Promise<void> {
  batch.retryAll({ delaySeconds: 60 });
}
export async function handleIngestDeadLetters(batch: MessageBatch<IngestJob>, _env: Env): Promise<void> {
  batch.retryAll({ delaySeconds: 60 });
}
