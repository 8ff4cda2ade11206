import { EventEmitter } from 'node:events';
import type { BotLineEvents } from '../audio/bot-line.ts';
import { msToSamples, Track, type CallClock, type ClockedLine } from '../audio/call-clock.ts';
import { RTP_RATE } from './rtp.ts';

/** A 20 ms packet louder than this (RMS of 16-bit samples) is bot speech. */
const SPEECH_RMS = 400;
/** The bot's reply is over after this much quiet (espeak-ng pauses between sentences are shorter). */
const REPLY_GAP_MS = 500;
/** Packets arriving within this of where the last one ended are placed right after it (jitter). */
const CONTIGUOUS_MS = 60;

/**
 * What the caller hears on a SIP call: the PCMU packets LiveKit SIP sends, placed on the call clock where they
 * arrive (16 kHz, interpolated from 8 kHz) and recorded for call.wav. Bot replies are found in that audio by
 * energy — `audioStart` at the first loud packet, `audioEnd` at the last loud one once {@link REPLY_GAP_MS} of
 * quiet followed — so every figure taken from it is what a caller's ear would measure.
 */
export class HeardLine implements ClockedLine {
  readonly events = new EventEmitter<BotLineEvents>();
  readonly track = new Track();
  #next = 0;
  #replyStart: number | undefined;
  #lastLoudEnd = 0;

  constructor(
    private readonly clock: CallClock,
    /** Was the caller talking at this sample? (a reply that stopped then was interrupted) */
    private readonly callerSpeakingAt: (at: number) => boolean,
  ) {}

  /** True while a reply is being heard. */
  get busy(): boolean {
    return this.#replyStart !== undefined;
  }

  /** One received packet of 8 kHz PCM. */
  receive(pcm8: Int16Array): void {
    const now = this.clock.nowSamples();
    const at = now - this.#next < msToSamples(CONTIGUOUS_MS) && this.#next <= now + msToSamples(CONTIGUOUS_MS) ? this.#next : now;
    const pcm = upsample(pcm8);
    this.track.write(at, pcm);
    this.#next = at + pcm.length;
    let sum = 0;
    for (const s of pcm8) sum += s * s;
    if (Math.sqrt(sum / Math.max(1, pcm8.length)) < SPEECH_RMS) return;
    if (this.#replyStart === undefined) {
      this.#replyStart = at;
      this.events.emit('audioStart', at);
    }
    this.#lastLoudEnd = at + pcm.length;
  }

  advance(to: number): void {
    if (this.#replyStart !== undefined && to - this.#lastLoudEnd >= msToSamples(REPLY_GAP_MS)) this.#endReply();
  }

  #endReply(): void {
    this.#replyStart = undefined;
    this.events.emit('audioEnd', this.#lastLoudEnd, this.callerSpeakingAt(this.#lastLoudEnd), '');
  }
}

/** 8 kHz → 16 kHz by linear interpolation (the recording's rate; the ear gets nothing above 4 kHz anyway). */
function upsample(pcm8: Int16Array): Int16Array {
  const ratio = 16_000 / RTP_RATE;
  const out = new Int16Array(pcm8.length * ratio);
  for (let i = 0; i < pcm8.length; i++) {
    const a = pcm8[i]!;
    const b = pcm8[i + 1] ?? a;
    out[i * 2] = a;
    out[i * 2 + 1] = (a + b) >> 1;
  }
  return out;
}
