/** A recognition service's limits on one streaming call (SpeechKit v3: 5 minutes and 10 MB of audio). */
export interface CallLimits {
  audioMs: number;
  bytes: number;
}

/** When to move to a fresh call, as a share of the nearer limit. */
export interface RotationPoints {
  /** Between two utterances (nothing is cut). */
  betweenUtterances: number;
  /** On a quiet frame inside an utterance (a pause between words). */
  atPause: number;
  /** On any frame: the limit must never be crossed, even by one long utterance. */
  always: number;
}

export const defaultRotationPoints: RotationPoints = { betweenUtterances: 0.9, atPause: 0.95, always: 0.98 };

/** RMS level (0…1) under which a frame counts as a pause between words. */
const PAUSE_RMS = 0.01;

/**
 * Counts the audio time and bytes that went into the current call and says when the next frame should open a fresh
 * one: between utterances once 90 % of either limit is used, at a pause between words from 95 %, and in any case
 * before 98 %, so the service never refuses a call for its length. Every frame goes to exactly one call: nothing is
 * dropped or sent twice across the switch.
 */
export class CallBudget {
  #ms = 0;
  #bytes = 0;
  constructor(
    private readonly limits: CallLimits | undefined,
    private readonly points: RotationPoints = defaultRotationPoints,
  ) {}

  /** True when the frame of `ms`/`bytes` with level `rms` should go to a fresh call. */
  shouldRotate(frame: { ms: number; bytes: number; rms: number }, betweenUtterances: boolean): boolean {
    if (!this.limits || (this.#ms === 0 && this.#bytes === 0)) return false;
    const used = Math.max((this.#ms + frame.ms) / this.limits.audioMs, (this.#bytes + frame.bytes) / this.limits.bytes);
    if (used >= this.points.always) return true;
    if (used >= this.points.atPause && frame.rms < PAUSE_RMS) return true;
    return used >= this.points.betweenUtterances && betweenUtterances;
  }

  add(ms: number, bytes: number): void {
    this.#ms += ms;
    this.#bytes += bytes;
  }

  reset(): void {
    this.#ms = 0;
    this.#bytes = 0;
  }
}
