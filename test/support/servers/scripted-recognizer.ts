import type { ServerDuplexStream } from '@grpc/grpc-js';
import { StreamingResponse, type StreamingRequest } from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/stt/v3/stt';

/** One stretch of the caller's speech as the caller script says it: its words and how long its audio is. */
export interface ScriptChunk {
  text: string;
  durationMs: number;
}

/** Tuning of the energy detector. */
export interface ScriptedRecognizerOptions {
  /** RMS level (0…1) above which a 10 ms window counts as speech. */
  threshold?: number;
  /** Silence after speech that ends a phrase (SpeechKit's HIGH end-of-utterance sensitivity is of this order). */
  eouSilenceMs?: number;
  /** A growing partial every this much of a phrase. */
  partialEveryMs?: number;
}

interface Binding {
  id: string;
  chunks: ScriptChunk[];
  next: number;
  closed: boolean;
}

/**
 * SIMULATED speech recognition on the phone path (no Russian speech model can be installed here): the
 * `speechkit.stt.v3.Recognizer/RecognizeStreaming` method for the project's local SpeechKit protocol server,
 * driven by the caller script instead of a model. It hears nothing but the audio the real SpeechKit client
 * sends, finds speech in it by energy, and releases the script's phrases in step with that audio: growing
 * partials while a phrase is being spoken (words in proportion to its elapsed audio), the phrase's text as
 * the final plus an end-of-utterance once a pause follows it. A caller registers its chunks before dialing
 * ({@link expect}); each recognition connection (one per agent job process) takes the oldest waiting script
 * when speech first appears on it and keeps it until the caller {@link release}s it.
 */
export class ScriptedRecognizer {
  readonly #o: Required<ScriptedRecognizerOptions>;
  readonly #waiting: Binding[] = [];
  readonly #byPeer = new Map<string, Binding>();
  #ids = 0;
  /** Streams served, and phrases released as finals (for tests and the stack's log). */
  streams = 0;
  finals = 0;

  constructor(opts: ScriptedRecognizerOptions = {}) {
    this.#o = { threshold: 0.02, eouSilenceMs: 400, partialEveryMs: 200, ...opts };
  }

  /** A caller is about to speak these chunks, in order; returns the id to {@link release} with. */
  expect(chunks: ScriptChunk[]): string {
    const id = `script-${++this.#ids}`;
    this.#waiting.push({ id, chunks, next: 0, closed: false });
    return id;
  }

  /** The caller's call is over: its connection takes the next script on its next speech. */
  release(id: string): void {
    for (const list of [this.#waiting, [...this.#byPeer.values()]]) for (const b of list) if (b.id === id) b.closed = true;
    const i = this.#waiting.findIndex((b) => b.id === id);
    if (i >= 0) this.#waiting.splice(i, 1);
  }

  #bind(peer: string): Binding | undefined {
    const bound = this.#byPeer.get(peer);
    if (bound && !bound.closed) return bound;
    const next = this.#waiting.shift();
    if (next) this.#byPeer.set(peer, next);
    else this.#byPeer.delete(peer);
    return next;
  }

  /** The gRPC handler (register with the Recognizer service definition). */
  readonly recognizeStreaming = (call: ServerDuplexStream<StreamingRequest, StreamingResponse>): void => {
    this.streams += 1;
    const peer = call.getPeer();
    const uuid = `scripted-${this.streams}`;
    let rate = 0;
    let carry = Buffer.alloc(0);
    let audioMs = 0;
    // The phrase being heard: when its speech began, and how much silence follows the last speech.
    let phraseStart: number | undefined;
    let silenceMs = 0;
    let partialWords = 0;
    let sincePartial = 0;
    const write = (kind: 'partial' | 'final', text: string) => {
      const alt = { alternatives: [{ text, words: [], startTimeMs: 0, endTimeMs: 0, confidence: 0.9, languages: [] }], channelTag: '0' };
      const base = { sessionUuid: { uuid, userRequestId: '' }, channelTag: '0' };
      call.write(StreamingResponse.fromPartial(kind === 'partial' ? { ...base, partial: alt } : { ...base, final: alt }));
    };
    const eou = () => call.write(StreamingResponse.fromPartial({ sessionUuid: { uuid, userRequestId: '' }, channelTag: '0', eouUpdate: { timeMs: audioMs } }));
    const current = () => {
      const b = this.#bind(peer);
      return b ? { b, chunk: b.chunks[b.next] } : undefined;
    };
    const finish = (force: boolean) => {
      if (phraseStart === undefined) return;
      const c = current();
      const heard = audioMs - silenceMs - phraseStart;
      // A pause inside a phrase (before most of its audio was heard) does not end it.
      if (c?.chunk && !force && heard < c.chunk.durationMs * 0.6) return;
      phraseStart = undefined;
      partialWords = 0;
      if (!c?.chunk) return;
      c.b.next += 1;
      this.finals += 1;
      write('final', c.chunk.text);
      eou();
    };
    const window = (w: Buffer) => {
      audioMs += 10;
      let sum = 0;
      for (let i = 0; i + 1 < w.byteLength; i += 2) sum += (w.readInt16LE(i) / 32768) ** 2;
      const speech = Math.sqrt(sum / (w.byteLength / 2)) > this.#o.threshold;
      if (!speech) {
        if (phraseStart === undefined) return;
        silenceMs += 10;
        if (silenceMs >= this.#o.eouSilenceMs) finish(false);
        return;
      }
      silenceMs = 0;
      phraseStart ??= audioMs;
      sincePartial += 10;
      const c = current();
      if (!c?.chunk || sincePartial < this.#o.partialEveryMs) return;
      sincePartial = 0;
      const words = c.chunk.text.split(/\s+/);
      const due = Math.min(words.length - 1, Math.floor(((audioMs - phraseStart) / c.chunk.durationMs) * words.length));
      if (due > partialWords) {
        partialWords = due;
        write('partial', words.slice(0, due).join(' '));
      }
    };
    call.on('data', (req: StreamingRequest) => {
      if (req.sessionOptions) rate = req.sessionOptions.recognitionModel?.audioFormat?.rawAudio?.sampleRateHertz ?? 16_000;
      if (req.chunk && rate) {
        const size = (rate / 100) * 2;
        let buf = Buffer.concat([carry, req.chunk.data]);
        for (; buf.byteLength >= size; buf = buf.subarray(size)) window(buf.subarray(0, size));
        carry = Buffer.from(buf);
      }
      if (req.eou) finish(false);
    });
    call.on('end', () => {
      finish(false);
      call.end();
    });
    call.on('error', () => undefined);
  };
}
