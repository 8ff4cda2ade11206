import { EventEmitter } from 'node:events';
import { voice } from '@livekit/agents';
import type { AudioFrame } from '@livekit/rtc-node';
import { SPOKEN_MARK, type SpokenMark } from './bot-voice.ts';
import { Track, type ClockedLine } from './call-clock.ts';
import { LINE_RATE, wordEnds } from './caller-voice.ts';
import type { PhoneChannel } from './phone-channel.ts';

/** What the bot line reports, in samples on the call timeline. */
export interface BotLineEvents {
  audioStart: [at: number];
  audioEnd: [at: number, interrupted: boolean, said: string];
  paused: [at: number];
  resumed: [at: number];
}

interface Segment {
  frames: { pcm: Int16Array; mark: SpokenMark | undefined }[];
  frame: number;
  offset: number;
  played: number;
  flushed: boolean;
  started: boolean;
}

/**
 * The bot's side of the line as the session's audio output: frames play out in real time on the
 * call clock (pausable, as agents-js needs to resume a falsely interrupted reply), through the
 * phone channel on a telephone line, into call.wav. On an interruption it reports what was actually said.
 */
export class BotLine extends voice.AudioOutput implements ClockedLine {
  readonly events = new EventEmitter<BotLineEvents>();
  readonly track = new Track();
  #segments: Segment[] = [];
  #open: Segment | undefined;
  #paused = false;
  #written = 0;

  /** `phone`: the caller hears the bot through an 8 kHz μ-law phone channel (band, noise, codec). */
  constructor(private readonly phone?: PhoneChannel) {
    super(LINE_RATE, undefined, { pause: true });
  }

  /** True while reply audio is queued or playing. */
  get busy(): boolean {
    return this.#segments.length > 0;
  }

  override async captureFrame(frame: AudioFrame): Promise<void> {
    await super.captureFrame(frame);
    if (!this.#open) {
      this.#open = { frames: [], frame: 0, offset: 0, played: 0, flushed: false, started: false };
      this.#segments.push(this.#open);
    }
    const mark = frame.userdata[SPOKEN_MARK] as SpokenMark | undefined;
    this.#open.frames.push({ pcm: frame.data.slice(0, frame.samplesPerChannel * frame.channels), mark });
  }

  override flush(): void {
    super.flush();
    if (this.#open) this.#open.flushed = true;
    this.#open = undefined;
  }

  override clearBuffer(): void {
    const at = this.#written;
    const segments = this.#segments;
    this.#segments = [];
    this.#open = undefined;
    for (const [i, s] of segments.entries()) {
      const said = i === 0 ? spokenText(s) : '';
      if (s.started) this.events.emit('audioEnd', at, true, said);
      this.onPlaybackFinished({ playbackPosition: i === 0 ? s.played / LINE_RATE : 0, interrupted: true, synchronizedTranscript: said });
    }
  }

  override pause(): void {
    if (!this.#paused) this.events.emit('paused', this.#written);
    this.#paused = true;
  }

  override resume(): void {
    if (this.#paused) this.events.emit('resumed', this.#written);
    this.#paused = false;
  }

  advance(to: number): void {
    while (this.#written < to) {
      const out = new Int16Array(to - this.#written);
      let filled = 0;
      while (!this.#paused && filled < out.length && this.#segments.length > 0) {
        const s = this.#segments[0]!;
        const f = s.frames[s.frame];
        if (!f) {
          if (!s.flushed) break; // waiting for more TTS audio
          this.#segments.shift();
          if (s.started) this.events.emit('audioEnd', this.#written + filled, false, spokenText(s));
          this.onPlaybackFinished({ playbackPosition: s.played / LINE_RATE, interrupted: false });
          continue;
        }
        if (!s.started) {
          s.started = true;
          this.events.emit('audioStart', this.#written + filled);
          this.onPlaybackStarted(Date.now());
        }
        const n = Math.min(f.pcm.length - s.offset, out.length - filled);
        out.set(f.pcm.subarray(s.offset, s.offset + n), filled);
        s.offset += n;
        s.played += n;
        filled += n;
        if (s.offset >= f.pcm.length) {
          s.frame += 1;
          s.offset = 0;
        }
      }
      this.phone?.process(out);
      this.track.write(this.#written, out);
      this.#written += out.length;
    }
  }
}

/** The words of a segment that were played: whole sentences, then the share of the cut one. */
export function spokenText(s: Pick<Segment, 'frames' | 'frame' | 'offset'>): string {
  const reached = new Map<string, { mark: SpokenMark; played: number }>();
  const upTo = Math.min(s.frame, s.frames.length);
  for (let i = 0; i <= upTo; i++) {
    const f = s.frames[i];
    if (!f?.mark) continue;
    const played = f.mark.offset + (i < upTo ? f.pcm.length : s.offset);
    const prev = reached.get(f.mark.sentence);
    if (!prev || played > prev.played) reached.set(f.mark.sentence, { mark: f.mark, played });
  }
  const said: string[] = [];
  for (const { mark, played } of reached.values()) {
    if (played >= mark.samples) said.push(mark.sentence);
    else said.push(wordEnds(mark.sentence, mark.samples).filter((w) => w.end <= played).map((w) => w.text).join(' '));
  }
  return said.filter(Boolean).join(' ');
}
