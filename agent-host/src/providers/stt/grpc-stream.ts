import type { ClientDuplexStream } from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { type APIConnectOptions, shortuuid, stt } from '@livekit/agents';
import { AudioResampler, type AudioFrame } from '@livekit/rtc-node';
import { frameToPcm, pcmRms } from '../audio.ts';
import { type CredentialHint, grpcFailure, isServiceError } from '../grpc.ts';
import { CallBudget, type CallLimits, type RotationPoints } from './call-budget.ts';

/** Audio settings shared by the gRPC speech streams. */
export interface GrpcAudioOptions {
  /** Rates the service takes as raw LPCM; frames at one of them are sent as they are (8 kHz phone audio included). */
  nativeRates: readonly number[];
  /** Rate other input is resampled to. */
  fallbackRate: number;
  language: string;
  /**
   * The service's limits on one call (SpeechKit: 5 min and 10 MB of audio). A longer phone call moves to a fresh call
   * before either is reached — between utterances when it can, inside a long one when it must (see CallBudget).
   */
  callLimits?: CallLimits;
  rotation?: RotationPoints;
}

/**
 * A LiveKit `SpeechStream` over one bidirectional gRPC recognition call. Subclasses open the call, encode
 * requests and decode responses; this class handles the sample rate (no resample when the input is already
 * at a native rate, e.g. 8 kHz telephone audio), the speech event sequence (start → interim… → final → end,
 * then a usage event for health tracking), cancellation on `close()` (barge-in, call end) and error mapping.
 * The RPC opens with the first audio frame (an input that ends empty costs no call) and is replaced by a fresh one
 * when the service's per-call limits come near; a call retired inside an utterance still delivers its final text,
 * but its end of utterance is not reported (the caller is still speaking into the next call).
 */
export abstract class GrpcSpeechStream<Req, Res> extends stt.SpeechStream {
  protected readonly audio: GrpcAudioOptions;
  readonly #hint: CredentialHint;
  readonly #calls = new Set<ClientDuplexStream<Req, Res>>();
  /** Calls ended while the caller was speaking, and the call whose response is being handled. */
  readonly #retiredMidUtterance = new WeakSet<object>();
  #responseFrom: object | undefined;
  #speaking = false;
  /** An utterance just ended and no audio was sent since: the one safe moment to move to a fresh call. */
  #betweenUtterances = false;
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
    const receiving: Promise<void>[] = [];
    let failure: unknown;
    let onFailure: () => void = () => undefined;
    // a failed call ends the stream at once, even while the sender waits for the next frame
    const failed = new Promise<void>((resolve) => (onFailure = resolve));
    const cancelAll = () => this.#calls.forEach((c) => c.cancel());
    this.abortSignal.addEventListener('abort', cancelAll, { once: true });
    const receive = async (call: ClientDuplexStream<Req, Res>) => {
      try {
        for await (const res of call as AsyncIterable<Res>) {
          this.#responseFrom = call;
          this.handleResponse(res);
        }
      } catch (e) {
        if (this.abortSignal.aborted || this.closed || failure) return;
        failure = e;
        cancelAll();
        onFailure();
      } finally {
        this.#calls.delete(call);
      }
    };
    try {
      const sending = this.#send(async () => {
        const call = await this.openCall();
        this.#calls.add(call);
        receiving.push(receive(call));
        return call;
      }, () => failure !== undefined);
      sending.catch(() => undefined); // its rejection is read through the race below
      await Promise.race([sending, failed]);
      if (failure === undefined) await Promise.all(receiving);
    } finally {
      this.abortSignal.removeEventListener('abort', cancelAll);
    }
    if (failure !== undefined && !(isServiceError(failure) && failure.code === GrpcStatus.CANCELLED && this.closed)) {
      throw grpcFailure(failure, this.#hint);
    }
    this.#reportUsage();
  }

  override close(): void {
    this.#calls.forEach((c) => c.cancel());
    super.close();
  }

  /** Feed the input into calls opened by `open` (the first with the first frame, the next after a rotation). */
  async #send(open: () => Promise<ClientDuplexStream<Req, Res>>, failed: () => boolean): Promise<void> {
    let resampler: AudioResampler | undefined;
    let call: ClientDuplexStream<Req, Res> | undefined;
    const budget = new CallBudget(this.audio.callLimits, this.audio.rotation);
    const write = async (frame: AudioFrame) => {
      if (!this.#rate) this.#rate = this.audio.nativeRates.includes(frame.sampleRate) ? frame.sampleRate : this.audio.fallbackRate;
      if (frame.sampleRate !== this.#rate) resampler ??= new AudioResampler(frame.sampleRate, this.#rate, 1);
      for (const f of resampler ? resampler.push(frame) : [frame]) {
        if (f.samplesPerChannel === 0) continue;
        const pcm = frameToPcm(f);
        const ms = (f.samplesPerChannel / this.#rate) * 1000;
        if (call && budget.shouldRotate({ ms, bytes: pcm.byteLength, rms: pcmRms(pcm) }, this.#betweenUtterances)) {
          if (this.#speaking) this.#retiredMidUtterance.add(call);
          call.end(); // its last results still arrive; the audio goes on in a fresh call
          call = undefined;
        }
        if (!call) {
          call = await open();
          budget.reset();
          call.write(this.optionsRequest(this.#rate));
        }
        this.#betweenUtterances = false;
        this.#sentSamples += f.samplesPerChannel;
        budget.add(ms, pcm.byteLength);
        call.write(this.audioRequest(pcm));
      }
    };
    try {
      for await (const item of this.input) {
        if (this.abortSignal.aborted || failed()) return;
        if (typeof item !== 'symbol') {
          await write(item);
          continue;
        }
        const flush = call ? this.flushRequest() : null;
        if (flush) call?.write(flush);
      }
      if (resampler && call) for (const f of resampler.flush()) await write(f);
      call?.end();
    } catch (e) {
      // opening failed (e.g. the OAuth token could not be fetched): that is the stream's failure
      if (!call) throw e;
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
    if (!this.#speaking || (this.#responseFrom && this.#retiredMidUtterance.has(this.#responseFrom))) return;
    this.#speaking = false;
    this.#betweenUtterances = true;
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
