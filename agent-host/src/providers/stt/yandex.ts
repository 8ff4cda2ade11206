import { type APIConnectOptions, stt } from '@livekit/agents';
import {
  DefaultEouClassifier_EouSensitivity,
  LanguageRestrictionOptions_LanguageRestrictionType,
  RawAudio_AudioEncoding,
  RecognitionModelOptions_AudioProcessingType,
  StreamingRequest,
  TextNormalizationOptions_TextNormalization,
  type StreamingResponse,
} from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/stt/v3/stt';
import { RecognizerClient } from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/stt/v3/stt_service';
import { ensureAgentsLogger, envValue, type ProviderEnv } from '../env.ts';
import { languageTag } from '../language-tag.ts';
import { channelCredentials, sharedClient, type CredentialHint } from '../grpc.ts';
import { YANDEX_KEY_NAMES, yandexAuth, yandexMetadata, type YandexAuth } from '../yandex/auth.ts';
import type { SttRef } from './deepgram.ts';
import type { CallLimits, RotationPoints } from './call-budget.ts';
import { GrpcSpeechStream } from './grpc-stream.ts';
import { recognizeViaStream } from './recognize-via-stream.ts';

export const defaultYandexSttOptions = {
  endpoint: 'stt.api.cloud.yandex.net:443',
  model: 'general',
  language: 'ru-RU',
  /** LINEAR16_PCM rates SpeechKit v3 accepts. */
  nativeRates: [8_000, 16_000, 48_000],
  fallbackRate: 16_000,
  /** SpeechKit's limits on one streaming call (Quotas and limits: 5 min and 10 MB of audio); moved on before either. */
  callLimits: { audioMs: 5 * 60_000, bytes: 10 * 1024 * 1024 },
} as const;

/** Options for {@link YandexSTT}. */
export interface YandexSttOptions {
  auth: YandexAuth;
  /** gRPC endpoint (`host:port` = TLS; `http://host:port` = plaintext). */
  endpoint: string;
  model: string;
  /** BCP-47 code for the language restriction, e.g. `ru-RU`. */
  language: string;
  /** The service's per-call limits (default SpeechKit's 5 min / 10 MB); the stream switches calls before either. */
  callLimits?: CallLimits;
  rotation?: RotationPoints;
}

const hint: CredentialHint = { provider: 'yandex', kind: 'stt', envKeys: YANDEX_KEY_NAMES };

/**
 * Yandex SpeechKit streaming recognition, API v3 (`speechkit.stt.v3.Recognizer/RecognizeStreaming`) over gRPC,
 * with the service definitions generated in `@yandex-cloud/nodejs-sdk`. Sends raw LPCM at the input's own rate
 * when it is 8, 16 or 48 kHz (phone audio is not resampled), else at 16 kHz; yields partials, finals and
 * end-of-utterance (`eou_update`) events. Text normalization is off: callers' numbers stay words, as the
 * dialogue engine expects. SpeechKit's per-call limits (5 min, 10 MB) are counted in time and bytes; the stream
 * moves to a fresh call before either, inside a long utterance too, without losing audio.
 *
 * @example new YandexSTT({ auth: { authorization: 'Api-Key …' }, endpoint: 'stt.api.cloud.yandex.net:443', model: 'general', language: 'ru-RU' })
 */
export class YandexSTT extends stt.STT {
  label = 'yandex.STT';
  readonly #opts: YandexSttOptions;
  readonly #client: RecognizerClient;

  constructor(opts: YandexSttOptions) {
    super({ streaming: true, interimResults: true });
    this.#opts = opts;
    this.#client = sharedClient('speechkit.stt.v3.Recognizer', opts.endpoint, (e) => new RecognizerClient(e.address, channelCredentials(e)));
  }

  override get model(): string {
    return this.#opts.model;
  }

  override get provider(): string {
    return 'yandex';
  }

  protected _recognize(buffer: Parameters<stt.STT['recognize']>[0], abortSignal?: AbortSignal): Promise<stt.SpeechEvent> {
    return recognizeViaStream(this, buffer, this.#opts.language, abortSignal);
  }

  stream(options?: { connOptions?: APIConnectOptions }): stt.SpeechStream {
    return new YandexSpeechStream(this, this.#client, this.#opts, options?.connOptions);
  }

  /** The gRPC client is shared by all calls of the process (see sharedClient): nothing to close per call. */
  override async close(): Promise<void> {}
}

class YandexSpeechStream extends GrpcSpeechStream<StreamingRequest, StreamingResponse> {
  label = 'yandex.SpeechStream';
  readonly #client: RecognizerClient;
  readonly #opts: YandexSttOptions;

  constructor(owner: YandexSTT, client: RecognizerClient, opts: YandexSttOptions, connOptions?: APIConnectOptions) {
    const { nativeRates, fallbackRate, callLimits } = defaultYandexSttOptions;
    super(owner, { nativeRates, fallbackRate, language: opts.language, callLimits: opts.callLimits ?? callLimits, ...(opts.rotation ? { rotation: opts.rotation } : {}) }, hint, connOptions);
    this.#client = client;
    this.#opts = opts;
  }

  protected openCall() {
    return this.#client.recognizeStreaming(yandexMetadata(this.#opts.auth));
  }

  protected optionsRequest(sampleRate: number): StreamingRequest {
    return StreamingRequest.fromPartial({
      sessionOptions: {
        recognitionModel: {
          model: this.#opts.model,
          audioFormat: { rawAudio: { audioEncoding: RawAudio_AudioEncoding.LINEAR16_PCM, sampleRateHertz: sampleRate, audioChannelCount: 1 } },
          textNormalization: {
            textNormalization: TextNormalizationOptions_TextNormalization.TEXT_NORMALIZATION_DISABLED,
            profanityFilter: false,
            literatureText: false,
          },
          languageRestriction: {
            restrictionType: LanguageRestrictionOptions_LanguageRestrictionType.WHITELIST,
            languageCode: [this.#opts.language],
          },
          audioProcessingType: RecognitionModelOptions_AudioProcessingType.REAL_TIME,
        },
        // HIGH: the end of an utterance is reported sooner, which a phone turn budget needs
        eouClassifier: { defaultClassifier: { type: DefaultEouClassifier_EouSensitivity.HIGH, maxPauseBetweenWordsHintMs: 0 } },
      },
    });
  }

  protected audioRequest(pcm: Uint8Array): StreamingRequest {
    return StreamingRequest.fromPartial({ chunk: { data: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength) } });
  }

  /** `eou` forces an end of utterance only with the external classifier; the default one we configure decides itself. */
  protected flushRequest(): null {
    return null;
  }

  protected handleResponse(res: StreamingResponse): void {
    if (res.sessionUuid?.uuid) this.setRequestId(res.sessionUuid.uuid);
    if (res.partial) this.emitPartial(res.partial.alternatives[0]?.text ?? '');
    if (res.final) this.emitFinal(res.final.alternatives[0]?.text ?? '');
    if (res.eouUpdate) this.emitEndOfUtterance();
  }
}

/** Build Yandex STT from the env: `YANDEX_API_KEY` or `YANDEX_IAM_TOKEN` (+ `YANDEX_FOLDER_ID`), `YANDEX_STT_ENDPOINT`. */
export function createYandexStt(ref: SttRef, env: ProviderEnv): stt.STT {
  const auth = yandexAuth(env, 'yandex', 'stt');
  ensureAgentsLogger();
  return new YandexSTT({
    auth,
    endpoint: envValue(env, 'YANDEX_STT_ENDPOINT') ?? defaultYandexSttOptions.endpoint,
    model: ref.model ?? defaultYandexSttOptions.model,
    language: languageTag(ref.language, defaultYandexSttOptions.language),
  });
}
