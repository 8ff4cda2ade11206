import { stt } from '@livekit/agents';
import type { AudioFrame } from '@livekit/rtc-node';
import { asSource } from './speech.ts';

/** A speech event reduced to what tests compare: its kind and text. */
export interface SeenEvent {
  type: 'start' | 'interim' | 'final' | 'end' | 'usage' | 'preflight';
  text?: string;
}

const names: Record<stt.SpeechEventType, SeenEvent['type']> = {
  [stt.SpeechEventType.START_OF_SPEECH]: 'start',
  [stt.SpeechEventType.INTERIM_TRANSCRIPT]: 'interim',
  [stt.SpeechEventType.FINAL_TRANSCRIPT]: 'final',
  [stt.SpeechEventType.END_OF_SPEECH]: 'end',
  [stt.SpeechEventType.RECOGNITION_USAGE]: 'usage',
  [stt.SpeechEventType.PREFLIGHT_TRANSCRIPT]: 'preflight',
};

/**
 * Feed frames into a fresh stream of `instance` (like the session's audio input does) and collect every event.
 * `onEvent` may return true to stop early (e.g. close the stream on the first interim, as a barge-in would).
 */
export async function streamEvents(
  instance: stt.STT,
  frames: readonly AudioFrame[],
  onEvent?: (ev: SeenEvent, stream: stt.SpeechStream) => boolean | void,
  opts: { realtime?: boolean } = {},
): Promise<SeenEvent[]> {
  const stream = instance.stream();
  const pump = (async () => {
    try {
      for await (const f of opts.realtime ? paced(frames) : asSource(frames)) stream.pushFrame(f);
      stream.endInput();
    } catch {
      // closed early
    }
  })();
  const seen: SeenEvent[] = [];
  try {
    for await (const ev of stream) {
      const text = ev.alternatives?.[0]?.text;
      const item: SeenEvent = { type: names[ev.type], ...(text ? { text } : {}) };
      seen.push(item);
      if (onEvent?.(item, stream)) break;
    }
  } finally {
    stream.close();
    await pump;
  }
  return seen;
}

/** Frames at the pace a phone line delivers them (one per frame duration), for behaviour that depends on it. */
async function* paced(frames: readonly AudioFrame[]): AsyncIterable<AudioFrame> {
  const start = performance.now();
  let at = 0;
  for (const f of frames) {
    const wait = start + at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    yield f;
    at += (f.samplesPerChannel / f.sampleRate) * 1000;
  }
}
