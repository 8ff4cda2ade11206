import { STT as DeepgramSTT } from '@livekit/agents-plugin-deepgram';
import type { stt } from '@livekit/agents';
import { ensureAgentsLogger, envValue, requireEnv, type ProviderEnv } from '../env.ts';

/** Provider entry from the bot config (`providers.stt[]`). */
export interface SttRef {
  model?: string;
  language?: string;
}

/** nova-2 has the broadest Russian support; nova-3 also takes `ru`. 16 kHz PCM matches telephony after LiveKit resampling. */
export const defaultDeepgramOptions = { model: 'nova-2', language: 'ru', sampleRate: 16_000, endpointingMs: 300 } as const;

/**
 * Deepgram live transcription through `@livekit/agents-plugin-deepgram`
 * (WebSocket `/v1/listen?model=…&language=ru&encoding=linear16…`, `Authorization: Token <key>`).
 * `DEEPGRAM_BASE_URL` (ws(s)://host) points it at a proxy or a test server. `hints` go as `keyterm` (Nova-3) or
 * boosted `keywords` (older models).
 */
export function createDeepgramStt(ref: SttRef, env: ProviderEnv, inputSampleRate?: number, hints?: readonly string[]): stt.STT {
  const apiKey = requireEnv(env, 'DEEPGRAM_API_KEY', 'deepgram', 'stt');
  ensureAgentsLogger();
  const baseUrl = envValue(env, 'DEEPGRAM_BASE_URL');
  const model = ref.model ?? defaultDeepgramOptions.model;
  // keyterm prompting is a Nova-3 feature; older models take boosted keywords
  const vocabulary = hints?.length ? (model.startsWith('nova-3') ? { keyterm: [...hints] } : { keywords: hints.map((h): [string, number] => [h, 2]) }) : {};
  return new DeepgramSTT({
    apiKey,
    model,
    language: ref.language ?? defaultDeepgramOptions.language,
    // linear16 at any rate: 8 kHz phone audio goes as it is instead of being upsampled
    sampleRate: inputSampleRate === 8_000 || inputSampleRate === 16_000 ? inputSampleRate : defaultDeepgramOptions.sampleRate,
    endpointing: defaultDeepgramOptions.endpointingMs,
    interimResults: true,
    punctuate: true,
    smartFormat: true,
    ...vocabulary,
    ...(baseUrl ? { baseUrl: baseUrl.replace(/^http/, 'ws') } : {}),
  });
}
