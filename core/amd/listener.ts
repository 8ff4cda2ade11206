import { amdStep, defaultAmdOptions, initialAmdState, type AmdOptions, type AmdState } from './detector.ts';
import { EnergyVad } from './energy-vad.ts';
import { BeepDetector } from './tone.ts';

/**
 * The detector fed from the callee's audio (16-bit mono PCM, any chunk size) and, when the host recognizes speech,
 * their words. Times are audio time since the answer, so a decision is as fast as the audio allows whatever the
 * host's clock does.
 * @example
 * const amd = new AmdListener(8000);
 * for (const chunk of frames) if (amd.pushAudio(chunk).verdict) break;
 * amd.state.verdict // { kind: 'voicemail', reason: 'beep', atMs: 5120 }
 */
export class AmdListener {
  state: AmdState = initialAmdState();
  readonly #vad: EnergyVad;
  readonly #beeps: BeepDetector | null;
  readonly #opts: AmdOptions;

  constructor(sampleRate: number, opts: Partial<AmdOptions> & { beeps?: boolean } = {}) {
    const { beeps = true, ...rest } = opts;
    this.#opts = { ...defaultAmdOptions, ...rest };
    this.#vad = new EnergyVad(sampleRate);
    this.#beeps = beeps ? new BeepDetector(sampleRate) : null;
  }

  /** Audio time heard so far, ms. */
  get elapsedMs(): number {
    return this.#vad.elapsedMs;
  }

  pushAudio(pcm: Int16Array): AmdState {
    const closed = this.#vad.push(pcm);
    const beeps = this.#beeps?.push(pcm) ?? [];
    for (const seg of closed) {
      if (this.state.speakingSince === null) this.#step({ type: 'speech_start', atMs: seg.startMs });
      this.#step({ type: 'speech_end', atMs: seg.endMs });
    }
    const open = this.#vad.openSince;
    if (open !== null && this.state.speakingSince === null) this.#step({ type: 'speech_start', atMs: open });
    for (const b of beeps) this.#step({ type: 'beep', atMs: b.atMs + b.durationMs });
    return this.#step({ type: 'tick', atMs: this.#vad.elapsedMs });
  }

  /** The words recognized since the answer (the whole text so far). */
  pushWords(text: string): AmdState {
    return this.#step({ type: 'words', text, atMs: this.#vad.elapsedMs });
  }

  #step(event: Parameters<typeof amdStep>[1]): AmdState {
    this.state = amdStep(this.state, event, this.#opts);
    return this.state;
  }
}
