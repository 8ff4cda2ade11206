import type { ClientDuplexStream } from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { type APIConnectOptions, shortuuid, stt } from '@livekit/agents';
import { AudioResampler, type AudioFrame } from '@livekit/rtc-node';
import { frameToPcm } from '../audio.ts';
import { type CredentialHint, grpcFailure, isServiceError } from '../grpc.ts';

/** Audio settings shared by the gRPC speech streams. */
export interface GrpcAudioOptions {
  /** Rates the service takes as raw LPCM; frames at one of them are sent as they are (8 kHz phone audio included). */
  nativeRates: readonly number[];
  /** Rate other input is resampled to. */
  fallbackRate: number;
  language: string;
}

/**
 * A LiveKit `SpeechStream` over one bidirectional gRPC recognition call. Subclasses open the call, encode
 * requests and decode responses; this class handles the sample rate (no resample when the input is already
 * at a native rate, e.g. 8 kHz telephone audio), the speech event sequence (start → interim… → final → end,
 * then a usage event for health tracking), cancellation on `close()` (barge-in, call end) and error mapping.
 */
export abstract class GrpcSpeechStream<Req, Res> extends stt.SpeechStream {
  protected readonly audio: GrpcAudioOptions;
  readonly #hint: CredentialHint;
  #call: ClientDuplexStream<Req, Res> | undefined;
  #speaking = false;
  #requestId = shortuuid();
  #sentSamples = 0;
  #reportedSamples = 0;
  #rate = 0;

  constructor(owner: stt.STT, audio: GrpcAudioOptions, hint: CredentialHint, connOptions?: APIConnectOptions) {
    super(owner, undefined, connOptions);
    this.audio = audio;
    this.#hint = hint;
  }

  /** Start the RPC (auth metadata included). */
  protected abstract openCall(): ClientDuplexStream<Req, Res> | Promise<ClientDuplexStream<Req, Res>>;
  /** First message of the call, once the input rate is known. */
  protected abstract optionsRequest(sampleRate: number): Req;
  protected abstract audioRequest(pcm: Uint8Array): Req;
  /** What to send when the pipeline flushes (end of the caller's phrase), or null to send nothing. */
  protected abstract flushRequest(): Req | null;
  /** Turn one response into partial/final/end-of-utterance calls. */
  protected abstract handleResponse(res: Res): void;

  protected async run(): Promise<void> {
    const call = await this.openCall();
    this.#call = call;
    const onAbort = () => call.cancel();
    this.abortSignal.addEventListener('abort', onAbort, { once: true });
    const sending = this.#send(call);
    try {
      for await (const res of call as AsyncIterable<Res>) this.handleResponse(res);
      await sending;
      this.#reportUsage();
    } catch (e) {
      if (this.abortSignal.aborted || (isServiceError(e) && e.code === GrpcStatus.CANCELLED && this.closed)) return;
      call.cancel();
      throw grpcFailure(e, this.#hint);
    } finally {
      this.abortSignal.removeEventListener('abort', onAbort);
    }
  }

  override close(): void {
    this.#call?.cancel();
    super.close();
  }

  async #send(call: ClientDuplexStream<Req, Res>): Promise<void> {
    let resampler: AudioResampler | undefined;
    const write = (frame: AudioFrame) => {
      if (!this.#rate) {
        this.#rate = this.audio.nativeRates.includes(frame.sampleRate) ? frame.sampleRate : this.audio.fallbackRate;
        call.write(this.optionsRequest(this.#rate));
      }
      if (frame.sampleRate !== this.#rate) resampler ??= new AudioResampler(frame.sampleRate, this.#rate, 1);
      for (const f of resampler ? resampler.push(frame) : [frame]) {
        if (f.samplesPerChannel === 0) continue;
        this.#sentSamples += f.samplesPerChannel;
        call.write(this.audioRequest(frameToPcm(f)));
      }
    };
    try {
      for await (const item of this.input) {
        if (this.abortSignal.aborted) return;
        if (typeof item !== 'symbol') {
          write(item);
          continue;
        }
        const flush = this.#rate ? this.flushRequest() : null;
        if (flush) call.write(flush);
      }
      if (resampler) for (const f of resampler.flush()) write(f);
      call.end();
    } catch {
      // the call already failed; the receive loop reports why
    } finally {
      resampler?.close();
    }
  }

  protected emitPartial(text: string): void {
    if (!text.trim()) return;
    this.#startSpeech();
    this.queue.put({ type: stt.SpeechEventType.INTERIM_TRANSCRIPT, requestId: this.#requestId, alternatives: [this.#data(text)] });
  }

  protected emitFinal(text: string): void {
    if (!text.trim()) return;
    this.#startSpeech();
    this.queue.put({ type: stt.SpeechEventType.FINAL_TRANSCRIPT, requestId: this.#requestId, alternatives: [this.#data(text)] });
  }

  /** The service decided the caller finished the utterance. */
  protected emitEndOfUtterance(): void {
    if (!this.#speaking) return;
    this.#speaking = false;
    this.queue.put({ type: stt.SpeechEventType.END_OF_SPEECH, requestId: this.#requestId });
    this.#reportUsage();
  }

  protected setRequestId(id: string): void {
    if (id) this.#requestId = id;
  }

  #startSpeech(): void {
    if (this.#speaking) return;
    this.#speaking = true;
    this.queue.put({ type: stt.SpeechEventType.START_OF_SPEECH, requestId: this.#requestId });
  }

  #data(text: string): stt.SpeechData {
    return { language: this.audio.language as stt.SpeechData['language'], text: text.trim(), startTime: 0, endTime: 0, confidence: 1 };
  }

  /** Audio seconds since the last report: LiveKit turns this into metrics, which mark the provider healthy. */
  #reportUsage(): void {
    const samples = this.#sentSamples - this.#reportedSamples;
    if (samples <= 0 || !this.#rate || this.queue.closed) return;
    this.#reportedSamples = this.#sentSamples;
    this.queue.put({
      type: stt.SpeechEventType.RECOGNITION_USAGE,
      requestId: this.#requestId,
      recognitionUsage: { audioDuration: samples / this.#rate },
    });
  }
}
