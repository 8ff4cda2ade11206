import { TTS as ElevenLabsTTS, type TTSOptions as ElevenLabsOptions } from '@livekit/agents-plugin-elevenlabs';
import type { tts } from '@livekit/agents';
import { ProviderError, providerErrorFromStatus } from '../errors.ts';
import { ensureAgentsLogger, envValue, requireEnv, type ProviderEnv } from '../env.ts';
import type { TtsRef } from './cartesia.ts';
import { resolveVoice } from './voices.ts';

/** eleven_flash_v2_5 is the low-latency multilingual model; eleven_multilingual_v2 sounds better but is slower. */
export const defaultElevenLabsOptions = { model: 'eleven_flash_v2_5', language: 'ru', encoding: 'pcm_22050', keyCheckTimeoutMs: 3_000 } as const;

const DEFAULT_API_ROOT = 'https://api.elevenlabs.io/v1';

/**
 * ElevenLabs through `@livekit/agents-plugin-elevenlabs` (WebSocket `multi-stream-input`, HTTP `/stream`;
 * `xi-api-key` header). `ELEVENLABS_BASE_URL` is the API root including `/v1`.
 */
export function createElevenLabsTts(ref: TtsRef, env: ProviderEnv, voice?: string): tts.TTS {
  const apiKey = requireEnv(env, 'ELEVENLABS_API_KEY', 'elevenlabs', 'tts');
  ensureAgentsLogger();
  const baseURL = envValue(env, 'ELEVENLABS_BASE_URL');
  return new KeyCheckedElevenLabsTTS({
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

type TtsErrorEvent = Parameters<tts.TTSCallbacks['error']>[0];

/**
 * The plugin reports a refused WebSocket upgrade only as "could not connect to ElevenLabs", losing the
 * HTTP status. When a connection fails, this asks `GET /voices` (same key, same API root) why: a 401/403
 * there turns the reported error into a fatal ProviderError naming ELEVENLABS_API_KEY, so health tracking
 * marks the provider unavailable instead of cooling it down and retrying a bad key on every turn.
 */
class KeyCheckedElevenLabsTTS extends ElevenLabsTTS {
  readonly #apiKey: string;
  readonly #apiRoot: string;
  #rejection: ProviderError | undefined;

  constructor(opts: ElevenLabsOptions & { apiKey: string }) {
    super(opts);
    this.#apiKey = opts.apiKey;
    this.#apiRoot = opts.baseURL ?? DEFAULT_API_ROOT;
  }

  override async currentConnection(): ReturnType<ElevenLabsTTS['currentConnection']> {
    try {
      return await super.currentConnection();
    } catch (e) {
      this.#rejection ??= await this.#diagnose();
      throw e;
    }
  }

  override emit<E extends keyof tts.TTSCallbacks>(event: E, ...args: Parameters<tts.TTSCallbacks[E]>): boolean {
    if (event === 'error' && this.#rejection) {
      const ev = args[0] as TtsErrorEvent;
      return super.emit('error', { ...ev, error: this.#rejection, recoverable: false });
    }
    return super.emit(event, ...args);
  }

  async #diagnose(): Promise<ProviderError | undefined> {
    try {
      const res = await fetch(`${this.#apiRoot}/voices`, {
        headers: { 'xi-api-key': this.#apiKey },
        signal: AbortSignal.timeout(defaultElevenLabsOptions.keyCheckTimeoutMs),
      });
      const body = await res.text();
      // A scoped key without the voices permission also gets 401 here, yet may synthesize fine.
      if (res.status === 401 && /permission/i.test(body)) return undefined;
      return res.status === 401 || res.status === 403 ? providerErrorFromStatus('elevenlabs', 'tts', res.status, body) : undefined;
    } catch {
      return undefined; // network trouble: leave the original (retryable) error as it is
    }
  }
}
