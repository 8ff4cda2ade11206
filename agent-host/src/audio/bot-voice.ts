import { ReadableStream } from 'node:stream/web';
import { AudioFrame, AudioResampler } from '@livekit/rtc-node';
import { espeakToWav, type EspeakOptions } from '../providers/tts/espeak.ts';
import { sentences } from '../sentences.ts';
import { LINE_RATE, trimSilence } from './caller-voice.ts';

/** What a bot audio frame carries: the sentence it belongs to and where in it (for what-was-said). */
export interface SpokenMark {
  sentence: string;
  /** Sample offset of this frame inside the sentence, and the sentence's length (16 kHz). */
  offset: number;
  samples: number;
}

export const SPOKEN_MARK = 'voicebot.spoken';
const FRAME = LINE_RATE / 100;

/** espeak-ng audio of one sentence at the line rate, trimmed to the voice. */
async function speakSentence(text: string, opts: Partial<EspeakOptions>, signal?: AbortSignal): Promise<Int16Array> {
  const wav = await espeakToWav(text, opts, signal);
  const src = new Int16Array(wav.pcm.buffer.slice(wav.pcm.byteOffset, wav.pcm.byteOffset + wav.pcm.byteLength - (wav.pcm.byteLength % 2)));
  const resampler = new AudioResampler(wav.sampleRate, LINE_RATE, 1);
  try {
    const parts = [...resampler.push(new AudioFrame(src, wav.sampleRate, 1, src.length)), ...resampler.flush()];
    const out = new Int16Array(parts.reduce((n, f) => n + f.samplesPerChannel, 0));
    let at = 0;
    for (const f of parts) {
      out.set(f.data.subarray(0, f.samplesPerChannel), at);
      at += f.samplesPerChannel;
    }
    return trimSilence(out);
  } finally {
    resampler.close();
  }
}

/** A long sentence in phrases (at ", " / ": " after ≥ 20 characters), so the first audio comes sooner. */
export function phrases(sentence: string): string[] {
  const out: string[] = [];
  let rest = sentence.trim();
  for (;;) {
    const m = /[,:;]\s/g;
    m.lastIndex = 20;
    const hit = rest.length > 40 ? m.exec(rest) : null;
    if (!hit) break;
    out.push(rest.slice(0, hit.index + 1));
    rest = rest.slice(hit.index + 2).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * The bot's voice for an `Agent.ttsNode`: the reply text re-cut into sentences, each spoken by
 * espeak-ng (the project's EspeakTTS engine) as soon as it is complete, in 10 ms frames at 16 kHz
 * marked with their sentence so the line can tell what was actually said when a reply is cut.
 */
export function espeakVoiceNode(opts: Partial<EspeakOptions> = {}) {
  return async (text: ReadableStream<string> | AsyncIterable<string>): Promise<ReadableStream<AudioFrame>> => {
    const abort = new AbortController();
    return new ReadableStream<AudioFrame>({
      async start(controller) {
        try {
          for await (const sentence of sentences(text as AsyncIterable<string>, 1)) {
            for (const phrase of phrases(sentence)) {
              const pcm = await speakSentence(phrase, opts, abort.signal);
              for (let offset = 0; offset < pcm.length; offset += FRAME) {
                const part = new Int16Array(FRAME);
                part.set(pcm.subarray(offset, offset + FRAME));
                const mark: SpokenMark = { sentence: phrase, offset, samples: pcm.length };
                controller.enqueue(new AudioFrame(part, LINE_RATE, 1, FRAME, { [SPOKEN_MARK]: mark }));
              }
            }
          }
          controller.close();
        } catch {
          // cancelled (interruption, discarded preemptive reply)
          try {
            controller.close();
          } catch {
            // already closed
          }
        }
      },
      cancel() {
        abort.abort();
      },
    });
  };
}

