import { type APIConnectOptions, shortuuid, tts } from '@livekit/agents';
import type { AudioFrame } from '@livekit/rtc-node';
import { pcmToFrame } from '../audio.ts';

/** Frames handed to LiveKit: 20 ms keeps first audio early without flooding the pipeline with tiny frames. */
const FRAME_MS = 20;

/**
 * A `ChunkedStream` over a provider that streams raw PCM16LE mono at the TTS's sample rate (gRPC server
 * streams, chunked HTTP bodies): every chunk is cut into 20 ms frames and queued as soon as it arrives,
 * so the caller hears the first syllable while the rest is still being synthesized. Closing the stream
 * (barge-in) aborts `abortSignal`, which subclasses pass on to their RPC or request.
 */
export abstract class PcmChunkedStream extends tts.ChunkedStream {
  readonly #sampleRate: number;

  constructor(owner: tts.TTS, text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal) {
    super(text, owner, connOptions, abortSignal);
    this.#sampleRate = owner.sampleRate;
  }

  /** Raw PCM16LE mono chunks of any size; throw LiveKit APIErrors or ProviderErrors on failure. */
  protected abstract pcm(): AsyncIterable<Uint8Array>;

  protected async run(): Promise<void> {
    const requestId = shortuuid();
    const step = Math.round((this.#sampleRate * FRAME_MS) / 1000) * 2;
    let carry = new Uint8Array(0);
    let held: AudioFrame | undefined;
    const put = (frame: AudioFrame, final: boolean) => {
      if (!this.queue.closed) this.queue.put({ requestId, segmentId: requestId, frame, final });
    };
    for await (const chunk of this.pcm()) {
      if (this.abortSignal.aborted) return;
      const buf = new Uint8Array(carry.byteLength + chunk.byteLength);
      buf.set(carry);
      buf.set(chunk, carry.byteLength);
      let off = 0;
      for (; off + step <= buf.byteLength; off += step) {
        if (held) put(held, false);
        held = pcmToFrame(buf.subarray(off, off + step), this.#sampleRate);
      }
      carry = buf.slice(off);
    }
    const tail = carry.byteLength >= 2 ? pcmToFrame(carry, this.#sampleRate) : undefined;
    if (held) put(held, !tail);
    if (tail) put(tail, true);
  }
}

/**
 * agents 1.9 starts `ChunkedStream.mainTask()` without a rejection handler, so a failed synthesis (already
 * reported as an `error` event, which health tracking and the fallback chain act on) would also surface as
 * an unhandled rejection. Job processes install a handler; everything else (tests, the simulator) does not.
 */
const baseMainTask = (tts.ChunkedStream.prototype as unknown as { mainTask: () => Promise<void> }).mainTask;
Object.defineProperty(PcmChunkedStream.prototype, 'mainTask', {
  value: async function mainTask(this: tts.ChunkedStream): Promise<void> {
    try {
      await baseMainTask.call(this);
    } catch {
      // reported through the TTS `error` event
    }
  },
});
