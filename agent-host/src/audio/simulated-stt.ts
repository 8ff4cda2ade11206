import { EventEmitter } from 'node:events';
import { stt, type APIConnectOptions } from '@livekit/agents';
import type { CallerLine } from './caller-line.ts';

/** Options for {@link SimulatedTranscriptSTT}. */
export interface SimulatedSttOptions {
  /** The final transcript comes this long after the VAD's end of speech (a streaming STT's endpoint latency). */
  finalLatencyMs: number;
  /**
   * The STT's own end of utterance: this long after the caller's audio went quiet (no more speech
   * on the line), words no VAD end of speech has finalised are made final anyway — as a streaming
   * STT does on its own endpointing (SpeechKit's eou, Salute's), whatever the session's VAD heard.
   */
  ownEndpointMs: number;
}

export const defaultSimulatedStt: SimulatedSttOptions = { finalLatencyMs: 150, ownEndpointMs: 500 };

/**
 * SIMULATED speech recognition — the one stand-in of the audio harness (no Russian STT model can
 * be installed here). A transcript oracle: it knows the words the caller line plays and emits each
 * as an interim transcript only once that word's audio has gone to the session (never before it
 * was spoken; after a pause, nothing until the next word is heard). The final transcript of the
 * words heard so far comes `finalLatencyMs` after the real Silero VAD reports the end of speech
 * (the harness calls {@link vadEndOfSpeech} from the session's user-state event), or, when the VAD
 * heard no speech at all (Silero can miss a 170 ms «да» on a phone line), `ownEndpointMs` after
 * the caller's speech audio stopped, as a real streaming STT's own endpointer would: a word the VAD missed is still
 * transcribed, never silently dropped.
 */
export class SimulatedTranscriptSTT extends stt.STT {
  label = 'simulated.TranscriptOracle';
  readonly #vad = new EventEmitter<{ end: [] }>();

  constructor(
    readonly line: CallerLine,
    readonly opts: SimulatedSttOptions = defaultSimulatedStt,
  ) {
    super({ streaming: true, interimResults: true });
  }

  override get model(): string {
    return 'transcript-oracle';
  }

  override get provider(): string {
    return 'simulated';
  }

  /** The session's VAD said the caller stopped speaking. */
  vadEndOfSpeech(): void {
    this.#vad.emit('end');
  }

  protected async _recognize(): Promise<stt.SpeechEvent> {
    throw new Error('simulated.TranscriptOracle is streaming only');
  }

  stream(opts: { connOptions?: APIConnectOptions } = {}): stt.SpeechStream {
    return new OracleStream(this, this.#vad, opts.connOptions);
  }
}

const speech = (type: stt.SpeechEventType, text: string): stt.SpeechEvent => ({
  type,
  alternatives: [{ language: 'ru' as stt.SpeechData['language'], text, startTime: 0, endTime: 0, confidence: 1 }],
});

class OracleStream extends stt.SpeechStream {
  label = 'simulated.TranscriptOracleStream';
  readonly #owner: SimulatedTranscriptSTT;
  readonly #vad: EventEmitter<{ end: [] }>;
  #heard: string[] = [];
  #speaking = false;

  constructor(owner: SimulatedTranscriptSTT, vad: EventEmitter<{ end: [] }>, connOptions?: APIConnectOptions) {
    super(owner, undefined, connOptions);
    this.#owner = owner;
    this.#vad = vad;
  }

  #put(ev: stt.SpeechEvent): void {
    if (!this.queue.closed) this.queue.put(ev);
  }

  /** Make the first `count` heard words final. */
  #finalize(count: number): void {
    if (count === 0 || this.#heard.length === 0) return;
    const final = this.#heard.splice(0, Math.min(count, this.#heard.length)).join(' ');
    this.#put(speech(stt.SpeechEventType.FINAL_TRANSCRIPT, final));
    if (this.#heard.length === 0) {
      this.#speaking = false;
      this.#put({ type: stt.SpeechEventType.END_OF_SPEECH });
    }
  }

  protected async run(): Promise<void> {
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
      return timer;
    };
    let ownEndpoint: NodeJS.Timeout | undefined;
    const onWord = (_at: number, word: string) => {
      if (!this.#speaking) this.#put({ type: stt.SpeechEventType.START_OF_SPEECH });
      this.#speaking = true;
      this.#heard.push(word);
      this.#put(speech(stt.SpeechEventType.INTERIM_TRANSCRIPT, this.#heard.join(' ')));
    };
    // The STT's own endpointer listens to the audio: speech stopped and nothing followed for a while.
    const onSpeechStart = () => {
      if (ownEndpoint) clearTimeout(ownEndpoint);
      ownEndpoint = undefined;
    };
    const onSpeechEnd = () => {
      onSpeechStart();
      ownEndpoint = later(this.#owner.opts.ownEndpointMs, () => this.#finalize(this.#heard.length));
    };
    const onVadEnd = () => {
      const count = this.#heard.length; // the words spoken before the endpoint
      later(this.#owner.opts.finalLatencyMs, () => this.#finalize(count));
    };
    this.#owner.line.events.on('word', onWord);
    this.#owner.line.events.on('speechStart', onSpeechStart);
    this.#owner.line.events.on('speechEnd', onSpeechEnd);
    this.#vad.on('end', onVadEnd);
    try {
      for await (const frame of this.input) void frame; // the audio itself carries nothing the oracle needs
    } finally {
      this.#owner.line.events.off('word', onWord);
      this.#owner.line.events.off('speechStart', onSpeechStart);
      this.#owner.line.events.off('speechEnd', onSpeechEnd);
      this.#vad.off('end', onVadEnd);
      for (const t of timers) clearTimeout(t);
    }
  }
}
