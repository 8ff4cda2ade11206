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
  on(event: 'metrics_collected', fn: (m: { audioDurationMs?: number; timestamp?: number; durationMs?: number }) => void): unknown;
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
  let lastFailureAt = 0;
  emitter.on('error', (ev) => {
    if (ev.recoverable) return;
    lastFailureAt = Date.now();
    health.markFailure(key, toProviderError(name, kind, ev.error));
    sink.providerError(kind, name);
  });
  emitter.on('metrics_collected', (m) => {
    if ((m.audioDurationMs ?? 0) <= 0) return;
    // metrics arrive when a request finishes: one that started before the last failure must not end its cool-down
    const startedAt = (m.timestamp ?? Date.now()) - (m.durationMs ?? 0);
    if (startedAt < lastFailureAt) return;
    health.markSuccess(key);
  });
}
