import { voice, type llm, type stt, type tts, type VAD } from '@livekit/agents';
import type { BotConfig } from '../../core/config/bot-config.ts';
import type { CallResult, EndedBy } from '../../core/call-result.ts';
import { callNotices } from '../../core/engine/notices.ts';
import type { BrainReply, CallBrain, CallInfoLike } from './call-brain.ts';
import { attemptTransfer, DEFAULT_TRANSFER_TIMEOUT_MS, type TransferFn } from './handoff.ts';
import { silentLogger, type Logger } from './logger.ts';
import { metrics } from './ops/metrics.ts';
import type { ResultSink } from './result-sink.ts';
import { TurnTimings } from './timings.ts';
import { TurnWatchdog } from './turn-watchdog.ts';
import { VoiceBotAgent, type VoiceBotAgentOptions } from './voice-agent.ts';
import { spokenTextTransform } from './spoken-text.ts';

type TurnDetection = NonNullable<NonNullable<voice.AgentSessionOptions['turnHandling']>['turnDetection']>;

/** Models a call's session runs with; all optional except the LLM object agents-js requires. */
export interface SessionDeps {
  vad?: VAD;
  /** End-of-turn model (multilingual, offline) or a mode string. */
  turnDetection?: TurnDetection;
  stt?: stt.STT;
  tts?: tts.TTS;
  /** Must be set even though llmNode answers scripted turns itself: without one, agents-js never replies. */
  llm: llm.LLM;
  /** Overrides of the endpointing delays (ms), e.g. from ENDPOINTING_MIN_DELAY_MS. */
  endpointing?: { minDelay?: number; maxDelay?: number };
}

/**
 * Turn-taking tuned for a 500 ms budget: agents-js waits `minDelay` after speech before a turn
 * counts as over (500 ms by default — the whole budget); the end-of-turn model lets us go to
 * 300 ms and still wait up to 2.5 s when the caller is mid-sentence. Preemptive generation starts
 * the reply on the preflight/final transcript before the turn is confirmed, TTS included: our
 * voice agent streams a scripted reply at once, so its audio is ready when the turn is committed
 * (a discarded guess costs a few TTS characters, never a brain turn).
 */
export const defaultTurnHandling = {
  endpointing: { mode: 'fixed', minDelay: 300, maxDelay: 2500 },
  // Phone barge-in: 300 ms of caller speech (Silero VAD) pauses the bot at once — the reply stops
  // well within 400 ms of the caller's onset. A backchannel ("угу") commits no turn of its own:
  // the voice agent resumes the reply (onUserTurnCompleted); a pause with no words after it
  // resumes by itself after 1.5 s (agents-js false-interruption resume; the output can pause).
  interruption: { enabled: true, minDuration: 300, minWords: 0, falseInterruptionTimeout: 1500, resumeFalseInterruption: true },
  preemptiveGeneration: { enabled: true, preemptiveTts: true },
} as const;

/** An AgentSession for one call of `config`. */
export function buildSession(config: BotConfig, deps: SessionDeps): voice.AgentSession {
  return new voice.AgentSession({
    llm: deps.llm,
    ...(deps.vad ? { vad: deps.vad } : {}),
    ...(deps.stt ? { stt: deps.stt } : {}),
    ...(deps.tts ? { tts: deps.tts } : {}),
    userAwayTimeout: config.silence_timeout_sec,
    // What TTS hears is spoken Russian («одиннадцатого декабря», «в три часа дня»); the transcript keeps the text.
    ttsTextTransforms: ['filter_markdown', 'filter_emoji', spokenTextTransform(config)],
    turnHandling: {
      ...(deps.turnDetection !== undefined ? { turnDetection: deps.turnDetection } : {}),
      endpointing: { ...defaultTurnHandling.endpointing, ...deps.endpointing },
      interruption: { ...defaultTurnHandling.interruption },
      preemptiveGeneration: { ...defaultTurnHandling.preemptiveGeneration },
    },
  });
}

/** Options for {@link CallController}. */
export interface CallControllerOptions {
  brain: CallBrain;
  callInfo: CallInfoLike;
  config: BotConfig;
  sink: Pick<ResultSink, 'submit'>;
  /** Ends the phone call (delete the room / remove the SIP participant). */
  /** Ends the phone call; gets the CallResult (a call the bot handed to a person ends by transfer, not hangup). */
  hangup?: (result?: CallResult) => Promise<void>;
  /** Hands the call to a person, tried before the result is made (a failure goes on as a callback request). */
  transfer?: TransferFn;
  /** Bound on `transfer` (default 8 s). */
  transferTimeoutMs?: number;
  /** Side-effect-free prefetch for not-yet-confirmed turns (knowledge search). */
  prefetch?: (text: string) => void;
  /** Outbound calls: answering-machine screening before the greeting (VoiceBotAgentOptions.screen). */
  screen?: VoiceBotAgentOptions['screen'];
  logger?: Logger;
}

/**
 * One call from greeting to posted result: owns the voice agent, turn timings, silence handling
 * and the single, idempotent end of the call (brain result → sink → hang up).
 */
export class CallController {
  readonly agent: VoiceBotAgent;
  readonly timings: TurnTimings;
  readonly brain: CallBrain;
  /** Commits a final transcript agents-js left uncommitted (a safety net; each rescue is a warning). */
  readonly turnWatchdog: TurnWatchdog;
  readonly #o: CallControllerOptions & { logger: Logger };
  #session: voice.AgentSession | undefined;
  #silenceTimer: NodeJS.Timeout | undefined;
  #silences = 0;
  #ending: Promise<CallResult> | undefined;
  #transfer: Promise<BrainReply | null> | undefined;

  constructor(opts: CallControllerOptions) {
    this.#o = { logger: silentLogger, ...opts };
    this.brain = opts.brain;
    const log = this.#o.logger;
    this.timings = new TurnTimings({
      logger: log,
      onTurn: (m) => {
        this.#o.brain.recordMetrics(m);
        metrics.observeTurn(m.total_ms, m.source);
      },
    });
    this.turnWatchdog = new TurnWatchdog({ logger: log });
    this.agent = new VoiceBotAgent({
      brain: opts.brain,
      callInfo: opts.callInfo,
      timings: this.timings,
      logger: log,
      ...(opts.prefetch ? { prefetch: opts.prefetch } : {}),
      notices: callNotices(opts.config),
      ...(opts.screen ? { screen: opts.screen } : {}),
      onBrainEnded: () => void this.#brainEnded(),
      onTurnCommitted: () => this.turnWatchdog.committed(),
    });
    metrics.callStarted();
  }

  /** Wire a started (or about to start) session: timings, silence, close. */
  attach(session: voice.AgentSession): void {
    this.#session = session;
    this.timings.attach(session);
    this.turnWatchdog.attach(session);
    session.on(voice.AgentSessionEventTypes.UserStateChanged, (ev) => {
      if (ev.newState === 'away') void this.handleSilence();
      if (ev.newState === 'speaking') this.#clearSilenceTimer();
    });
    // The session's away signal fires once per silence; after our reprompt the caller is still
    // "away", so the next silence is timed here until they speak again.
    session.on(voice.AgentSessionEventTypes.AgentStateChanged, (ev) => {
      if (ev.newState !== 'listening' || session.userState !== 'away' || this.#silences === 0) return;
      this.#clearSilenceTimer();
      this.#silenceTimer = setTimeout(() => void this.handleSilence(), this.#o.config.silence_timeout_sec * 1000);
    });
    session.on(voice.AgentSessionEventTypes.Close, () => void this.endCall('caller'));
  }

  /** The caller said nothing for `silence_timeout_sec`: the brain reprompts or says goodbye. */
  async handleSilence(): Promise<void> {
    const session = this.#session;
    if (!session || this.#ending || this.#o.brain.ended) return;
    this.#silences += 1;
    const reply = await this.#o.brain.onSilence();
    const handle = session.say(reply.text);
    if (reply.endCall) {
      await handle.waitForPlayout().catch(() => undefined);
      await this.endCall();
    }
  }

  /**
   * End the call once: build the CallResult (the brain's own reason if it ended the call, else
   * `endedBy`), hand it to the sink (retries/spool), then hang up. Safe to call from any event.
   */
  endCall(endedBy?: EndedBy): Promise<CallResult> {
    this.#ending ??= this.#finish(endedBy);
    return this.#ending;
  }

  /** The brain ended the call: a handoff is tried first; if it fails, the call goes on (a callback request). */
  async #brainEnded(): Promise<void> {
    const to = this.#o.brain.transferTarget;
    if (to && this.#o.transfer && !this.#ending && !this.#transfer) {
      const timeoutMs = this.#o.transferTimeoutMs ?? DEFAULT_TRANSFER_TIMEOUT_MS;
      this.#transfer = attemptTransfer(this.#o.brain, this.#o.transfer, to, { timeoutMs, logger: this.#o.logger });
      const reply = await this.#transfer;
      if (reply?.text && !this.#ending && this.#session) {
        const handle = this.#session.say(reply.text);
        if (!reply.endCall) return;
        await handle.waitForPlayout().catch(() => undefined);
      }
    }
    await this.endCall();
  }

  async #finish(endedBy?: EndedBy): Promise<CallResult> {
    this.#clearSilenceTimer();
    // A handoff in flight decides the result; one never tried (the caller left first) did not happen.
    if (this.#transfer) await this.#transfer;
    else if (this.#o.transfer && this.#o.brain.transferTarget) {
      await this.#o.brain.onTransferFailed?.('the call ended before the transfer').catch(() => undefined);
    }
    // A session that failed to start never greeted: the brain still starts, so the call gets its one result.
    await this.agent.startBrain();
    const result = await this.#o.brain.onCallEnd(this.#o.brain.ended ? undefined : endedBy);
    metrics.callEnded();
    this.#o.logger.info(
      { callId: result.call_id, outcome: result.outcome, endedBy: result.ended_by, turns: result.turns.length },
      'call ended',
    );
    const delivered = this.#o.sink.submit(result).catch((err: unknown) => {
      this.#o.logger.error({ callId: result.call_id, err: (err as Error).message }, 'call result not stored');
    });
    await Promise.all([delivered, this.#o.hangup?.(result).catch(() => undefined)]);
    return result;
  }

  #clearSilenceTimer(): void {
    if (this.#silenceTimer) clearTimeout(this.#silenceTimer);
    this.#silenceTimer = undefined;
  }
}
