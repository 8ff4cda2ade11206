import { STT as OpenAISTT } from '@livekit/agents-plugin-openai';
import type { stt } from '@livekit/agents';
import { ensureAgentsLogger, envValue, requireEnv, type ProviderEnv } from '../env.ts';
import type { SttRef } from './deepgram.ts';

export const defaultWhisperOptions = { model: 'large-v3', language: 'ru' } as const;

/** `WHISPER_URL` may be the server root or already end in `/v1`; the OpenAI client wants the `/v1` root. */
export function whisperBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

/**
 * Whisper on any OpenAI-compatible server (`POST /v1/audio/transcriptions`, multipart `file` + `model` +
 * `language`): faster-whisper-server, whisper.cpp server, OpenAI itself. Not streaming: the chain wraps
 * it with LiveKit's VAD-driven `stt.StreamAdapter`, so each caller phrase is sent as one WAV.
 */
export function createWhisperStt(ref: SttRef, env: ProviderEnv): stt.STT {
  const url = requireEnv(env, 'WHISPER_URL', 'whisper', 'stt');
  ensureAgentsLogger();
  return new OpenAISTT({
    baseURL: whisperBaseUrl(url),
    // self-hosted servers usually ignore the key, but the OpenAI client refuses to start without one
    apiKey: envValue(env, 'WHISPER_API_KEY') ?? 'no-key',
    model: ref.model ?? defaultWhisperOptions.model,
    language: ref.language ?? defaultWhisperOptions.language,
    useRealtime: false,
    detectLanguage: false,
  });
}
