import { stt } from '@livekit/agents';
import type { AudioFrame } from '@livekit/rtc-node';
import { pcmToFrame } from '../audio.ts';
import type { AudioChunk, STTProvider } from '../types.ts';

/** Options for {@link LiveKitSttProvider}. */
export interface SttProviderOptions {
  /** Sample rate of raw `Uint8Array` chunks (PCM16LE mono). AudioFrames carry their own. */
  sampleRate?: number;
}

/**
 * The seed's `STTProvider` over any LiveKit `stt.STT` (a plugin, a StreamAdapter, a fallback chain).
 * Yields each FINAL transcript as a string; interim results and speech events are dropped.
 *
 * @example
 * for await (const phrase of new LiveKitSttProvider('deepgram', chain.stt).transcribeStream(mic)) console.log(phrase);
 */
export class LiveKitSttProvider implements STTProvider {
  readonly name: string;
  readonly #stt: stt.STT;
  readonly #sampleRate: number;

  constructor(name: string, instance: stt.STT, opts: SttProviderOptions = {}) {
    this.name = name;
    this.#stt = instance;
    this.#sampleRate = opts.sampleRate ?? 16_000;
  }

  async *transcribeStream(audio: AsyncIterable<AudioChunk>): AsyncIterable<string> {
    const stream = this.#stt.stream();
    const pump = (async () => {
      try {
        for await (const chunk of audio) stream.pushFrame(this.#toFrame(chunk));
        stream.flush();
        stream.endInput();
      } catch {
        stream.close();
      }
    })();
    try {
      for await (const ev of stream) {
        const text = ev.type === stt.SpeechEventType.FINAL_TRANSCRIPT ? ev.alternatives?.[0]?.text.trim() : '';
        if (text) yield text;
      }
    } finally {
      stream.close();
      await pump;
    }
  }

  #toFrame(chunk: AudioChunk): AudioFrame {
    return chunk instanceof Uint8Array ? pcmToFrame(chunk, this.#sampleRate) : chunk;
  }
}
