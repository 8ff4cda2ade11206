import type { CallResult, EndedBy, ReplySource, TurnMetrics } from '../../core/call-result.ts';
import type { BotConfig } from '../../core/config/bot-config.ts';
import { phoneFrom } from '../../core/parse/index.ts';
import { answeredByMachine, callTurn, createDialog, createReminderDialog, type DialogInput, type DialogState, type DialogStep } from '../../core/engine/index.ts';
import { normalizeText } from '../../core/text/normalize.ts';
import type { BrainPreview } from './call-brain.ts';
import { CallContext, type CallInfo } from './call-context.ts';
import { startAnswer, type StartedAnswer } from './knowledge-answer.ts';
import { CallBooking, resolveBookingRequests, type BookingClient } from './booking/index.ts';

export type { CallInfo } from './call-context.ts';

/**
 * Answers a caller's question from the knowledge base (search + LLM or extractive), or null when it
 * cannot. A stream is spoken as it comes; an empty stream counts as null.
 */
export type KnowledgeAnswerer = (
  question: string,
  ctx: { config: BotConfig; signal?: AbortSignal },
) => Promise<string | AsyncIterable<string> | null>;

export interface RealtimeAgentOptions {
  config: BotConfig;
  /** Wall clock for timestamps and relative dates; default the real clock. */
  clock?: () => Date;
  /** Knowledge-base answers; without it every knowledge request falls back. */
  answerQuestion?: KnowledgeAnswerer;
  /** Source recorded for answerer replies: 'knowledge' (default) or 'llm' when the answerer is a free LLM. */
  answerSource?: 'knowledge' | 'llm';
  /** Real bookings (bots with `booking:`): free slots and appointments through the API's internal routes. */
  booking?: { client: BookingClient; botId: string };
}

/** A complete reply. */
export interface AgentReply {
  text: string;
  source: ReplySource;
  /** Hang up after saying it. */
  endCall: boolean;
}

/** A reply spoken while it is generated; `done` resolves to the full text once the stream ends. */
export interface StreamingReply {
  source: 'knowledge' | 'llm';
  stream: AsyncIterable<string>;
  endCall: false;
  done: Promise<string>;
}

/** True for a {@link StreamingReply}. */
export const isStreamingReply = (r: AgentReply | StreamingReply): r is StreamingReply => 'stream' in r;

/** The reply a caller utterance would get, as computed by {@link RealtimeAgent.preview}; `none` when no call is in progress. */
export type PreviewReply = BrainPreview['reply'];

/**
 * A caller turn computed on the current call state without committing it. Commit exactly this
 * turn later with `respond(text, { preview })`; a preview that is never committed leaves no trace.
 */
export type TurnPreview = BrainPreview;

/** Options of {@link RealtimeAgent.respond}. */
export interface RespondOptions {
  /** A preview of this turn: reused (with its speculative answer) if the call state has not changed since. */
  preview?: TurnPreview;
}

interface Speculation {
  abort: AbortController;
  answer: Promise<StartedAnswer>;
}

/** What a preview keeps for its commit: the state it was computed on and the engine step. */
interface PreviewInternals {
  base: DialogState;
  step: DialogStep;
  engineMs: number;
  speculation?: Speculation;
}

/**
 * The call brain behind the seed interface: the core dialog engine plus an injected knowledge answerer,
 * with the call context held in memory only (no database or network writes of its own).
 * @example
 * const agent = new RealtimeAgent({ config });
 * await agent.onCallStart({ callId: 'call-0001' });        // greeting
 * await agent.onSpeech('Хочу записаться на маникюр');     // 'На какой день?'
 * const result = await agent.onCallEnd();                  // CallResult
 */
export class RealtimeAgent {
  readonly #config: BotConfig;
  readonly #clock: () => Date;
  readonly #answer: KnowledgeAnswerer | undefined;
  readonly #answerSource: 'knowledge' | 'llm';
  #ctx: CallContext | null = null;
  #result: CallResult | null = null;
  #finishStream: (() => void) | null = null;
  #abort: AbortController | null = null;
  readonly #previews = new WeakMap<TurnPreview, PreviewInternals>();
  readonly #speculations = new Set<Speculation>();
  readonly #bookingOpts: RealtimeAgentOptions['booking'];
  #booking: CallBooking | null = null;

  constructor(opts: RealtimeAgentOptions) {
    this.#config = opts.config;
    this.#clock = opts.clock ?? (() => new Date());
    this.#answer = opts.answerQuestion;
    this.#answerSource = opts.answerSource ?? 'knowledge';
    this.#bookingOpts = opts.booking;
  }

  /** The engine's state as of the last committed turn (read-only; null before the call starts). */
  get dialogState(): Readonly<DialogState> | null {
    return this.#ctx?.state ?? null;
  }

  /** True once the bot or the caller ended the call. */
  get ended(): boolean {
    return this.#result !== null || this.#ctx?.state.phase === 'ended';
  }

  /** Starts the call and returns the greeting. @throws Error on a second start or an invalid call id. */
  async onCallStart(callInfo: CallInfo): Promise<string> {
    if (this.#ctx) throw new Error('RealtimeAgent: the call has already started');
    // Caller ID (inbound calls): offered back when the bot asks for a phone ("записать на номер, с которого вы звоните?").
    const own = callInfo.direction === 'outbound' ? null : phoneFrom((callInfo.callerNumber ?? '').replace(/\D/g, ''));
    // A reminder call (the dialer's dispatch metadata named the appointment) runs the engine's reminder dialog.
    const dialog = callInfo.reminder ? createReminderDialog(this.#config, callInfo.reminder) : createDialog(this.#config, own ? { callerNumber: own } : {});
    this.#ctx = new CallContext(this.#config, callInfo, this.#clock(), dialog);
    const t0 = performance.now();
    const step = this.#turn({ type: 'start' });
    return this.#finish(step, t0, performance.now() - t0).text;
  }

  /** The seed interface: the reply text to a caller utterance (a streamed answer is awaited in full). */
  async onSpeech(text: string): Promise<string> {
    const reply = await this.respond(text);
    if (!isStreamingReply(reply)) return reply.text;
    for await (const _ of reply.stream) void _;
    return reply.done;
  }

  /**
   * The reply to a caller utterance; a knowledge answer that streams comes back as a {@link StreamingReply}.
   * With `opts.preview` of the same words (case and punctuation aside) on the same call state, that
   * previewed turn is committed as computed, its speculative answer included, and `text` is what the
   * transcript records; otherwise the turn is computed afresh.
   */
  async respond(text: string, opts: RespondOptions = {}): Promise<AgentReply | StreamingReply> {
    const ctx = this.#live();
    const previewed = opts.preview ? this.#previews.get(opts.preview) : undefined;
    if (opts.preview) this.#previews.delete(opts.preview);
    if (this.ended) {
      this.#drop(previewed?.speculation);
      return { text: '', source: 'scripted', endCall: true };
    }
    ctx.addTurn('caller', text, this.#clock());
    const t0 = performance.now();
    this.#settlePrevious(); // a reply still streaming ends here and may move the state on
    // Same words (case and punctuation aside, as agents-js matches transcripts) on the same state: reuse.
    const sameWords = opts.preview !== undefined && normalizeText(opts.preview.text) === normalizeText(text);
    const reusable = previewed && sameWords && previewed.base === ctx.state;
    if (previewed && !reusable) this.#drop(previewed.speculation);
    let step: DialogStep;
    let engineMs: number;
    if (reusable) {
      ctx.state = previewed.step.state;
      step = previewed.step;
      engineMs = previewed.engineMs + performance.now() - t0;
    } else {
      step = this.#turn({ type: 'speech', text });
      engineMs = performance.now() - t0;
    }
    step = await resolveBookingRequests(step, (input) => this.#turn(input), this.#bookingOf(ctx));
    this.#bookingOf(ctx)?.prefetch(ctx.state);
    const request = step.actions.find((a) => a.type === 'knowledge_request');
    if (!request) return this.#finish(step, t0, engineMs);
    const speculation = reusable ? previewed.speculation : undefined;
    if (speculation) this.#speculations.delete(speculation);
    return this.#answerKnowledge(request.query, t0, engineMs, speculation);
  }

  /**
   * The reply `text` would get now, computed by the pure engine on the current call state without
   * changing anything (no transcript line, no state, no knowledge request). Commit it with
   * `respond(text, { preview })`, or just drop it.
   */
  preview(text: string): TurnPreview {
    const ctx = this.#ctx;
    if (!ctx || this.ended) return { text, reply: { kind: 'none' } };
    const t0 = performance.now();
    const step = callTurn(this.#config, ctx.state, { type: 'speech', text }, { now: this.#clock() });
    const engineMs = performance.now() - t0;
    this.#bookingOf(ctx)?.prefetch(step.state); // service and date known from this guess: look the day up already
    const request = step.actions.find((a) => a.type === 'knowledge_request');
    const reply: PreviewReply = request
      ? { kind: 'knowledge', query: request.query }
      : { kind: 'scripted', ...this.#replyOf(step) };
    const preview: TurnPreview = { text, reply };
    this.#previews.set(preview, { base: ctx.state, step, engineMs });
    return preview;
  }

  /**
   * For a knowledge preview: start answering it now (search + LLM up to its first sentence) without
   * committing anything, so a confirmed turn finds the answer under way. Resolves to the text that
   * will open the reply if this preview is committed unchanged, or null (not a knowledge preview,
   * discarded, nothing known yet). Abort with {@link RealtimeAgent.discard}.
   */
  async speculate(preview: TurnPreview): Promise<string | null> {
    const p = this.#previews.get(preview);
    if (!p || preview.reply.kind !== 'knowledge') return null;
    if (!p.speculation) {
      const abort = new AbortController();
      p.speculation = { abort, answer: this.#startAnswer(preview.reply.query, abort.signal) };
      this.#speculations.add(p.speculation);
    }
    const { abort, answer } = p.speculation;
    const a = await answer;
    if (abort.signal.aborted) return null;
    if (a.kind === 'stream') return a.first;
    // A whole answer (or none): the reply the engine will give with it, computed without committing.
    const step = callTurn(this.#config, p.step.state, { type: 'knowledge_result', answer: a.answer }, { now: this.#clock() });
    return this.#replyOf(step).text || null;
  }

  /** Forget a preview that will not be committed, aborting its speculative answer. */
  discard(preview: TurnPreview): void {
    const p = this.#previews.get(preview);
    this.#previews.delete(preview);
    this.#drop(p?.speculation);
  }

  /** The caller stayed silent past `silence_timeout_sec`: a reprompt, or the goodbye on the second silence. */
  async onSilence(): Promise<AgentReply> {
    this.#live();
    if (this.ended) return { text: '', source: 'scripted', endCall: true };
    const t0 = performance.now();
    const step = this.#turn({ type: 'silence' });
    return this.#finish(step, t0, performance.now() - t0);
  }

  /** Where the bot is handing the call to a person (its last turn ended with a transfer); null otherwise. */
  get transferTarget(): string | null {
    const s = this.#ctx?.state;
    return !this.#result && s?.endedBy === 'transfer' && s.transfer && !s.transfer.failed ? s.transfer.to : null;
  }

  /** The host could not transfer the call: the engine takes a callback request instead; the reply to speak. */
  async onTransferFailed(_reason?: string): Promise<AgentReply> {
    this.#live();
    if (this.#result) return { text: '', source: 'scripted', endCall: true };
    const t0 = performance.now();
    const step = this.#turn({ type: 'transfer_failed' });
    return this.#finish(step, t0, performance.now() - t0);
  }

  /**
   * An answering machine or a call-screening assistant took the outbound call (core/amd): the opening line was never
   * said, so it leaves the transcript; a reminder call leaves its message (or not, as configured). The reply ends the
   * call; the result's outcome is `voicemail` with `fields.voicemail_reason`.
   */
  async onVoicemail(verdict: { kind: string; reason: string }): Promise<AgentReply> {
    const ctx = this.#live();
    if (this.ended) return { text: '', source: 'scripted', endCall: true };
    if (ctx.turns.length === 1 && ctx.turns[0]!.role === 'bot') ctx.turns.pop();
    const t0 = performance.now();
    this.#settlePrevious();
    const step = answeredByMachine(this.#config, ctx.state, verdict, { now: this.#clock() });
    ctx.state = step.state;
    return this.#finish(step, t0, performance.now() - t0);
  }

  /** Host timings (stt_ms, llm_first_token_ms, tts_first_byte_ms, …) for the latest exchange. */
  recordMetrics(m: Partial<Omit<TurnMetrics, 'turn'>>): void {
    this.#ctx?.mergeLatestMetrics(m);
  }

  /**
   * Ends the call and returns its validated CallResult (the same object on repeated calls).
   * `endedBy` (default 'caller': the caller hung up) applies only when the bot has not ended the call itself.
   */
  async onCallEnd(endedBy: EndedBy = 'caller'): Promise<CallResult> {
    const ctx = this.#live();
    if (this.#result) return this.#result;
    this.#finishStream?.();
    this.#abort?.abort();
    for (const sp of [...this.#speculations]) this.#drop(sp);
    this.#result = ctx.toResult(this.#clock(), ctx.state.endedBy ?? endedBy);
    return this.#result;
  }

  /** The call's booking access (bots with `booking:` and a booking client only), made on first use. */
  #bookingOf(ctx: CallContext): CallBooking | null {
    const b = this.#bookingOpts;
    if (!b || !this.#config.booking) return null;
    return (this.#booking ??= new CallBooking(b.client, b.botId, ctx.info.callId, this.#config));
  }

  #live(): CallContext {
    if (!this.#ctx) throw new Error('RealtimeAgent: call onCallStart() first');
    return this.#ctx;
  }

  /** A new turn supersedes a reply still streaming: it ends where it is and its request is aborted. */
  #settlePrevious(): void {
    this.#finishStream?.();
    this.#abort?.abort();
    this.#abort = null;
  }

  #drop(speculation: Speculation | undefined): void {
    if (!speculation) return;
    this.#speculations.delete(speculation);
    speculation.abort.abort();
    void speculation.answer.then((a) => (a.kind === 'stream' ? a.iterator.return?.() : undefined)).catch(() => undefined);
  }

  #turn(input: DialogInput): DialogStep {
    const ctx = this.#live();
    this.#settlePrevious();
    const step = callTurn(this.#config, ctx.state, input, { now: this.#clock() });
    ctx.state = step.state;
    return step;
  }

  /** The reply a finished step speaks (nothing recorded). */
  #replyOf(step: DialogStep): AgentReply {
    const sayAction = step.actions.find((a) => a.type === 'say');
    const source = sayAction?.source === 'knowledge' ? this.#answerSource : (sayAction?.source ?? 'scripted');
    return { text: sayAction?.text ?? '', source, endCall: step.actions.some((a) => a.type === 'end') };
  }

  /** Records the bot's reply of a finished step and its timings. */
  #finish(step: DialogStep, t0: number, engineMs: number, kbMs?: number, totalMs?: number): AgentReply {
    const ctx = this.#live();
    const reply = this.#replyOf(step);
    if (step.actions.some((a) => a.type === 'say')) {
      const index = ctx.addTurn('bot', reply.text, this.#clock(), reply.source);
      ctx.addMetrics(index, {
        source: reply.source,
        engine_ms: engineMs,
        ...(kbMs === undefined ? {} : { kb_ms: kbMs }),
        total_ms: totalMs ?? performance.now() - t0,
      });
    }
    return reply;
  }

  async #answerKnowledge(
    query: string,
    t0: number,
    engineMs: number,
    speculation?: Speculation,
  ): Promise<AgentReply | StreamingReply> {
    const resolve = (answer: string | null, kbMs?: number) => {
      const e0 = performance.now();
      const step = this.#turn({ type: 'knowledge_result', answer });
      return this.#finish(step, t0, engineMs + performance.now() - e0, kbMs);
    };
    if (!this.#answer && !speculation) return resolve(null);
    const abort = speculation?.abort ?? new AbortController();
    this.#abort = abort;
    const answer = await (speculation?.answer ?? this.#startAnswer(query, abort.signal));
    if (abort.signal.aborted && this.#abort !== abort) {
      if (answer.kind === 'stream') void answer.iterator.return?.();
      return { text: '', source: 'scripted', endCall: false };
    }
    if (answer.kind === 'text') return resolve(answer.answer, this.#answer ? answer.kbMs : undefined);
    return this.#streamReply(answer.iterator, answer.first, t0, engineMs, answer.kbMs);
  }

  #startAnswer(query: string, signal: AbortSignal): Promise<StartedAnswer> {
    if (!this.#answer) return Promise.resolve({ kind: 'text', answer: null, kbMs: 0 });
    return startAnswer(this.#answer, query, { config: this.#config, signal });
  }

  #streamReply(
    iterator: AsyncIterator<string>,
    first: string,
    t0: number,
    engineMs: number,
    kbMs: number,
  ): StreamingReply {
    const source = this.#answerSource;
    const firstReplyMs = performance.now() - t0;
    let spoken = first;
    let settle!: (text: string) => void;
    const done = new Promise<string>((r) => (settle = r));
    let finished = false;
    const finish = (): string => {
      if (finished) return '';
      finished = true;
      this.#finishStream = null;
      this.#abort = null;
      const ctx = this.#live();
      const e0 = performance.now();
      const input = { type: 'knowledge_result', answer: spoken } as const;
      const step = callTurn(this.#config, ctx.state, input, { now: this.#clock() });
      ctx.state = step.state;
      const reply = this.#finish(step, t0, engineMs + performance.now() - e0, kbMs, firstReplyMs);
      settle(reply.text);
      const answer = spoken.trim();
      return reply.text.startsWith(answer) ? reply.text.slice(answer.length).trim() : '';
    };
    this.#finishStream = () => {
      finish();
      void iterator.return?.();
    };
    async function* stream(): AsyncGenerator<string> {
      try {
        yield first;
        for (;;) {
          const r = await iterator.next().catch(() => ({ done: true as const, value: undefined }));
          if (r.done || finished) break;
          spoken += r.value;
          yield r.value;
        }
        const followUp = finish();
        if (followUp) yield ` ${followUp}`;
      } finally {
        finish();
      }
    }
    return { source, stream: stream(), endCall: false, done };
  }
}
