import { setTimeout as sleep } from 'node:timers/promises';
import type { BotLine } from './bot-line.ts';
import { isSilence, type CallerScript } from './caller-script.ts';
import type { CallerLine, Utterance } from './caller-line.ts';
import { msToSamples, samplesToMs, type CallClock } from './call-clock.ts';
import type { SpokenChunk } from './caller-voice.ts';
import type { TurnRecord } from './timeline.ts';

/** What the caller needs to follow the call. */
export interface CallerDeps {
  clock: CallClock;
  line: CallerLine;
  bot: BotLine;
  /** Synthesized audio of each chunk text of the script. */
  chunks: ReadonlyMap<string, SpokenChunk>;
  /** The call is over (the bot hung up). */
  ended: () => boolean;
}

const POLL_MS = 20;
/** The bot is done replying once its line has been quiet this long after it spoke. */
const REPLY_SETTLED_MS = 600;

/** Wait until the bot has spoken since `since` (samples) and gone quiet, or `timeoutMs` passed. */
async function waitForReply(d: CallerDeps, since: number, timeoutMs: number, starts: number[]): Promise<void> {
  const deadline = d.clock.nowMs() + timeoutMs;
  let quietSince: number | undefined;
  while (!d.ended() && d.clock.nowMs() < deadline) {
    const spoke = starts.some((s) => s >= since);
    if (spoke && !d.bot.busy) {
      quietSince ??= d.clock.nowMs();
      if (d.clock.nowMs() - quietSince >= REPLY_SETTLED_MS) return;
    } else quietSince = undefined;
    await sleep(POLL_MS);
  }
}

/** Wait until the bot starts a reply after `since` (samples). */
async function waitForReplyStart(d: CallerDeps, since: number, timeoutMs: number, starts: number[]): Promise<number | null> {
  const deadline = d.clock.nowMs() + timeoutMs;
  while (!d.ended() && d.clock.nowMs() < deadline) {
    const s = starts.find((t) => t >= since);
    if (s !== undefined) return s;
    await sleep(POLL_MS / 4);
  }
  return null;
}

/**
 * Play a caller script against the bot in real time: each turn waits for the bot's reply (or
 * starts over it), says its chunks with their pauses, and is recorded with its speech span.
 */
export async function runCaller(script: CallerScript, d: CallerDeps): Promise<Omit<TurnRecord, 'committed_ms' | 'committed_text' | 'first_bot_audio_ms' | 'latency_ms' | 'cut_off' | 'false_wait' | 'bot_stop_ms' | 'bot_stopped'>[]> {
  const starts: number[] = [];
  const onStart = (at: number) => starts.push(at);
  d.bot.events.on('audioStart', onStart);
  const records = [];
  let since = 0; // bot replies count from the end of the caller's last speech
  try {
    for (const [index, turn] of script.turns.entries()) {
      if (d.ended()) break;
      if (isSilence(turn)) {
        await waitForReply(d, since, script.reply_timeout, starts);
        const at = d.clock.nowMs();
        records.push({ index, text: '', kind: 'silence' as const, over_reply: false, backchannel: false, speech_start_ms: at, speech_end_ms: at });
        await sleep(turn.silence);
        since = msToSamples(at);
        continue;
      }
      if (turn.over_reply !== undefined) {
        const replyAt = await waitForReplyStart(d, since, script.reply_timeout, starts);
        if (replyAt !== null) await sleep(Math.max(0, samplesToMs(replyAt) + turn.over_reply - d.clock.nowMs()));
      } else {
        await waitForReply(d, since, script.reply_timeout, starts);
        await sleep(turn.after);
      }
      if (d.ended()) break;
      const utterance: Utterance = turn.say.map((p) =>
        'say' in p ? { kind: 'speech' as const, chunk: d.chunks.get(p.say)! } : { kind: 'pause' as const, samples: msToSamples(p.pauseMs) },
      );
      let first: number | undefined;
      let last = 0;
      const onSpeechStart = (at: number) => void (first ??= at);
      const onSpeechEnd = (at: number) => void (last = at);
      d.line.events.on('speechStart', onSpeechStart);
      d.line.events.on('speechEnd', onSpeechEnd);
      await d.line.say(utterance);
      d.line.events.off('speechStart', onSpeechStart);
      d.line.events.off('speechEnd', onSpeechEnd);
      since = last;
      records.push({
        index,
        text: turn.say.flatMap((p) => ('say' in p ? [p.say] : [])).join(' '),
        kind: turn.kind,
        over_reply: turn.over_reply !== undefined,
        backchannel: turn.backchannel,
        speech_start_ms: samplesToMs(first ?? last),
        speech_end_ms: samplesToMs(last),
      });
    }
    await waitForReply(d, since, script.reply_timeout, starts);
  } finally {
    d.bot.events.off('audioStart', onStart);
  }
  return records;
}
