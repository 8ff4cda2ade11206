// Placeholder until the post-call consumer lands: keep messages (retry), never drop them.
import type { Env, PostcallJob } from '../env.ts';

export async function handlePostcallBatch(batch: MessageBatch<PostcallJob>, _env: Env): Promise<void> {
  batch.retryAll({ delaySeconds: 60 });
}
export async function handlePostcallDeadLetters(batch: MessageBatch<PostcallJob>, _env: Env): Promise<void> {
  batch.retryAll({ delaySeconds: 60 });
}
