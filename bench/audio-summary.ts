import type { TurnRecord } from '../agent-host/src/audio/timeline.ts';

/** One scored caller turn of a benchmark run. */
export type BenchTurn = TurnRecord & { mode: string; run: number; script: string; rescued: boolean };

export const pct = (xs: readonly number[], p: number): number => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

const latencies = (turns: readonly BenchTurn[], keep: (t: BenchTurn) => boolean = () => true) =>
  turns.filter((t) => t.latency_ms !== null && !t.over_reply && keep(t)).map((t) => t.latency_ms!);

/**
 * A turn the caller never got a reply to in time: a said, complete turn (not a backchannel, not a
 * reply to the call's end) that was never committed, or answered only after 5 s (the silence reprompt).
 */
export function lostReply(t: BenchTurn, lastOfScript: boolean): boolean {
  if (t.kind === 'silence' || t.backchannel || lastOfScript) return false;
  if (t.committed_ms === null) return true;
  return !t.over_reply && (t.latency_ms === null || t.latency_ms > 5000);
}

/** The summary `--json` writes, per set-up. */
export interface SetupSummary {
  turns: number;
  /** Turns the engine answers from its script (all but knowledge questions). */
  scripted_p95_ms: number;
  all_turns_p95_ms: number;
  short_answer_p50_ms: number;
  short_answer_p95_ms: number;
  knowledge_p95_ms: number;
  full_phone_p95_ms: number;
  first_turn_p50_ms: number;
  lost_replies: number;
  /** Said turns never committed at all (the lost reply's first cause), a subset of lost_replies. */
  uncommitted_turns: number;
  rescued_turns: number;
  cutoffs_chunked: number;
  chunked_turns: number;
  false_wait_rate: number;
  barge_in_stop_p95_ms: number;
  backchannels_stopping_bot: number;
  /** The 40-turn call: p50 of its first and last ten scripted turns. */
  long_call_first10_p50_ms: number;
  long_call_last10_p50_ms: number;
}

export function summarize(turns: readonly BenchTurn[]): SetupSummary {
  const said = turns.filter((t) => t.kind !== 'silence');
  const lastIndex = new Map<string, number>();
  for (const t of said) lastIndex.set(`${t.run}|${t.script}`, Math.max(lastIndex.get(`${t.run}|${t.script}`) ?? -1, t.index));
  const isLast = (t: BenchTurn) => lastIndex.get(`${t.run}|${t.script}`) === t.index;
  const scripted = latencies(said, (t) => t.kind !== 'knowledge');
  const chunked = said.filter((t) => t.kind === 'partial_phone');
  const complete = said.filter((t) => !t.over_reply && t.committed_ms !== null);
  const barges = said.filter((t) => t.over_reply && !t.backchannel).map((t) => t.bot_stop_ms).filter((x): x is number => x !== null);
  const long = said.filter((t) => t.script.startsWith('long-'));
  const longLat = (from: number, to: number) => latencies(long, (t) => t.index >= from && t.index < to);
  const longTurns = long.reduce((m, t) => Math.max(m, t.index + 1), 0);
  return {
    turns: said.length,
    scripted_p95_ms: pct(scripted, 95),
    all_turns_p95_ms: pct(latencies(said), 95),
    short_answer_p50_ms: pct(latencies(said, (t) => t.kind === 'short_answer'), 50),
    short_answer_p95_ms: pct(latencies(said, (t) => t.kind === 'short_answer'), 95),
    knowledge_p95_ms: pct(latencies(said, (t) => t.kind === 'knowledge'), 95),
    full_phone_p95_ms: pct(latencies(said, (t) => t.kind === 'full_phone'), 95),
    first_turn_p50_ms: pct(latencies(said, (t) => t.index === 0), 50),
    lost_replies: said.filter((t) => lostReply(t, isLast(t))).length,
    uncommitted_turns: said.filter((t) => !t.backchannel && !isLast(t) && t.committed_ms === null).length,
    rescued_turns: said.filter((t) => t.rescued).length,
    cutoffs_chunked: chunked.filter((t) => t.cut_off).length,
    chunked_turns: chunked.length,
    false_wait_rate: complete.length ? complete.filter((t) => t.false_wait).length / complete.length : Number.NaN,
    barge_in_stop_p95_ms: pct(barges, 95),
    backchannels_stopping_bot: said.filter((t) => t.backchannel && t.bot_stopped).length,
    long_call_first10_p50_ms: pct(longLat(1, 11), 50),
    long_call_last10_p50_ms: pct(longLat(longTurns - 11, longTurns - 1), 50),
  };
}

/** min–max of one figure over runs. */
export function spread(values: readonly number[]): { min: number; max: number } {
  const xs = values.filter((x) => Number.isFinite(x));
  return { min: xs.length ? Math.min(...xs) : Number.NaN, max: xs.length ? Math.max(...xs) : Number.NaN };
}
