import type { stt, tts } from '@livekit/agents';
import { metrics as defaultMetrics } from '../ops/metrics.ts';
import { type ProviderKind, toProviderError } from './errors.ts';
import type { ProviderHealth } from './health.ts';

/** Where provider errors are counted (the ops metrics registry by default). */
export interface ErrorSink {
  providerError(kind: string, name: string): void;
}

/** Health key of a provider: `stt:deepgram`, `tts:cartesia`, `llm:groq`… */
export function healthKey(kind: ProviderKind, name: string): string {
  return `${kind}:${name}`;
}

interface EmitterLike {
  on(event: 'error', fn: (ev: { error: Error; recoverable: boolean }) => void): unknown;
  on(event: 'metrics_collected', fn: (m: { audioDurationMs?: number }) => void): unknown;
}

/**
 * Feed a LiveKit STT/TTS instance's events into ProviderHealth and the error counter:
 * unrecoverable errors → markFailure (401/403 become fatal via ProviderError), metrics with real audio → markSuccess.
 */
export function trackHealth(
  instance: stt.STT | tts.TTS,
  kind: ProviderKind,
  name: string,
  health: ProviderHealth,
  sink: ErrorSink = defaultMetrics,
): void {
  const key = healthKey(kind, name);
  health.register(key);
  const emitter = instance as unknown as EmitterLike;
  emitter.on('error', (ev) => {
    if (ev.recoverable) return;
    health.markFailure(key, toProviderError(name, kind, ev.error));
    sink.providerError(kind, name);
  });
  emitter.on('metrics_collected', (m) => {
    if ((m.audioDurationMs ?? 0) > 0) health.markSuccess(key);
  });
}
