import { createRequire } from 'node:module';
import type { ipc } from '@livekit/agents';

/** The EOT method id agents-js registers its local runner under (inference/eot/runner.ts). */
const EOT_METHOD = 'lk_eot_audio';

interface LocalInference {
  initEot(): void;
  predict(pcm: Int16Array): Promise<number>;
}

/**
 * An inference executor that runs the end-of-turn model of `@livekit/local-inference` (the binary
 * agents-js's `turn-detector-v1-mini` uses) in this process, answering the same requests the job's
 * shared inference process answers. For the audio harness and benchmarks, which run without a
 * LiveKit worker; a production job uses `getJobContext().inferenceExecutor`.
 */
export function inProcessEotExecutor(): ipc.InferenceExecutor {
  // Resolved from @livekit/agents (whose dependency it is), as agents-js itself loads it.
  const requireFromAgents = createRequire(createRequire(import.meta.url).resolve('@livekit/agents'));
  const mod = requireFromAgents('@livekit/local-inference') as LocalInference;
  mod.initEot();
  void mod.predict(new Int16Array(16_000)); // the first prediction pays a one-off warm-up
  return {
    async doInference(method: string, data: unknown): Promise<unknown> {
      if (method !== EOT_METHOD) throw new Error(`in-process executor: unknown inference method ${method}`);
      const bytes = Buffer.from((data as { pcm: string }).pcm, 'base64');
      const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 2));
      const t0 = performance.now();
      const probability = await mod.predict(pcm);
      return { probability, inferenceDurationMs: performance.now() - t0 };
    },
  };
}
