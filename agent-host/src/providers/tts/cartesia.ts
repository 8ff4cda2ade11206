import { TTS as CartesiaTTS } from '@livekit/agents-plugin-cartesia';
import { tts, type APIConnectOptions } from '@livekit/agents';
import { ensureAgentsLogger, envValue, requireEnv, type ProviderEnv } from '../env.ts';
import { resolveVoice } from './voices.ts';

/** Provider entry from the bot config (`providers.tts[]`). */
export interface TtsRef {
  model?: string;
  voice?: string;
  language?: string;
}

export const defaultCartesiaOptions = { model: 'sonic-2', language: 'ru', sampleRate: 24_000, chunkTimeoutMs: 5_000 } as const;

/**
 * Cartesia through `@livekit/agents-plugin-cartesia` (WebSocket `/tts/websocket`, `X-API-Key` +
 * `Cartesia-Version` headers). `CARTESIA_BASE_URL` (http(s)://host) points it at a gateway or test server.
 * Only the streaming path is used: the plugin's one-shot `/tts/bytes` path hard-codes TLS and ignores HTTP status.
 */
export function createCartesiaTts(ref: TtsRef, env: ProviderEnv, voice?: string): tts.TTS {
  const apiKey = requireEnv(env, 'CARTESIA_API_KEY', 'cartesia', 'tts');
  ensureAgentsLogger();
  const resolved = resolveVoice('cartesia', ref.voice ?? voice, env);
  const baseUrl = envValue(env, 'CARTESIA_BASE_URL');
  return new CartesiaWebSocketTTS({
    apiKey,
    model: ref.model ?? defaultCartesiaOptions.model,
    language: ref.language ?? defaultCartesiaOptions.language,
    sampleRate: defaultCartesiaOptions.sampleRate,
    chunkTimeout: defaultCartesiaOptions.chunkTimeoutMs,
    wordTimestamps: false,
    ...(resolved ? { voice: resolved } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  });
}

/** Cartesia whose one-shot `synthesize()` also goes over the WebSocket (the plugin's `/tts/bytes` path is TLS-only and status-blind). */
class CartesiaWebSocketTTS extends CartesiaTTS {
  override synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): tts.ChunkedStream {
    return new StreamBackedChunkedStream(this, text, connOptions, abortSignal);
  }
}

class StreamBackedChunkedStream extends tts.ChunkedStream {
  label = 'cartesia.StreamBackedChunkedStream';
  readonly #owner: tts.TTS;

  constructor(owner: tts.TTS, text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal) {
    super(text, owner, connOptions, abortSignal);
    this.#owner = owner;
  }

  protected async run(): Promise<void> {
    const stream = this.#owner.stream({ connOptions: { maxRetry: 0, retryIntervalMs: 0, timeoutMs: 10_000 } });
    let failure: Error | undefined;
    const onError = (ev: { error: Error }) => (failure = ev.error);
    this.#owner.on('error', onError);
    try {
      stream.pushText(this.inputText);
      stream.flush();
      stream.endInput();
      for await (const ev of stream) {
        if (ev === tts.SynthesizeStream.END_OF_STREAM) break;
        this.queue.put(ev);
      }
      if (failure) throw failure;
    } finally {
      this.#owner.off('error', onError);
      stream.close();
    }
  }
}
