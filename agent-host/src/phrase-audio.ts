import { ReadableStream } from 'node:stream/web';
import type { AudioFrame } from '@livekit/rtc-node';
import { sentences } from './sentences.ts';

/** A TTS node: text in, audio frames out (agents-js `Agent.ttsNode` shape). */
export type TtsNode = (text: ReadableStream<string>) => Promise<ReadableStream<AudioFrame> | null>;

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const frameBytes = (f: AudioFrame) => f.data.byteLength + 64;

/**
 * The audio of phrases a bot says again and again — the greeting, prompts, reprompts, "Могу ещё
 * чем-нибудь помочь?" — kept per voice, so a scripted reply plays the moment its turn is
 * committed instead of after a TTS round trip. Least recently used phrases go first past `maxBytes`;
 * long sentences (read-backs, knowledge answers) are not kept.
 */
export class PhraseAudioCache {
  readonly #entries = new Map<string, AudioFrame[]>();
  #bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly opts: { maxBytes: number; maxChars: number } = { maxBytes: 32 * 1024 * 1024, maxChars: 90 }) {}

  get(key: string): AudioFrame[] | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, frames: AudioFrame[]): void {
    const size = frames.reduce((n, f) => n + frameBytes(f), 0);
    if (!frames.length || size > this.opts.maxBytes || this.#entries.has(key)) return;
    this.#entries.set(key, frames);
    this.#bytes += size;
    for (const [k, v] of this.#entries) {
      if (this.#bytes <= this.opts.maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= v.reduce((n, f) => n + frameBytes(f), 0);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Wrap a TTS node with the phrase cache: the reply text is cut into sentences; a sentence this voice
 * has said before plays from the cache, any other goes through `inner` (and is kept if short).
 * `voice` keys the cache: the same words in another voice are other audio.
 */
export function cachedTtsNode(inner: TtsNode, cache: PhraseAudioCache, voice: () => string): TtsNode {
  return async (text) => {
    let current: ReadableStreamDefaultReader<AudioFrame> | undefined;
    let cancelled = false;
    return new ReadableStream<AudioFrame>({
      async start(controller) {
        try {
          for await (const sentence of sentences(text as AsyncIterable<string>, 1)) {
            if (cancelled) break;
            const key = `${voice()}|${norm(sentence)}`;
            const hit = cache.get(key);
            if (hit) {
              cache.hits += 1;
              for (const f of hit) controller.enqueue(f);
              continue;
            }
            cache.misses += 1;
            const audio = await inner(ReadableStream.from([sentence]) as ReadableStream<string>);
            if (!audio) continue;
            const frames: AudioFrame[] = [];
            current = audio.getReader();
            for (let r = await current.read(); !r.done; r = await current.read()) {
              frames.push(r.value);
              controller.enqueue(r.value);
            }
            current = undefined;
            if (!cancelled && norm(sentence).length <= cache.opts.maxChars) cache.set(key, frames);
          }
          controller.close();
        } catch (err) {
          // cancelled (interruption, discarded preemptive reply): just end; a TTS failure goes on up
          try {
            if (cancelled) controller.close();
            else controller.error(err);
          } catch {
            // already closed
          }
        }
      },
      cancel() {
        cancelled = true;
        void current?.cancel().catch(() => undefined);
      },
    });
  };
}
