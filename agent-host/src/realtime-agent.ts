import type { CallResult, EndedBy, ReplySource, TurnMetrics } from '../../core/call-result.ts';
import type { BotConfig } from '../../core/config/bot-config.ts';
import { createDialog, dialogTurn, type DialogInput, type DialogStep } from '../../core/engine/index.ts';
import { CallContext, type CallInfo } from './call-context.ts';

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

  constructor(opts: RealtimeAgentOptions) {
    this.#config = opts.config;
    this.#clock = opts.clock ?? (() => new Date());
    this.#answer = opts.answerQuestion;
    this.#answerSource = opts.answerSource ?? 'knowledge';
  }

  /** True once the bot or the caller ended the call. */
  get ended(): boolean {
    return this.#result !== null || this.#ctx?.state.phase === 'ended';
  }

  /** Starts the call and returns the greeting. @throws Error on a second start or an invalid call id. */
  async onCallStart(callInfo: CallInfo): Promise<string> {
    if (this.#ctx) throw new Error('RealtimeAgent: the call has already started');
    this.#ctx = new CallContext(this.#config, callInfo, this.#clock(), createDialog(this.#config));
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

  /** The reply to a caller utterance; a knowledge answer that streams comes back as a {@link StreamingReply}. */
  async respond(text: string): Promise<AgentReply | StreamingReply> {
    const ctx = this.#live();
    if (this.ended) return { text: '', source: 'scripted', endCall: true };
    ctx.addTurn('caller', text, this.#clock());
    const t0 = performance.now();
    const step = this.#turn({ type: 'speech', text });
    const engineMs = performance.now() - t0;
    const request = step.actions.find((a) => a.type === 'knowledge_request');
    if (!request) return this.#finish(step, t0, engineMs);
    return this.#answerKnowledge(request.query, t0, engineMs);
  }

  /** The caller stayed silent past `silence_timeout_sec`: a reprompt, or the goodbye on the second silence. */
  async onSilence(): Promise<AgentReply> {
    this.#live();
    if (this.ended) return { text: '', source: 'scripted', endCall: true };
    const t0 = performance.now();
    const step = this.#turn({ type: 'silence' });
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
    this.#result = ctx.toResult(this.#clock(), ctx.state.endedBy ?? endedBy);
    return this.#result;
  }

  #live(): CallContext {
    if (!this.#ctx) throw new Error('RealtimeAgent: call onCallStart() first');
    return this.#ctx;
  }

  #turn(input: DialogInput): DialogStep {
    const ctx = this.#live();
    this.#finishStream?.();
    this.#abort?.abort();
    this.#abort = null;
    const step = dialogTurn(this.#config, ctx.state, input, { now: this.#clock() });
    ctx.state = step.state;
    return step;
  }

  /** Records the bot's reply of a finished step and its timings. */
  #finish(step: DialogStep, t0: number, engineMs: number, kbMs?: number, totalMs?: number): AgentReply {
    const ctx = this.#live();
    const sayAction = step.actions.find((a) => a.type === 'say');
    const source = sayAction?.source === 'knowledge' ? this.#answerSource : (sayAction?.source ?? 'scripted');
    const reply: AgentReply = {
      text: sayAction?.text ?? '',
      source,
      endCall: step.actions.some((a) => a.type === 'end'),
    };
    if (sayAction) {
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

  async #answerKnowledge(query: string, t0: number, engineMs: number): Promise<AgentReply | StreamingReply> {
    const resolve = (answer: string | null, kbMs?: number) => {
      const e0 = performance.now();
      const step = this.#turn({ type: 'knowledge_result', answer });
      return this.#finish(step, t0, engineMs + performance.now() - e0, kbMs);
    };
    if (!this.#answer) return resolve(null);
    const abort = new AbortController();
    this.#abort = abort;
    const kb0 = performance.now();
    let answer: string | AsyncIterable<string> | null;
    try {
      answer = await this.#answer(query, { config: this.#config, signal: abort.signal });
    } catch {
      answer = null; // graceful degradation: a failing knowledge service means the fallback phrase
    }
    if (abort.signal.aborted && this.#abort !== abort) return { text: '', source: 'scripted', endCall: false };
    if (answer === null || typeof answer === 'string') return resolve(answer, performance.now() - kb0);
    const iterator = answer[Symbol.asyncIterator]();
    const first = await firstChunk(iterator);
    if (first === null) return resolve(null, performance.now() - kb0);
    return this.#streamReply(iterator, first, t0, engineMs, performance.now() - kb0);
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
      const step = dialogTurn(this.#config, ctx.state, input, { now: this.#clock() });
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

async function firstChunk(iterator: AsyncIterator<string>): Promise<string | null> {
  try {
    for (;;) {
      const r = await iterator.next();
      if (r.done) return null;
      if (r.value.trim()) return r.value;
    }
  } catch {
    return null;
  }
}
