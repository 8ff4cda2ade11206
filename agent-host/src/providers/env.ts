import { initializeLogger, log } from '@livekit/agents';

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
  [key: string]: string | undefined;
}

/** Read a non-empty env value. */
export function envValue(env: ProviderEnv, key: keyof ProviderEnv & string): string | undefined {
  const v = env[key]?.trim();
  return v ? v : undefined;
}

/** The LiveKit plugins log through the agents logger, which must exist before they are constructed. */
export function ensureAgentsLogger(): void {
  try {
    log();
  } catch {
    initializeLogger({ pretty: false, level: process.env.LOG_LEVEL ?? 'warn' });
  }
}
