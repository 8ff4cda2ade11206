import type { ClientReadableStream, Metadata } from '@grpc/grpc-js';
import { type APIConnectOptions, tts } from '@livekit/agents';
import { ensureAgentsLogger, type ProviderEnv } from '../env.ts';
import { languageTag } from '../language-tag.ts';
import { channelCredentials, sharedClient, type CredentialHint } from '../grpc.ts';
import type { SberOAuth } from '../sber/oauth.ts';
import { saluteServices, type SaluteSynthesisRequest, type SaluteSynthesisResponse } from '../sber/salute-protos.ts';
import { saluteMetadata, saluteSetup } from '../sber/salute-env.ts';
import type { TtsRef } from './cartesia.ts';
import { GrpcPcmChunkedStream } from './grpc-pcm-stream.ts';
import { resolveVoice } from './voices.ts';

/** SaluteSpeech voices come in 24 kHz and 8 kHz variants: `Nec_24000`, `Nec_8000`. */
export const SALUTE_TTS_RATES = [8_000, 24_000] as const;

/** Options for {@link SaluteTTS}. */
export interface SaluteTtsOptions {
  oauth: SberOAuth;
  endpoint: string;
  /** Voice stem: Nec, May, Ost (female), Bys, Tur, Pon (male); or a full id like `Nec_24000`. */
  voice: string;
  sampleRate: (typeof SALUTE_TTS_RATES)[number];
  language: string;
}

type SynthesisClient = { Synthesize(req: SaluteSynthesisRequest, md: Metadata): ClientReadableStream<SaluteSynthesisResponse>; close(): void };
const hint: CredentialHint = { provider: 'salute', kind: 'tts', envKeys: 'SALUTE_AUTH_KEY' };

/**
 * SaluteSpeech (Sber) synthesis over gRPC (`smartspeech.synthesis.v1.SmartSpeech/Synthesize`, server streaming),
 * raw PCM_S16LE from the 8 kHz voice variant on phone calls and the 24 kHz one otherwise; audio chunks are
 * played as they arrive. OAuth token shared with SaluteSpeech STT and refreshed before expiry.
 */
export class SaluteTTS extends tts.TTS {
  label = 'salute.TTS';
  readonly #opts: SaluteTtsOptions;
  readonly #client: SynthesisClient;

  constructor(opts: SaluteTtsOptions) {
    super(opts.sampleRate, 1, { streaming: false });
    this.#opts = opts;
    this.#client = sharedClient('smartspeech.synthesis.v1', opts.endpoint, (e) => new (saluteServices().synthesis)(e.address, channelCredentials(e)) as unknown as SynthesisClient);
  }

  override get model(): string {
    return 'salutespeech';
  }

  override get provider(): string {
    return 'salute';
  }

  /** Full voice id with its rate suffix. */
  get voice(): string {
    const v = this.#opts.voice;
    return /_\d+$/.test(v) ? v : `${v}_${this.#opts.sampleRate}`;
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): tts.ChunkedStream {
    return new SaluteChunkedStream(this, this.#client, this.#opts, text, connOptions, abortSignal);
  }

  stream(): tts.SynthesizeStream {
    throw new Error('salute.TTS synthesizes per sentence: wrap it with tts.StreamAdapter (FallbackAdapter does this)');
  }

  /** The gRPC client is shared by all calls of the process (see sharedClient): nothing to close per call. */
  override async close(): Promise<void> {}
}

class SaluteChunkedStream extends GrpcPcmChunkedStream<SaluteSynthesisResponse> {
  label = 'salute.ChunkedStream';
  protected readonly hint = hint;
  readonly #client: SynthesisClient;
  readonly #owner: SaluteTTS;
  readonly #opts: SaluteTtsOptions;

  constructor(owner: SaluteTTS, client: SynthesisClient, opts: SaluteTtsOptions, text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal) {
    super(owner, text, connOptions, abortSignal);
    this.#client = client;
    this.#owner = owner;
    this.#opts = opts;
  }

  protected async openCall() {
    const md = await saluteMetadata(this.#opts.oauth);
    if (this.abortSignal.aborted) return null;
    return this.#client.Synthesize(
      { text: this.inputText, audioEncoding: 'PCM_S16LE', language: this.#opts.language, contentType: 'TEXT', voice: this.#owner.voice },
      md,
    );
  }

  protected audioOf(res: SaluteSynthesisResponse) {
    return res.data;
  }
}

/** Build SaluteSpeech TTS from the env for the bot's voice, at 8 kHz when the pipeline runs at 8 kHz. */
export function createSaluteTts(ref: TtsRef, env: ProviderEnv, voice?: string, sampleRate?: number): tts.TTS {
  const { oauth, endpoint } = saluteSetup(env, 'tts');
  ensureAgentsLogger();
  return new SaluteTTS({
    oauth,
    endpoint,
    voice: resolveVoice('salute', ref.voice ?? voice, env),
    sampleRate: sampleRate === 8_000 ? 8_000 : 24_000,
    language: languageTag(ref.language, 'ru-RU'),
  });
}
