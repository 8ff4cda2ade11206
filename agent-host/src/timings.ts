import { voice, type metrics as lkMetrics } from '@livekit/agents';
import type { ReplySource, TurnMetrics } from '../../core/call-result.ts';
import { silentLogger, type Logger } from './logger.ts';

/** One finished turn's timings, as the brain records them. */
export type TurnTimingReport = Omit<TurnMetrics, 'turn'>;

interface Reply {
  speechId: string;
  startedAt: number;
  begun?: boolean;
  /** When the turn was confirmed (a preemptive reply starts earlier). */
  confirmedAt?: number;
  source?: ReplySource;
  engineMs?: number;
  firstTextAt?: number;
  kbMs?: number;
  llmFirstTokenMs?: number;
  eou?: { endOfSpeechAt: number; endpointMs: number; sttMs: number };
  ttsTtfbMs?: number;
  speakingAt?: number;
  finished: boolean;
}

/** Options for {@link TurnTimings}. */
export interface TurnTimingsOptions {
  onTurn: (report: TurnTimingReport) => void;
  logger?: Logger;
  now?: () => number;
}

const round = (ms: number) => Math.max(0, Math.round(ms * 10) / 10);

/**
 * Per-turn timings: end of caller speech → STT final → (KB search, LLM first token) → TTS first
 * byte → first audio. Session metrics events give the speech/STT/TTS parts (matched by speech id);
 * the voice agent reports its own parts. In text mode (no audio), total is our time to first text.
 */
export class TurnTimings {
  readonly #replies = new Map<string, Reply>();
  readonly #o: Required<TurnTimingsOptions>;

  constructor(opts: TurnTimingsOptions) {
    this.#o = { logger: silentLogger, now: Date.now, ...opts };
  }

  /** Listen to a session's metrics and agent-state events. */
  attach(session: voice.AgentSession): void {
    session.on(voice.AgentSessionEventTypes.MetricsCollected, (ev) => this.onMetrics(ev.metrics));
    session.on(voice.AgentSessionEventTypes.AgentStateChanged, (ev) => {
      if (ev.newState !== 'speaking') return;
      const open = [...this.#replies.values()].find((r) => !r.finished && r.firstTextAt !== undefined && r.speakingAt === undefined);
      if (open) open.speakingAt = ev.createdAt;
    });
  }

  /** Feed one metrics event (exposed for tests and for sessions wired by hand). */
  onMetrics(m: lkMetrics.AgentMetrics): void {
    if (m.type === 'eou_metrics' && m.speechId) {
      this.#reply(m.speechId).eou = { endOfSpeechAt: m.lastSpeakingTimeMs, endpointMs: m.endOfUtteranceDelayMs, sttMs: m.transcriptionDelayMs };
    } else if (m.type === 'tts_metrics' && m.speechId) {
      const r = this.#reply(m.speechId);
      r.ttsTtfbMs ??= m.ttfbMs;
    }
  }

  /** The voice agent started answering a turn (llmNode); a second call for the same speech is ignored. */
  begin(speechId: string): void {
    const r = this.#reply(speechId);
    if (r.begun) return;
    r.begun = true;
    r.startedAt = this.#o.now();
  }

  /** The turn this speech answers was confirmed (for a preemptive reply: later than `begin`). */
  confirmed(speechId: string): void {
    this.#reply(speechId).confirmedAt ??= this.#o.now();
  }

  /** A preemptive reply was thrown away: forget it, report nothing. */
  discard(speechId: string): void {
    this.#replies.delete(speechId);
  }

  /** The brain decided what kind of reply this is, after `engineMs` of our own work. */
  engine(speechId: string, source: ReplySource, engineMs: number): void {
    const r = this.#reply(speechId);
    r.source = source;
    r.engineMs = engineMs;
  }

  knowledge(speechId: string, t: { kb_ms: number; llm_first_token_ms?: number }): void {
    const r = this.#reply(speechId);
    r.kbMs = t.kb_ms;
    if (t.llm_first_token_ms !== undefined) r.llmFirstTokenMs = t.llm_first_token_ms;
  }

  /** First reply text left the agent (goes to TTS or, in text mode, to the caller). */
  firstText(speechId: string): void {
    const r = this.#reply(speechId);
    r.firstTextAt ??= this.#o.now();
  }

  /** The speech is over (played out, interrupted or cancelled): report it once. */
  finish(speechId: string): void {
    const r = this.#replies.get(speechId);
    if (!r || r.finished) return;
    r.finished = true;
    this.#replies.delete(speechId);
    if (r.firstTextAt === undefined || r.source === undefined) return; // cancelled preemptive reply
    // Our time after the turn was known: text streamed before confirmation (preemptive) costs nothing.
    const ourMs = Math.max(0, r.firstTextAt - Math.max(r.startedAt, r.confirmedAt ?? r.startedAt));
    const total =
      r.eou && r.speakingAt !== undefined && r.eou.endOfSpeechAt > 0
        ? r.speakingAt - r.eou.endOfSpeechAt
        : (r.eou?.endpointMs ?? 0) + ourMs + (r.ttsTtfbMs ?? 0);
    const report: TurnTimingReport = {
      source: r.source,
      engine_ms: round(r.engineMs ?? 0),
      ...(r.eou ? { stt_ms: round(r.eou.sttMs) } : {}),
      ...(r.llmFirstTokenMs !== undefined ? { llm_first_token_ms: round(r.llmFirstTokenMs) } : {}),
      ...(r.kbMs !== undefined ? { kb_ms: round(r.kbMs) } : {}),
      ...(r.ttsTtfbMs !== undefined ? { tts_first_byte_ms: round(r.ttsTtfbMs) } : {}),
      total_ms: round(total),
    };
    this.#o.logger.info({ speechId, ...report }, 'turn timings');
    this.#o.onTurn(report);
  }

  #reply(speechId: string): Reply {
    let r = this.#replies.get(speechId);
    if (!r) {
      r = { speechId, startedAt: this.#o.now(), finished: false };
      this.#replies.set(speechId, r);
    }
    return r;
  }
}
