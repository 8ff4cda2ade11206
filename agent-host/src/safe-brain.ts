import type { CallResult, EndedBy, TurnMetrics } from '../../core/call-result.ts';
import type { BotConfig } from '../../core/config/bot-config.ts';
import type { BrainPreview, BrainReply, BrainStreamingReply, CallBrain, CallInfoLike } from './call-brain.ts';
import { isStreamingReply } from './call-brain.ts';
import { silentLogger, type Logger } from './logger.ts';

/** Options for {@link SafeBrain}. */
export interface SafeBrainOptions {
  /** Failed turns the call survives with an apology; the next one ends it politely. */
  maxErrors?: number;
  logger?: Logger;
}

export const defaultSafeBrainOptions = { maxErrors: 2 } as const;

/** One failure inside the brain during a call, as the CallResult reports it. */
export interface BrainFailure {
  stage: 'start' | 'respond' | 'silence' | 'stream' | 'preview' | 'metrics' | 'transfer';
  error: string;
}

const APOLOGY = 'Извините, у меня небольшая заминка. Повторите, пожалуйста, что вы сказали?';
const STREAM_APOLOGY = ' Извините, я сбилась. Повторите, пожалуйста, вопрос.';

/**
 * The brain behind a guard: an exception from the engine or the brain (a bad config value, a bug, a failing
 * provider) never leaves the call silent. The caller hears a scripted apology and may go on; after `maxErrors`
 * failed turns the bot offers a call back (outcome `callback_requested` when the caller's number is known) or
 * says goodbye, and the call ends with `ended_by: "error"`. Every failure is logged and reported in the
 * CallResult's `errors`.
 */
export class SafeBrain implements CallBrain {
  readonly #inner: CallBrain;
  readonly #config: BotConfig;
  readonly #o: Required<SafeBrainOptions>;
  readonly #failures: BrainFailure[] = [];
  #failedTurns = 0;
  #gaveUp = false;
  #callerKnown = false;

  constructor(inner: CallBrain, config: BotConfig, opts: SafeBrainOptions = {}) {
    this.#inner = inner;
    this.#config = config;
    this.#o = { ...defaultSafeBrainOptions, logger: silentLogger, ...opts };
    if (inner.preview) this.preview = (text) => this.#guard('preview', () => inner.preview!(text), { text, reply: { kind: 'none' } });
    if (inner.speculate) this.speculate = (p) => inner.speculate!(p).catch((e: unknown) => (this.#record('preview', e), null));
    if (inner.discard) this.discard = (p) => this.#guard('preview', () => inner.discard!(p), undefined);
  }

  preview?: (text: string) => BrainPreview;
  speculate?: (preview: BrainPreview) => Promise<string | null>;
  discard?: (preview: BrainPreview) => void;

  /** What went wrong so far (also in the CallResult). */
  get failures(): readonly BrainFailure[] {
    return this.#failures;
  }

  get ended(): boolean {
    return this.#gaveUp || this.#inner.ended;
  }

  get dialogState() {
    return this.#guard('respond', () => this.#inner.dialogState, null);
  }

  async onCallStart(callInfo: CallInfoLike): Promise<string> {
    this.#callerKnown = !!callInfo.callerNumber && callInfo.direction !== 'outbound';
    try {
      return await this.#inner.onCallStart(callInfo);
    } catch (err) {
      this.#record('start', err);
      return this.#config.greeting;
    }
  }

  async respond(text: string, opts?: { preview?: BrainPreview }): Promise<BrainReply | BrainStreamingReply> {
    if (this.#gaveUp) return this.#goodbye();
    try {
      const reply = await this.#inner.respond(text, opts);
      return isStreamingReply(reply) ? this.#guardStream(reply) : reply;
    } catch (err) {
      return this.#failTurn('respond', err);
    }
  }

  async onSilence(): Promise<BrainReply> {
    if (this.#gaveUp) return this.#goodbye();
    try {
      return await this.#inner.onSilence();
    } catch (err) {
      return this.#failTurn('silence', err);
    }
  }

  get transferTarget(): string | null {
    return this.#guard('respond', () => this.#inner.transferTarget ?? null, null);
  }

  /** A failed handoff is noted in the CallResult's errors; the inner brain goes on (a callback request). */
  async onTransferFailed(reason: string): Promise<BrainReply> {
    this.#failures.push({ stage: 'transfer', error: reason.slice(0, 300) });
    if (!this.#inner.onTransferFailed) return { text: '', source: 'scripted', endCall: true };
    try {
      return await this.#inner.onTransferFailed(reason);
    } catch (err) {
      return this.#failTurn('respond', err);
    }
  }

  /** A machine answered: the inner brain's message (a reminder's), or just the end of the call. */
  async onVoicemail(verdict: { kind: string; reason: string }): Promise<BrainReply> {
    if (!this.#inner.onVoicemail) return { text: '', source: 'scripted', endCall: true };
    try {
      return await this.#inner.onVoicemail(verdict);
    } catch (err) {
      return this.#failTurn('respond', err);
    }
  }

  recordMetrics(m: Omit<TurnMetrics, 'turn'>): void {
    this.#guard('metrics', () => this.#inner.recordMetrics(m), undefined);
  }

  async onCallEnd(endedBy?: EndedBy): Promise<CallResult> {
    const result = await this.#inner.onCallEnd(this.#gaveUp ? 'error' : endedBy);
    if (!this.#failures.length) return result;
    return {
      ...result,
      ...(this.#gaveUp ? { ended_by: 'error' as const } : {}),
      ...(this.#gaveUp && this.#callerKnown && !result.outcome ? { outcome: 'callback_requested' } : {}),
      errors: this.#failures.slice(0, 20),
    };
  }

  #failTurn(stage: BrainFailure['stage'], err: unknown): BrainReply {
    this.#record(stage, err);
    this.#failedTurns++;
    if (this.#failedTurns < this.#o.maxErrors) return { text: APOLOGY, source: 'fallback', endCall: false };
    this.#gaveUp = true;
    return this.#goodbye();
  }

  #goodbye(): BrainReply {
    const text = this.#callerKnown
      ? 'Извините, у нас технический сбой. Я передам вашу просьбу администратору, он перезвонит вам на этот номер. До свидания!'
      : 'Извините, у нас технический сбой. Пожалуйста, перезвоните нам чуть позже. До свидания!';
    return { text, source: 'fallback', endCall: true };
  }

  /** A streamed answer that breaks off mid-way ends with an apology instead of silence. */
  #guardStream(reply: BrainStreamingReply): BrainStreamingReply {
    let said = '';
    let failed = false;
    const self = this;
    async function* guarded(): AsyncIterable<string> {
      try {
        for await (const piece of reply.stream) {
          said += piece;
          yield piece;
        }
      } catch (err) {
        failed = true;
        self.#record('stream', err);
        said += STREAM_APOLOGY;
        yield STREAM_APOLOGY;
      }
    }
    const done = reply.done.then(
      (text) => (failed ? said : text),
      (err: unknown) => {
        if (!failed) this.#record('stream', err);
        return said || STREAM_APOLOGY.trim();
      },
    );
    return { ...reply, stream: guarded(), done };
  }

  #guard<T>(stage: BrainFailure['stage'], fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (err) {
      this.#record(stage, err);
      return fallback;
    }
  }

  #record(stage: BrainFailure['stage'], err: unknown): void {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    this.#failures.push({ stage, error: error.slice(0, 300) });
    this.#o.logger.error({ stage, err: error }, 'brain failed during a call');
  }
}
