import { TTS as ElevenLabsTTS } from '@livekit/agents-plugin-elevenlabs';
import type { tts } from '@livekit/agents';
import { ProviderError } from '../errors.ts';
import { ensureAgentsLogger, envValue, type ProviderEnv } from '../env.ts';
import type { TtsRef } from './cartesia.ts';
import { resolveVoice } from './voices.ts';

/** eleven_flash_v2_5 is the low-latency multilingual model; eleven_multilingual_v2 sounds better but is slower. */
export const defaultElevenLabsOptions = { model: 'eleven_flash_v2_5', language: 'ru', encoding: 'pcm_22050' } as const;

/**
 * ElevenLabs through `@livekit/agents-plugin-elevenlabs` (WebSocket `multi-stream-input`, HTTP `/stream`;
 * `xi-api-key` header). `ELEVENLABS_BASE_URL` is the API root including `/v1`.
 */
export function createElevenLabsTts(ref: TtsRef, env: ProviderEnv, voice?: string): tts.TTS {
  const apiKey = envValue(env, 'ELEVENLABS_API_KEY');
  if (!apiKey) {
    throw new ProviderError('ELEVENLABS_API_KEY is not set', { provider: 'elevenlabs', kind: 'tts', retryable: false, fatal: true });
  }
  ensureAgentsLogger();
  const baseURL = envValue(env, 'ELEVENLABS_BASE_URL');
  return new ElevenLabsTTS({
    apiKey,
    voiceId: resolveVoice('elevenlabs', ref.voice ?? voice, env),
    model: ref.model ?? defaultElevenLabsOptions.model,
    language: ref.language ?? defaultElevenLabsOptions.language,
    encoding: defaultElevenLabsOptions.encoding,
    syncAlignment: false,
    enableLogging: false,
    ...(baseURL ? { baseURL } : {}),
  });
}
