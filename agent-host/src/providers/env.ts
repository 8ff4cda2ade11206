import { initializeLogger, log } from '@livekit/agents';
import { ProviderError, type ProviderKind } from './errors.ts';

/**
 * Secrets and endpoints of the speech providers, read from the process environment.
 * `*_BASE_URL` overrides exist for self-hosted gateways and for the protocol-server tests.
 */
export interface ProviderEnv {
  DEEPGRAM_API_KEY?: string;
  DEEPGRAM_BASE_URL?: string;
  WHISPER_URL?: string;
  WHISPER_API_KEY?: string;
  CARTESIA_API_KEY?: string;
  CARTESIA_BASE_URL?: string;
  ELEVENLABS_API_KEY?: string;
  ELEVENLABS_BASE_URL?: string;
  /** Path of the espeak-ng binary (default `espeak-ng` from PATH). */
  ESPEAK_BIN?: string;
  /** Yandex Cloud: a service account API key, or an IAM token + folder id (SpeechKit, YandexGPT). */
  YANDEX_API_KEY?: string;
  YANDEX_IAM_TOKEN?: string;
  YANDEX_FOLDER_ID?: string;
  /** gRPC endpoints, `host:port` (TLS) or `http://host:port` (plaintext, tests). */
  YANDEX_STT_ENDPOINT?: string;
  YANDEX_TTS_ENDPOINT?: string;
  /** Sber: the "authorization key" (Base64 client_id:client_secret) from the SaluteSpeech project, and its scope. */
  SALUTE_AUTH_KEY?: string;
  SALUTE_SCOPE?: string;
  SALUTE_OAUTH_URL?: string;
  SALUTE_ENDPOINT?: string;
  /** Self-hosted OpenAI-compatible `/v1/audio/speech` server (Piper/Silero voices). */
  OPENAI_TTS_URL?: string;
  OPENAI_TTS_API_KEY?: string;
  OPENAI_TTS_MODEL?: string;
  OPENAI_TTS_SAMPLE_RATE?: string;
  [key: string]: string | undefined;
}

/** Read a non-empty env value. */
export function envValue(env: ProviderEnv, key: keyof ProviderEnv & string): string | undefined {
  const v = env[key]?.trim();
  return v ? v : undefined;
}

/**
 * A setting a provider cannot start without; missing → a fatal config error naming the variable.
 * @example const apiKey = requireEnv(env, 'DEEPGRAM_API_KEY', 'deepgram', 'stt');
 */
export function requireEnv(env: ProviderEnv, key: keyof ProviderEnv & string, provider: string, kind: ProviderKind): string {
  const v = envValue(env, key);
  if (!v) throw new ProviderError(`${key} is not set`, { provider, kind, retryable: false, fatal: true });
  return v;
}

/** The LiveKit plugins log through the agents logger, which must exist before they are constructed. */
export function ensureAgentsLogger(): void {
  try {
    log();
  } catch {
    initializeLogger({ pretty: false, level: process.env.LOG_LEVEL ?? 'warn' });
  }
}
