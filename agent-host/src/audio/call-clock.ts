import { LINE_RATE } from './caller-voice.ts';

/** Anything that produces or consumes line audio in step with the call clock. */
export interface ClockedLine {
  /** Advance to sample `to` (exclusive); called with increasing values. */
  advance(to: number): void;
}

/** A growing 16-bit mono track with random-access writes (a call's caller or bot side). */
export class Track {
  #buf = new Int16Array(LINE_RATE * 10);
  length = 0;

  write(at: number, pcm: Int16Array): void {
    const end = at + pcm.length;
    if (end > this.#buf.length) {
      const next = new Int16Array(Math.max(end, this.#buf.length * 2));
      next.set(this.#buf.subarray(0, this.length));
      this.#buf = next;
    }
    this.#buf.set(pcm, at);
    this.length = Math.max(this.length, end);
  }

  samples(length = this.length): Int16Array {
    const out = new Int16Array(length);
    out.set(this.#buf.subarray(0, Math.min(length, this.length)));
    return out;
  }
}

/**
 * The call's real-time clock: every `tickMs` it tells the lines how many samples of audio are due
 * since the start, so caller and bot audio sit on one timeline whatever the event loop's jitter.
 * agents-js reads `Date.now()`/`performance.now()` and real timers throughout, so the harness
 * runs in real time rather than on a virtual clock.
 */
export class CallClock {
  readonly startedAt = performance.now();
  readonly #lines: ClockedLine[] = [];
  #timer: NodeJS.Timeout | undefined;
  #position = 0;

  constructor(readonly tickMs = 10) {}

  add(line: ClockedLine): void {
    this.#lines.push(line);
  }

  /** Milliseconds since the call started. */
  nowMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Samples due now (16 kHz). */
  nowSamples(): number {
    return Math.floor((this.nowMs() * LINE_RATE) / 1000);
  }

  /** Samples already handed to the lines. */
  get position(): number {
    return this.#position;
  }

  start(): void {
    this.#timer ??= setInterval(() => this.tick(), this.tickMs);
  }

  tick(): void {
    const frame = (LINE_RATE * this.tickMs) / 1000;
    const due = Math.floor(this.nowSamples() / frame) * frame;
    if (due <= this.#position) return;
    this.#position = due;
    for (const line of this.#lines) line.advance(due);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Samples → milliseconds on the call timeline. */
export const samplesToMs = (samples: number): number => (samples * 1000) / LINE_RATE;
/** Milliseconds → samples on the call timeline. */
export const msToSamples = (ms: number): number => Math.round((ms * LINE_RATE) / 1000);
