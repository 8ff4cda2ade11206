import { EventEmitter } from 'node:events';
import { ReadableStream, type ReadableStreamDefaultController } from 'node:stream/web';
import { voice } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { Track, type ClockedLine } from './call-clock.ts';
import { LINE_RATE, type SpokenChunk } from './caller-voice.ts';
import type { LineNoise } from './line.ts';
import { PhoneChannel } from './phone-channel.ts';

/** One thing the caller says: chunks of speech with silent pauses between them (samples). */
export type Utterance = ({ kind: 'speech'; chunk: SpokenChunk } | { kind: 'pause'; samples: number })[];

/** What the caller line reports, in samples on the call timeline. */
export interface CallerLineEvents {
  speechStart: [at: number, text: string];
  word: [at: number, word: string];
  speechEnd: [at: number, text: string];
}

interface Playing {
  parts: Utterance;
  part: number;
  offset: number;
  nextWord: number;
  done: () => void;
}

const FRAME = LINE_RATE / 100; // 10 ms

/**
 * The caller's side of the line as the session's audio input: 16 kHz frames paced by the call
 * clock — the caller's speech when they talk, line noise (or digital silence) otherwise, through the
 * phone channel on a telephone line. Every
 * sample sent is also kept for call.wav. Emits `word` as each word's audio has been sent.
 */
export class CallerLine extends voice.AudioInput implements ClockedLine {
  readonly events = new EventEmitter<CallerLineEvents>();
  readonly track = new Track();
  #controller: ReadableStreamDefaultController<AudioFrame> | undefined;
  #queue: Playing[] = [];
  #sent = 0;

  /** `line`: line noise added at 16 kHz, or a phone channel (8 kHz band, noise, μ-law) the caller's audio goes through. */
  constructor(private readonly line?: LineNoise | PhoneChannel) {
    super();
    const stream = new ReadableStream<AudioFrame>({ start: (c) => void (this.#controller = c) });
    this.multiStream.addInputStream(stream as unknown as Parameters<typeof this.multiStream.addInputStream>[0]);
  }

  /** True while an utterance is being sent. */
  get speaking(): boolean {
    return this.#queue.length > 0;
  }

  /** Queue an utterance; resolves once its last sample was sent. */
  say(parts: Utterance): Promise<void> {
    return new Promise((done) => this.#queue.push({ parts, part: 0, offset: 0, nextWord: 0, done }));
  }

  advance(to: number): void {
    while (this.#sent + FRAME <= to) {
      const pcm = new Int16Array(FRAME);
      this.#fill(pcm, this.#sent);
      if (this.line instanceof PhoneChannel) this.line.process(pcm);
      else this.line?.addTo(pcm);
      this.track.write(this.#sent, pcm);
      this.#sent += FRAME;
      try {
        this.#controller?.enqueue(new AudioFrame(pcm, LINE_RATE, 1, FRAME));
      } catch {
        // the session closed its input
      }
    }
  }

  #fill(out: Int16Array, at: number): void {
    let filled = 0;
    while (filled < out.length && this.#queue.length > 0) {
      const p = this.#queue[0]!;
      const part = p.parts[p.part];
      if (!part) {
        this.#queue.shift();
        p.done();
        continue;
      }
      const remaining = part.kind === 'speech' ? part.chunk.pcm.length - p.offset : part.samples - p.offset;
      const n = Math.min(remaining, out.length - filled);
      if (part.kind === 'speech') {
        if (p.offset === 0) this.events.emit('speechStart', at + filled, part.chunk.text);
        out.set(part.chunk.pcm.subarray(p.offset, p.offset + n), filled);
        const words = part.chunk.words;
        while (p.nextWord < words.length && words[p.nextWord]!.end <= p.offset + n) {
          this.events.emit('word', at + filled + (words[p.nextWord]!.end - p.offset), words[p.nextWord]!.text);
          p.nextWord += 1;
        }
      }
      p.offset += n;
      filled += n;
      if (p.offset >= (part.kind === 'speech' ? part.chunk.pcm.length : part.samples)) {
        if (part.kind === 'speech') this.events.emit('speechEnd', at + filled, part.chunk.text);
        p.part += 1;
        p.offset = 0;
        p.nextWord = 0;
      }
    }
  }

  override async close(): Promise<void> {
    try {
      this.#controller?.close();
    } catch {
      // already closed
    }
    await super.close();
  }
}
