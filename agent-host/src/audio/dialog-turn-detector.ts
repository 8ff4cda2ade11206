import { inference, voice, type APIConnectOptions, type ipc } from '@livekit/agents';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import type { DialogState } from '../../../core/engine/types.ts';
import { expectationOf, isBackchannel, judgeCompleteness, type CompletenessVerdict } from '../../../core/turn/index.ts';

/**
 * The audio end-of-turn model's "unlikely" threshold for Russian (v1-mini ships none and falls
 * back to English, 0.36). Chosen with `agent-host/src/audio/calibrate-threshold.ts` on 30
 * espeak-ng Russian phrases, whole and cut at 50 %/75 %, + 200 ms of line noise: the model barely
 * tells them apart on synthetic Russian (whole-phrase mean p 0.37 vs 0.33 cut at 16 kHz; 0.32 vs
 * 0.37 on 8 kHz μ-law), so the threshold is the highest that still lets ≥ 90 % of whole phrases
 * through on both lines (0.25 at 16 kHz, 0.21 on the phone line → 0.2); at 0.36 most whole phrases
 * would wait the max delay. The dialog-aware signal does the real work. Synthetic speech is only a
 * proxy: re-run the calibration on recorded calls.
 */
export const RUSSIAN_EOT_THRESHOLD = 0.2;

/** Options for {@link DialogAwareTurnDetector}. */
export interface DialogAwareTurnDetectorOptions {
  /** Threshold for `ru` (below it the model's "not finished" makes the session wait up to maxDelay). */
  russianThreshold?: number;
  /** The dialog's verdict on the caller's words so far, for the field being asked; null when there are none. */
  judge: () => CompletenessVerdict | null;
  /** Each decision, for logs and the audio call timeline. */
  onDecision?: (d: { verdict: CompletenessVerdict | null; threshold: number | undefined }) => void;
  /** Where the model runs: default the job's shared inference process (agents-js). */
  executor?: ipc.InferenceExecutor;
}

/**
 * agents-js's offline audio end-of-turn model (`turn-detector-v1-mini`) with a Russian threshold,
 * combined with a dialog-aware signal through the detector's own threshold lookup:
 * - the dialog says the words so far are incomplete (a phone short of digits, a trailing "в"/"и",
 *   "двадцать", a day without its month) → nothing counts as "likely done": the session waits up
 *   to the max endpointing delay, whatever the audio says;
 * - the dialog says complete (yes/no to a read-back, a full phone, one enum option) → the session
 *   commits after the min delay without waiting on the model's doubts;
 * - otherwise the model decides with the Russian threshold.
 * It plugs in as `turnHandling.turnDetection` (an audio turn detector object), agents-js unpatched.
 */
export class DialogAwareTurnDetector extends inference.TurnDetector {
  readonly #judge: DialogAwareTurnDetectorOptions['judge'];
  readonly #onDecision: DialogAwareTurnDetectorOptions['onDecision'];

  constructor(opts: DialogAwareTurnDetectorOptions) {
    super({
      version: 'v1-mini',
      unlikelyThreshold: { ru: opts.russianThreshold ?? RUSSIAN_EOT_THRESHOLD },
      ...(opts.executor ? { executor: opts.executor } : {}),
    });
    this.#judge = opts.judge;
    this.#onDecision = opts.onDecision;
  }

  /** The Russian override is deliberate (documented above), not a stray tweak worth a warning per call. */
  protected override _warnThresholdOverride(): void {}

  override stream(opts: { connOptions?: APIConnectOptions } = {}): inference.TurnDetectorStreamImpl {
    void opts;
    const stream = new DialogAwareStream(
      { detector: this, opts: this._opts, cloudOpts: undefined, model: this._model, executor: this._executor },
      (threshold) => this.#decide(threshold),
    );
    this._streams.add(stream);
    return stream;
  }

  #decide(threshold: number | undefined): number | undefined {
    const verdict = this.#judge();
    const adjusted = verdict?.verdict === 'incomplete' ? Number.POSITIVE_INFINITY : verdict?.verdict === 'complete' ? 0 : threshold;
    this.#onDecision?.({ verdict, threshold: adjusted });
    return adjusted;
  }
}

class DialogAwareStream extends inference.TurnDetectorStreamImpl {
  constructor(
    args: ConstructorParameters<typeof inference.TurnDetectorStreamImpl>[0],
    private readonly decide: (threshold: number | undefined) => number | undefined,
  ) {
    super(args);
  }

  override async unlikelyThreshold(language: Parameters<inference.TurnDetectorStreamImpl['unlikelyThreshold']>[0]) {
    return this.decide(await super.unlikelyThreshold(language));
  }
}

/** The caller's words in the turn being listened to, and whether they began over the bot's speech. */
export interface CallerWords {
  text: string;
  overBot: boolean;
}

/**
 * The caller's words in the turn being listened to: the final transcripts since the last committed
 * user turn — exactly what agents-js commits when it ends the turn (judging interim words too would
 * let "…сорок пять" still being recognised complete a phone whose commit then lacks them).
 */
export function trackCallerWords(session: voice.AgentSession): () => CallerWords {
  let finals: string[] = [];
  let overBot = false;
  session.on(voice.AgentSessionEventTypes.UserStateChanged, (ev) => {
    if (ev.newState === 'speaking' && !finals.length) overBot = session.agentState === 'speaking';
  });
  session.on(voice.AgentSessionEventTypes.UserInputTranscribed, (ev) => {
    if (ev.isFinal) finals.push(ev.transcript);
  });
  session.on(voice.AgentSessionEventTypes.ConversationItemAdded, (ev) => {
    if (ev.item.type === 'message' && ev.item.role === 'user') {
      finals = [];
      overBot = false;
    }
  });
  return () => ({ text: finals.join(' '), overBot });
}

/**
 * The dialog's verdict on the caller's words so far (null before any), for the field the engine is
 * asking. A backchannel said over the bot counts as complete: committed at once, the voice agent
 * resumes the reply instead of leaving it paused for the max delay.
 */
export function judgeTurn(
  config: BotConfig,
  state: Readonly<Pick<DialogState, 'phase' | 'scenario' | 'pending'>> | null | undefined,
  words: CallerWords,
): CompletenessVerdict | null {
  if (!words.text) return null;
  if (words.overBot && isBackchannel(words.text)) return { verdict: 'complete', reason: 'backchannel_over_bot' };
  return judgeCompleteness(words.text, state ? expectationOf(config, state) : { kind: 'open' });
}
