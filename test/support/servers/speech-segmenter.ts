/** What a recognizer reports while audio streams in. */
export type SegmenterEvent = { type: 'partial'; text: string } | { type: 'final'; text: string } | { type: 'eou' };

/** Options for {@link SpeechSegmenter}. */
export interface SegmenterOptions {
  sampleRate: number;
  /** Text recognized for each utterance, in order (cycled). */
  phrases: readonly string[];
  /** A partial every this much speech. */
  partialEveryMs?: number;
  /** Silence after speech that ends an utterance. */
  eouSilenceMs?: number;
  /** RMS level (0…1) above which a 10 ms window counts as speech. */
  threshold?: number;
  /** Shared between the calls of one server, so a second call hears the next phrase. */
  counter?: { n: number };
}

/**
 * The recognizer inside the local STT protocol servers: an energy detector over PCM16LE that reports growing
 * partial hypotheses while someone speaks, then the utterance's final text and an end-of-utterance once
 * `eouSilenceMs` of silence follow. Recognized words come from `phrases` (there is no Russian model here).
 */
export class SpeechSegmenter {
  readonly #o: Required<SegmenterOptions>;
  #speechMs = 0;
  #silenceMs = 0;
  #sincePartialMs = 0;
  #words = 0;
  #carry = Buffer.alloc(0);
  /** Audio seen, ms. */
  audioMs = 0;

  constructor(opts: SegmenterOptions) {
    this.#o = { partialEveryMs: 200, eouSilenceMs: 400, threshold: 0.02, counter: { n: 0 }, ...opts };
  }

  push(pcm: Buffer): SegmenterEvent[] {
    const win = Math.round(this.#o.sampleRate / 100) * 2;
    let buf = Buffer.concat([this.#carry, pcm]);
    const out: SegmenterEvent[] = [];
    while (buf.byteLength >= win) {
      out.push(...this.#window(buf.subarray(0, win)));
      buf = buf.subarray(win);
    }
    this.#carry = Buffer.from(buf);
    return out;
  }

  /** The client says the utterance is over (or the stream ended): finish it now. */
  finish(): SegmenterEvent[] {
    return this.#speechMs > 0 ? this.#end() : [];
  }

  #window(w: Buffer): SegmenterEvent[] {
    this.audioMs += 10;
    let sum = 0;
    for (let i = 0; i + 1 < w.byteLength; i += 2) sum += (w.readInt16LE(i) / 32768) ** 2;
    const speech = Math.sqrt(sum / (w.byteLength / 2)) > this.#o.threshold;
    if (speech) {
      this.#speechMs += 10;
      this.#silenceMs = 0;
      this.#sincePartialMs += 10;
      if (this.#sincePartialMs >= this.#o.partialEveryMs) {
        this.#sincePartialMs = 0;
        const words = this.#current().split(' ');
        this.#words = Math.min(words.length - 1, this.#words + 1);
        if (this.#words > 0) return [{ type: 'partial', text: words.slice(0, this.#words).join(' ') }];
      }
      return [];
    }
    if (this.#speechMs === 0) return [];
    this.#silenceMs += 10;
    return this.#silenceMs >= this.#o.eouSilenceMs ? this.#end() : [];
  }

  #current(): string {
    return this.#o.phrases[this.#o.counter.n % this.#o.phrases.length] ?? '';
  }

  #end(): SegmenterEvent[] {
    const text = this.#current();
    this.#o.counter.n += 1;
    this.#speechMs = 0;
    this.#silenceMs = 0;
    this.#sincePartialMs = 0;
    this.#words = 0;
    return [{ type: 'final', text }, { type: 'eou' }];
  }
}
