/** A stretch of sound louder than the line's noise, in ms from the first sample. */
export interface SpeechSegment {
  startMs: number;
  endMs: number;
}

const FRAME_MS = 20;
/** Silence inside a word or between close words that does not end a segment. */
const HANGOVER_MS = 240;
const MIN_SEGMENT_MS = 80;

/**
 * Energy voice activity for the first seconds of an answered call (greeting length, pauses): 20 ms frames, a
 * threshold a fixed factor over the quietest frames heard so far, a short hangover. Enough to time a greeting; the
 * call's own VAD (Silero) is what turn-taking uses.
 */
export class EnergyVad {
  readonly segments: SpeechSegment[] = [];
  readonly #frameLen: number;
  #pending: number[] = [];
  #frame = 0;
  #floor = Infinity;
  #open: { start: number; lastVoiced: number } | null = null;

  constructor(readonly sampleRate: number, readonly minRms = 400) {
    this.#frameLen = Math.round((sampleRate * FRAME_MS) / 1000);
  }

  /** Time covered so far, ms. */
  get elapsedMs(): number {
    return this.#frame * FRAME_MS;
  }

  /** True while a segment is open (speech going on, or within the hangover). */
  get speaking(): boolean {
    return this.#open !== null;
  }

  /** Start of the segment in progress, if any. */
  get openSince(): number | null {
    return this.#open?.start ?? null;
  }

  /** Adds samples; returns segments closed by them. */
  push(pcm: Int16Array): SpeechSegment[] {
    const closed: SpeechSegment[] = [];
    for (let i = 0; i < pcm.length; i++) {
      this.#pending.push(pcm[i]!);
      if (this.#pending.length < this.#frameLen) continue;
      let sum = 0;
      for (const s of this.#pending) sum += s * s;
      this.#pending = [];
      const rms = Math.sqrt(sum / this.#frameLen);
      this.#floor = Math.min(this.#floor, Math.max(rms, 30));
      const voiced = rms > Math.max(this.minRms, this.#floor * 4);
      const t = this.#frame * FRAME_MS;
      this.#frame++;
      if (voiced) {
        if (!this.#open) this.#open = { start: t, lastVoiced: t + FRAME_MS };
        else this.#open.lastVoiced = t + FRAME_MS;
      } else if (this.#open && t + FRAME_MS - this.#open.lastVoiced >= HANGOVER_MS) this.#close(closed);
    }
    return closed;
  }

  /** Ends the stream, closing a segment still open. */
  flush(): SpeechSegment[] {
    const closed: SpeechSegment[] = [];
    if (this.#open) this.#close(closed);
    return closed;
  }

  #close(closed: SpeechSegment[]): void {
    const seg = { startMs: this.#open!.start, endMs: this.#open!.lastVoiced };
    this.#open = null;
    if (seg.endMs - seg.startMs < MIN_SEGMENT_MS) return;
    this.segments.push(seg);
    closed.push(seg);
  }
}
