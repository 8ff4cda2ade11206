import { EventEmitter } from 'node:events';
import { stt, type APIConnectOptions } from '@livekit/agents';
import type { CallerLine } from './caller-line.ts';

/** Options for {@link SimulatedTranscriptSTT}. */
export interface SimulatedSttOptions {
  /** The final transcript comes this long after the VAD's end of speech (a streaming STT's endpoint latency). */
  finalLatencyMs: number;
}

export const defaultSimulatedStt: SimulatedSttOptions = { finalLatencyMs: 150 };

/**
 * SIMULATED speech recognition — the one stand-in of the audio harness (no Russian STT model can
 * be installed here). A transcript oracle: it knows the words the caller line plays and emits each
 * as an interim transcript only once that word's audio has gone to the session (never before it
 * was spoken; after a pause, nothing until the next word is heard). The final transcript of the
 * words heard so far comes `finalLatencyMs` after the real Silero VAD reports the end of speech
 * (the harness calls {@link vadEndOfSpeech} from the session's user-state event).
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

  protected async run(): Promise<void> {
    const timers = new Set<NodeJS.Timeout>();
    const onWord = (_at: number, word: string) => {
      if (!this.#speaking) this.#put({ type: stt.SpeechEventType.START_OF_SPEECH });
      this.#speaking = true;
      this.#heard.push(word);
      this.#put(speech(stt.SpeechEventType.INTERIM_TRANSCRIPT, this.#heard.join(' ')));
    };
    const onVadEnd = () => {
      const count = this.#heard.length; // the words spoken before the endpoint
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (count === 0 || this.#heard.length === 0) return;
        const final = this.#heard.splice(0, Math.min(count, this.#heard.length)).join(' ');
        this.#put(speech(stt.SpeechEventType.FINAL_TRANSCRIPT, final));
        if (this.#heard.length === 0) {
          this.#speaking = false;
          this.#put({ type: stt.SpeechEventType.END_OF_SPEECH });
        }
      }, this.#owner.opts.finalLatencyMs);
      timers.add(timer);
    };
    this.#owner.line.events.on('word', onWord);
    this.#vad.on('end', onVadEnd);
    try {
      for await (const frame of this.input) void frame; // the audio itself carries nothing the oracle needs
    } finally {
      this.#owner.line.events.off('word', onWord);
      this.#vad.off('end', onVadEnd);
      for (const t of timers) clearTimeout(t);
    }
  }
}
