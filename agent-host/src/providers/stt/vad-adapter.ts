import { stt, type VAD, type VADEvent, type VADStream } from '@livekit/agents';

/**
 * A non-streaming STT that reports its failures as `error` events. LiveKit's StreamAdapter only logs a
 * failed `recognize()`, so without this ProviderHealth and the error counter would never see Whisper fail.
 */
export class ErrorReportingStt extends stt.STT {
  label: string;
  readonly #inner: stt.STT;

  constructor(inner: stt.STT) {
    super({ ...inner.capabilities, streaming: false, interimResults: false });
    this.#inner = inner;
    this.label = inner.label;
  }

  override get model(): string {
    return this.#inner.model;
  }

  override get provider(): string {
    return this.#inner.provider;
  }

  protected async _recognize(frame: Parameters<stt.STT['recognize']>[0], abortSignal?: AbortSignal): Promise<stt.SpeechEvent> {
    try {
      return await this.#inner.recognize(frame, abortSignal);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.emit('error', { type: 'stt_error', timestamp: Date.now(), label: this.label, error, recoverable: false });
      throw e;
    }
  }

  stream(): stt.SpeechStream {
    throw new Error(`${this.label} is not streaming: wrap it with stt.StreamAdapter`);
  }

  override async close(): Promise<void> {
    await this.#inner.close();
  }
}

/** How long the VAD must stay quiet after the input ended before its stream is treated as finished. */
const VAD_DRAIN_IDLE_MS = 300;

/**
 * agents 1.8.1's `VADStream.endInput()` closes a writable that its own writer still locks ("WritableStream
 * is locked"), and Silero never closes its output when input ends. Close through the writer, then end the
 * event stream once the VAD has gone quiet (it emits an INFERENCE_DONE per window while it still works).
 */
function withSafeEndInput(stream: VADStream): VADStream {
  const s = stream as unknown as { inputClosed: boolean; closed: boolean; inputWriter: WritableStreamDefaultWriter<unknown> };
  const next = stream.next.bind(stream);
  let waitingSince: number | undefined;
  let markDrained: (r: IteratorResult<VADEvent>) => void = () => undefined;
  const drained = new Promise<IteratorResult<VADEvent>>((resolve) => (markDrained = resolve));
  stream.next = async () => {
    waitingSince = Date.now();
    try {
      return await Promise.race([next(), drained]);
    } finally {
      waitingSince = undefined;
    }
  };
  stream.endInput = () => {
    if (s.inputClosed || s.closed) return;
    s.inputClosed = true;
    s.inputWriter.close().catch(() => undefined);
    const watch = setInterval(() => {
      if (s.closed || (waitingSince !== undefined && Date.now() - waitingSince >= VAD_DRAIN_IDLE_MS)) {
        clearInterval(watch);
        markDrained({ done: true, value: undefined });
      }
    }, VAD_DRAIN_IDLE_MS / 3);
  };
  return stream;
}

/** The VAD with its streams patched by {@link withSafeEndInput}; everything else is the VAD itself. */
export function safeEndVad(vad: VAD): VAD {
  return new Proxy(vad, {
    get(target, prop) {
      if (prop === 'stream') return () => withSafeEndInput(target.stream());
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** agents 1.8.1's StreamAdapterWrapper never closes its output after its run ends; this one does. */
class ClosingStreamAdapterWrapper extends stt.StreamAdapterWrapper {
  protected override async run(): Promise<void> {
    try {
      await super.run();
    } finally {
      if (!this.output.closed) this.output.close();
    }
  }
}

/** LiveKit's VAD-driven StreamAdapter whose streams end when their input ends (needed by FallbackAdapter and transcribeStream). */
class ClosingStreamAdapter extends stt.StreamAdapter {
  readonly #inner: stt.STT;
  readonly #vad: VAD;

  constructor(inner: stt.STT, vad: VAD) {
    super(inner, vad);
    this.#inner = inner;
    this.#vad = vad;
  }

  override stream(options?: Parameters<stt.STT['stream']>[0]): stt.StreamAdapterWrapper {
    return new ClosingStreamAdapterWrapper(this.#inner, this.#vad, options?.connOptions);
  }
}

/**
 * Turn a non-streaming STT (Whisper) into a streaming one cut into phrases by the VAD.
 * Attach error listeners (health tracking) to `inner` first: the adapter re-emits `error`, and keeps a no-op
 * listener itself so an unobserved failure does not throw out of EventEmitter.
 */
export function vadStreamAdapter(inner: stt.STT, vad: VAD): stt.STT {
  const adapter = new ClosingStreamAdapter(inner, safeEndVad(vad));
  adapter.on('error', () => undefined);
  return adapter;
}
