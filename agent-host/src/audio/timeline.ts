import type { SayTurnSpec } from './caller-script.ts';

/** One thing that happened on the call, at `t_ms` from the call start (audio timeline). */
export type TimelineEvent = { t_ms: number } & (
  | { type: 'caller_speech_start' | 'caller_speech_end'; text: string }
  | { type: 'vad_speech_start' | 'vad_speech_end' }
  | { type: 'transcript_final'; text: string }
  | { type: 'eot_decision'; verdict: string | null; reason: string | null; threshold: number | null }
  | { type: 'user_turn'; text: string }
  /** The committed-turn watchdog had to commit a final agents-js left hanging (a defect to find). */
  | { type: 'turn_rescued'; text: string }
  | { type: 'bot_audio_start' }
  | { type: 'bot_audio_end'; interrupted: boolean; said: string }
  | { type: 'bot_paused' | 'bot_resumed' }
  | { type: 'call_end' }
);

/** One scripted caller turn and how the bot handled it. */
export interface TurnRecord {
  index: number;
  text: string;
  kind: SayTurnSpec['kind'] | 'silence';
  over_reply: boolean;
  backchannel: boolean;
  speech_start_ms: number;
  speech_end_ms: number;
  /** First user-turn commit at or after this turn's speech start (and before the next turn's). */
  committed_ms: number | null;
  committed_text: string | null;
  /** First bot audio after the end of the caller's speech, and the gap (the latency a caller feels). */
  first_bot_audio_ms: number | null;
  latency_ms: number | null;
  /** Committed while the caller still had words of this turn to say (during a pause inside it). */
  cut_off: boolean;
  /** A complete turn whose commit waited longer than {@link FALSE_WAIT_MS} after its end. */
  false_wait: boolean;
  /** Talking over the bot: how long after the caller's onset its audio stopped (paused or cut), if it did. */
  bot_stop_ms: number | null;
  /** The reply was cut for good (not paused and resumed, and not picked up again). */
  bot_stopped: boolean;
}

/** A commit later than this after a complete turn counts as a false wait. */
export const FALSE_WAIT_MS = 1000;

/** Everything timeline.json holds. */
export interface Timeline {
  script: string;
  telephone: boolean;
  duration_ms: number;
  sample_rate: number;
  stt: string;
  events: TimelineEvent[];
  turns: TurnRecord[];
}

/** Fill in the bot-side figures of each turn from the events. */
export function scoreTurns(turns: TurnRecord[], events: readonly TimelineEvent[]): TurnRecord[] {
  const commits = events.filter((e): e is Extract<TimelineEvent, { type: 'user_turn' }> => e.type === 'user_turn');
  const starts = events.filter((e) => e.type === 'bot_audio_start').map((e) => e.t_ms);
  return turns.map((turn, i) => {
    const next = turns[i + 1]?.speech_start_ms ?? Number.POSITIVE_INFINITY;
    const commit = commits.find((c) => c.t_ms >= turn.speech_start_ms && c.t_ms < next);
    const first = starts.find((t) => t >= turn.speech_end_ms && t < next + 1) ?? null;
    const cutOff = commits.some((c) => c.t_ms > turn.speech_start_ms && c.t_ms < turn.speech_end_ms);
    const committedMs = commit?.t_ms ?? null;
    const out: TurnRecord = {
      ...turn,
      committed_ms: committedMs,
      committed_text: commit?.text ?? null,
      first_bot_audio_ms: turn.kind === 'silence' ? null : first,
      latency_ms: turn.kind === 'silence' || first === null || turn.over_reply ? null : first - turn.speech_end_ms,
      cut_off: turn.kind !== 'silence' && cutOff,
      false_wait: turn.kind !== 'silence' && !turn.backchannel && committedMs !== null && committedMs - turn.speech_end_ms > FALSE_WAIT_MS,
      ...(turn.over_reply ? overReply(turn, events, next) : {}),
    };
    return out;
  });
}

/** Did the bot's audio stop when the caller talked over it, and when; was the reply cut for good? */
function overReply(turn: TurnRecord, events: readonly TimelineEvent[], next: number): Pick<TurnRecord, 'bot_stop_ms' | 'bot_stopped'> {
  const window = events.filter((e) => e.t_ms >= turn.speech_start_ms && e.t_ms < Math.min(next, turn.speech_end_ms + 3000));
  const stop = window.find((e) => e.type === 'bot_paused' || (e.type === 'bot_audio_end' && e.interrupted));
  const cut = window.find((e) => e.type === 'bot_audio_end' && e.interrupted);
  // After a cut, a backchannel's reply is picked up again (the rest is said) before the caller's next turn.
  const pickedUp = cut !== undefined && events.some((e) => e.type === 'bot_audio_start' && e.t_ms > cut.t_ms && e.t_ms < next)
    && !events.some((e) => e.type === 'user_turn' && e.t_ms >= turn.speech_start_ms && e.t_ms < next && !turn.backchannel);
  return {
    bot_stop_ms: stop ? stop.t_ms - turn.speech_start_ms : null,
    bot_stopped: cut !== undefined && !(turn.backchannel && pickedUp),
  };
}

/** The call as text: who said what, when. */
export function transcriptLines(events: readonly TimelineEvent[]): string[] {
  const lines: string[] = [];
  for (const e of events) {
    const t = (e.t_ms / 1000).toFixed(2).padStart(7);
    if (e.type === 'user_turn') lines.push(`${t}  caller: ${e.text}`);
    else if (e.type === 'bot_audio_end') lines.push(`${t}  bot:    ${e.said}${e.interrupted ? ' [cut off]' : ''}`);
  }
  return lines;
}
