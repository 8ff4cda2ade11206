import type { ClientDuplexStream } from '@grpc/grpc-js';
import { type APIConnectOptions, stt } from '@livekit/agents';
import { ensureAgentsLogger, type ProviderEnv } from '../env.ts';
import { languageTag } from '../language-tag.ts';
import { channelCredentials, sharedClient, type CredentialHint } from '../grpc.ts';
import type { SberOAuth } from '../sber/oauth.ts';
import { saluteServices, type SaluteRecognitionRequest, type SaluteRecognitionResponse } from '../sber/salute-protos.ts';
import { saluteMetadata, saluteSetup } from '../sber/salute-env.ts';
import type { SttRef } from './deepgram.ts';
import { GrpcSpeechStream } from './grpc-stream.ts';
import { recognizeViaStream } from './recognize-via-stream.ts';

export const defaultSaluteSttOptions = {
  model: 'callcenter',
  language: 'ru-RU',
  nativeRates: [8_000, 16_000, 48_000],
  fallbackRate: 16_000,
  /** Silence that ends an utterance; short enough for a phone turn. */
  eouTimeoutMs: 500,
} as const;

/** Options for {@link SaluteSTT}. */
export interface SaluteSttOptions {
  oauth: SberOAuth;
  endpoint: string;
  /** `general` or `callcenter` (tuned for 8 kHz phone speech). */
  model: string;
  language: string;
  /** Words and phrases to expect (service and staff names), sent as the v2 `hints.words`. */
  hints?: readonly string[];
}

type RecognitionClient = { Recognize(md: unknown): ClientDuplexStream<SaluteRecognitionRequest, SaluteRecognitionResponse>; close(): void };
const hint: CredentialHint = { provider: 'salute', kind: 'stt', envKeys: 'SALUTE_AUTH_KEY' };

/**
 * SaluteSpeech (Sber) streaming recognition v2 over gRPC (`smartspeech.recognition.v2.SmartSpeech/Recognize`, proto
 * in `agent-host/protos/salute`), authenticated by an OAuth access token refreshed before it expires. PCM_S16LE
 * at the input's own rate when it is 8/16/48 kHz. Responses are a `oneof`: transcriptions give partial results while
 * the caller speaks and the final with `eou`; backend info, insights and VAD marks are not needed and skipped.
 */
export class SaluteSTT extends stt.STT {
  label = 'salute.STT';
  readonly #opts: SaluteSttOptions;
  readonly #client: RecognitionClient;

  constructor(opts: SaluteSttOptions) {
    super({ streaming: true, interimResults: true });
    this.#opts = opts;
    this.#client = sharedClient('smartspeech.recognition.v2', opts.endpoint, (e) => new (saluteServices().recognition)(e.address, channelCredentials(e)) as unknown as RecognitionClient);
  }

  override get model(): string {
    return this.#opts.model;
  }

  override get provider(): string {
    return 'salute';
  }

  protected _recognize(buffer: Parameters<stt.STT['recognize']>[0], abortSignal?: AbortSignal): Promise<stt.SpeechEvent> {
    return recognizeViaStream(this, buffer, this.#opts.language, abortSignal);
  }

  stream(options?: { connOptions?: APIConnectOptions }): stt.SpeechStream {
    return new SaluteSpeechStream(this, this.#client, this.#opts, options?.connOptions);
  }

  /** The gRPC client is shared by all calls of the process (see sharedClient): nothing to close per call. */
  override async close(): Promise<void> {}
}

class SaluteSpeechStream extends GrpcSpeechStream<SaluteRecognitionRequest, SaluteRecognitionResponse> {
  label = 'salute.SpeechStream';
  readonly #client: RecognitionClient;
  readonly #opts: SaluteSttOptions;

  constructor(owner: SaluteSTT, client: RecognitionClient, opts: SaluteSttOptions, connOptions?: APIConnectOptions) {
    const { nativeRates, fallbackRate } = defaultSaluteSttOptions;
    super(owner, { nativeRates, fallbackRate, language: opts.language }, hint, connOptions);
    this.#client = client;
    this.#opts = opts;
  }

  protected async openCall() {
    return this.#client.Recognize(await saluteMetadata(this.#opts.oauth));
  }

  protected optionsRequest(sampleRate: number): SaluteRecognitionRequest {
    const eou = defaultSaluteSttOptions.eouTimeoutMs;
    return {
      options: {
        audioEncoding: 'PCM_S16LE',
        sampleRate,
        channelsCount: 1,
        language: this.#opts.language,
        model: this.#opts.model,
        enableMultiUtterance: { enable: true },
        enablePartialResults: { enable: true },
        hypothesesCount: 1,
        hints: { words: [...(this.#opts.hints ?? [])], eouTimeout: { seconds: 0, nanos: eou * 1_000_000 } },
        // numbers stay words, as the dialogue engine expects
        normalizationOptions: { enable: { enable: false } },
      },
    };
  }

  protected audioRequest(pcm: Uint8Array): SaluteRecognitionRequest {
    return { audioChunk: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength) };
  }

  protected flushRequest(): null {
    return null; // SaluteSpeech has no client-side end-of-utterance message; its eou_timeout decides
  }

  protected handleResponse(res: SaluteRecognitionResponse): void {
    const t = res.transcription;
    if (res.response !== 'transcription' || !t) return;
    const text = t.results[0]?.text ?? '';
    if (!t.eou) return this.emitPartial(text);
    this.emitFinal(text);
    this.emitEndOfUtterance();
  }
}

/** Build SaluteSpeech STT from the env (`SALUTE_AUTH_KEY`, `SALUTE_SCOPE`, `SALUTE_ENDPOINT`). */
export function createSaluteStt(ref: SttRef, env: ProviderEnv, hints?: readonly string[]): stt.STT {
  const { oauth, endpoint } = saluteSetup(env, 'stt');
  ensureAgentsLogger();
  return new SaluteSTT({ oauth, endpoint, model: ref.model ?? defaultSaluteSttOptions.model, language: languageTag(ref.language, defaultSaluteSttOptions.language), ...(hints?.length ? { hints } : {}) });
}
