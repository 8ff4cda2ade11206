import { ReadableStream } from 'node:stream/web';
import type { BotConfig } from '../../core/config/bot-config.ts';
import { toSpoken } from '../../core/speech/index.ts';

/** A sentence ends here: ".", "!", "?" or "…" then a space and a capital (an abbreviation's dot is followed by lower case or a digit). */
const SENTENCE_END = /[.!?…]+["»)]?\s+(?=[А-ЯЁA-Z«"])/gu;

/** Index just past the last sentence end in `text`, or 0. */
function lastSentenceEnd(text: string): number {
  let end = 0;
  for (const m of text.matchAll(SENTENCE_END)) end = m.index + m[0].length;
  return end;
}

/**
 * The text the agent hands to TTS, as a person says it (core/speech: dates, times in the bot's `speech.time_style`,
 * prices, phones, abbreviations). Streamed text is spoken a whole sentence at a time, so a number is never cut
 * between two chunks; the transcript keeps the written text. Plain text: every TTS of the chain reads it.
 */
export function spokenTextTransform(config: BotConfig): (text: ReadableStream<string>) => ReadableStream<string> {
  const timeStyle = config.speech?.time_style ?? 'conversational';
  return (text) => {
    let pending = '';
    return text.pipeThrough(
      new TransformStream<string, string>({
        transform(chunk, out) {
          pending += chunk;
          const end = lastSentenceEnd(pending);
          if (!end) return;
          out.enqueue(toSpoken(pending.slice(0, end), { timeStyle }));
          pending = pending.slice(end);
        },
        flush(out) {
          if (pending) out.enqueue(toSpoken(pending, { timeStyle }));
        },
      }),
    ) as ReadableStream<string>;
  };
}
