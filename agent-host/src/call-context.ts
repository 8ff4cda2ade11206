import {
  CallResultSchema,
  type CallResult,
  type EndedBy,
  type ReplySource,
  type Turn,
  type TurnMetrics,
} from '../../core/call-result.ts';
import type { BotConfig } from '../../core/config/bot-config.ts';
import type { DialogState, ReminderCall } from '../../core/engine/index.ts';

/** What the host knows about a call when it starts. */
export interface CallInfo {
  /** 6–128 chars of letters, digits, `_ . : -` (the CallResult id). */
  callId: string;
  callerNumber?: string | null;
  calledNumber?: string | null;
  direction?: 'inbound' | 'outbound';
  channel?: 'phone' | 'simulator' | 'web';
  /** The bot's API id (`bot_…`): what the CallResult names, since a slug is only unique within a company. */
  botId?: string;
  /** A reminder call: the appointment it is about (from the dispatch metadata). */
  reminder?: ReminderCall;
}

const CALL_ID = /^[A-Za-z0-9_.:-]{6,128}$/;

/**
 * Everything about one live call, in memory only: transcript with timestamps, the dialog state,
 * per-turn timings. Nothing here writes anywhere; the host posts {@link CallContext.toResult} at hang-up.
 */
export class CallContext {
  readonly turns: Turn[] = [];
  readonly metrics: TurnMetrics[] = [];

  /**
   * @throws Error when `info.callId` is not a valid call id.
   */
  constructor(
    readonly config: BotConfig,
    readonly info: CallInfo,
    readonly startedAt: Date,
    public state: DialogState,
  ) {
    if (!CALL_ID.test(info.callId)) {
      throw new Error(`call id "${info.callId}" must be 6–128 chars of letters, digits, _ . : -`);
    }
  }

  /** Appends a transcript line and returns its index. */
  addTurn(role: Turn['role'], text: string, at: Date, source?: ReplySource): number {
    this.turns.push(source ? { role, text, at: at.toISOString(), source } : { role, text, at: at.toISOString() });
    return this.turns.length - 1;
  }

  /** Timings of the exchange that produced the bot turn at `turnIndex`. */
  addMetrics(turnIndex: number, m: Omit<TurnMetrics, 'turn'>): void {
    this.metrics.push({ turn: turnIndex, ...m });
  }

  /** Host-side timings (STT, LLM, TTS) merged into the latest exchange; ignored before the first one. */
  mergeLatestMetrics(m: Partial<Omit<TurnMetrics, 'turn'>>): void {
    const last = this.metrics[this.metrics.length - 1];
    if (!last) return;
    for (const [k, v] of Object.entries(m)) if (v !== undefined) (last as Record<string, unknown>)[k] = v;
  }

  /** The validated CallResult of the call as it stands. */
  toResult(endedAt: Date, endedBy: EndedBy): CallResult {
    const { info, state } = this;
    return CallResultSchema.parse({
      call_id: info.callId,
      bot_id: info.botId ?? this.config.bot_id,
      started_at: this.startedAt.toISOString(),
      ended_at: endedAt.toISOString(),
      caller_number: info.callerNumber ?? null,
      called_number: info.calledNumber ?? null,
      direction: info.direction ?? 'inbound',
      channel: info.channel ?? 'phone',
      turns: this.turns,
      scenario: state.scenario,
      fields: state.fields,
      outcome: state.outcome,
      ended_by: endedBy,
      metrics: this.metrics,
    });
  }
}
