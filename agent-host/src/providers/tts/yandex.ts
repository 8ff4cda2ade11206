import { type APIConnectOptions, tts } from '@livekit/agents';
import {
  RawAudio_AudioEncoding,
  UtteranceSynthesisRequest,
  UtteranceSynthesisRequest_LoudnessNormalizationType,
  type UtteranceSynthesisResponse,
} from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/tts/v3/tts';
import { SynthesizerClient } from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/tts/v3/tts_service';
import { ensureAgentsLogger, envValue, type ProviderEnv } from '../env.ts';
import { channelCredentials, sharedClient, type CredentialHint } from '../grpc.ts';
import { YANDEX_KEY_NAMES, yandexAuth, yandexMetadata, type YandexAuth } from '../yandex/auth.ts';
import type { TtsRef } from './cartesia.ts';
import { GrpcPcmChunkedStream } from './grpc-pcm-stream.ts';
import { resolveVoice } from './voices.ts';

/** LINEAR16_PCM rates SpeechKit v3 synthesizes; others get 22.05 kHz (resampled later by the pipeline). */
export const YANDEX_TTS_RATES = [8_000, 16_000, 22_050, 48_000] as const;
export const defaultYandexTtsOptions = { endpoint: 'tts.api.cloud.yandex.net:443', sampleRate: 22_050, voice: 'alena' } as const;

/** Options for {@link YandexTTS}. */
export interface YandexTtsOptions {
  auth: YandexAuth;
  endpoint: string;
  /** SpeechKit voice: alena, jane, filipp, ermil, marina, alexander, kirill, anton, dasha, julia, lera, masha, omazh, zahar, madirus. */
  voice: string;
  /** Voice role where the voice has them, e.g. `good` for jane. */
  role?: string;
  /** Speech rate multiplier (1 = normal). */
  speed?: number;
  /** Empty = the service default model. */
  model?: string;
  sampleRate: number;
}

const hint: CredentialHint = { provider: 'yandex', kind: 'tts', envKeys: YANDEX_KEY_NAMES };

/**
 * Yandex SpeechKit synthesis, API v3 (`speechkit.tts.v3.Synthesizer/UtteranceSynthesis`, a server-streaming gRPC
 * call) with raw LPCM out at the pipeline's rate. Audio is passed on chunk by chunk as SpeechKit streams it.
 * LiveKit's StreamAdapter (inside the fallback chain) feeds it one sentence at a time.
 */
export class YandexTTS extends tts.TTS {
  label = 'yandex.TTS';
  readonly #opts: YandexTtsOptions;
  readonly #client: SynthesizerClient;

  constructor(opts: YandexTtsOptions) {
    super(opts.sampleRate, 1, { streaming: false });
    this.#opts = opts;
    this.#client = sharedClient('speechkit.tts.v3.Synthesizer', opts.endpoint, (e) => new SynthesizerClient(e.address, channelCredentials(e)));
  }

  override get model(): string {
    return this.#opts.model || 'speechkit-v3';
  }

  override get provider(): string {
    return 'yandex';
  }

  get voice(): string {
    return this.#opts.voice;
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): tts.ChunkedStream {
    return new YandexChunkedStream(this, this.#client, this.#opts, text, connOptions, abortSignal);
  }

  stream(): tts.SynthesizeStream {
    throw new Error('yandex.TTS synthesizes per sentence: wrap it with tts.StreamAdapter (FallbackAdapter does this)');
  }

  /** The gRPC client is shared by all calls of the process (see sharedClient): nothing to close per call. */
  override async close(): Promise<void> {}
}

class YandexChunkedStream extends GrpcPcmChunkedStream<UtteranceSynthesisResponse> {
  label = 'yandex.ChunkedStream';
  protected readonly hint = hint;
  readonly #client: SynthesizerClient;
  readonly #opts: YandexTtsOptions;

  constructor(owner: YandexTTS, client: SynthesizerClient, opts: YandexTtsOptions, text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal) {
    super(owner, text, connOptions, abortSignal);
    this.#client = client;
    this.#opts = opts;
  }

  protected openCall() {
    const o = this.#opts;
    const request = UtteranceSynthesisRequest.fromPartial({
      model: o.model ?? '',
      text: this.inputText,
      hints: [{ voice: o.voice }, ...(o.role ? [{ role: o.role }] : []), ...(o.speed ? [{ speed: o.speed }] : [])],
      outputAudioSpec: { rawAudio: { audioEncoding: RawAudio_AudioEncoding.LINEAR16_PCM, sampleRateHertz: o.sampleRate } },
      loudnessNormalizationType: UtteranceSynthesisRequest_LoudnessNormalizationType.LUFS,
      unsafeMode: true, // long knowledge answers must not be refused for length
    });
    return this.#client.utteranceSynthesis(request, yandexMetadata(o.auth));
  }

  protected audioOf(res: UtteranceSynthesisResponse) {
    return res.audioChunk?.data;
  }
}


/** Build Yandex TTS from the env (`YANDEX_API_KEY`/`YANDEX_IAM_TOKEN`, `YANDEX_TTS_ENDPOINT`) for the bot's voice. */
export function createYandexTts(ref: TtsRef, env: ProviderEnv, voice?: string, sampleRate?: number): tts.TTS {
  const auth = yandexAuth(env, 'yandex', 'tts');
  ensureAgentsLogger();
  const rate = (YANDEX_TTS_RATES as readonly number[]).includes(sampleRate ?? 0) ? sampleRate! : defaultYandexTtsOptions.sampleRate;
  return new YandexTTS({
    auth,
    endpoint: envValue(env, 'YANDEX_TTS_ENDPOINT') ?? defaultYandexTtsOptions.endpoint,
    voice: resolveVoice('yandex', ref.voice ?? voice, env),
    ...(ref.model ? { model: ref.model } : {}),
    sampleRate: rate,
  });
}
