/**
 * Beep detection on 16-bit PCM: the "after the tone" signal of answering machines is one steady sine (typically
 * 400–2000 Hz) for 150 ms or more. Per 20 ms frame the Goertzel power at candidate frequencies is compared with the
 * frame's energy; a run of tonal frames at one frequency is a beep. Speech is never that pure for that long.
 */
export interface Beep {
  /** Start, from the first sample given, in ms. */
  atMs: number;
  durationMs: number;
  hz: number;
}

const FRAME_MS = 20;
const MIN_BEEP_MS = 140;
const CANDIDATES = Array.from({ length: 65 }, (_, i) => 400 + i * 25);
/** Share of the frame's energy in the strongest candidate bin for the frame to count as a pure tone. */
const TONAL_SHARE = 0.55;
/** Frames quieter than this (mean square, 16-bit) are silence, not tone. */
const MIN_POWER = 2.5e4;

function goertzelPower(frame: Int16Array, sampleRate: number, hz: number): number {
  const k = (2 * Math.PI * hz) / sampleRate;
  const coeff = 2 * Math.cos(k);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < frame.length; i++) {
    const s0 = frame[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/** The dominant pure tone of one frame, or null. */
function frameTone(frame: Int16Array, sampleRate: number): number | null {
  let energy = 0;
  for (let i = 0; i < frame.length; i++) energy += frame[i]! * frame[i]!;
  if (energy / frame.length < MIN_POWER) return null;
  let best = 0;
  let bestHz = 0;
  for (const hz of CANDIDATES) {
    const p = goertzelPower(frame, sampleRate, hz);
    if (p > best) (best = p), (bestHz = hz);
  }
  // A pure sine of amplitude A over N samples: Goertzel power ≈ (A·N/2)², energy ≈ A²·N/2 → power / (energy·N/2) ≈ 1.
  return best / (energy * (frame.length / 2)) >= TONAL_SHARE ? bestHz : null;
}

/**
 * Incremental beep detector: push PCM as it arrives (any chunk size), read the beeps found so far.
 * @example const d = new BeepDetector(8000); d.push(chunk); d.beeps // [{ atMs: 4120, durationMs: 400, hz: 1000 }]
 */
export class BeepDetector {
  readonly beeps: Beep[] = [];
  readonly #frameLen: number;
  #pending: number[] = [];
  #frames = 0;
  #run: { start: number; hz: number; frames: number } | null = null;

  constructor(readonly sampleRate: number) {
    this.#frameLen = Math.round((sampleRate * FRAME_MS) / 1000);
  }

  /** Adds samples; returns beeps completed by them. */
  push(pcm: Int16Array): Beep[] {
    const found: Beep[] = [];
    for (let i = 0; i < pcm.length; i++) {
      this.#pending.push(pcm[i]!);
      if (this.#pending.length < this.#frameLen) continue;
      const hz = frameTone(Int16Array.from(this.#pending), this.sampleRate);
      this.#pending = [];
      const run = this.#run;
      if (hz !== null && run && Math.abs(run.hz - hz) <= 50) run.frames++;
      else {
        this.#close(found);
        this.#run = hz === null ? null : { start: this.#frames, hz, frames: 1 };
      }
      this.#frames++;
    }
    return found;
  }

  /** Ends the stream: a tone still sounding counts if it is long enough. */
  flush(): Beep[] {
    const found: Beep[] = [];
    this.#close(found);
    return found;
  }

  #close(found: Beep[]): void {
    const run = this.#run;
    this.#run = null;
    if (!run || run.frames * FRAME_MS < MIN_BEEP_MS) return;
    const beep = { atMs: run.start * FRAME_MS, durationMs: run.frames * FRAME_MS, hz: run.hz };
    this.beeps.push(beep);
    found.push(beep);
  }
}
