import { ReadableStream } from 'node:stream/web';
import { llm, voice } from '@livekit/agents';
import type { AudioFrame } from '@livekit/rtc-node';
import { splitNotices } from '../../core/engine/notices.ts';
import {
  isStreamingReply,
  type BrainPreview,
  type BrainReply,
  type BrainStreamingReply,
  type CallBrain,
  type CallInfoLike,
} from './call-brain.ts';
import { isBackchannel, unsaidRest } from '../../core/turn/index.ts';
import { silentLogger, type Logger } from './logger.ts';
import { cachedTtsNode, PhraseAudioCache } from './phrase-audio.ts';
import { currentSpeechHandle, waitUntilScheduled } from './speech-context.ts';
import type { TurnTimings } from './timings.ts';

/** Options for {@link VoiceBotAgent}. */
export interface VoiceBotAgentOptions {
  brain: CallBrain;
  callInfo: CallInfoLike;
  timings: TurnTimings;
  /** Start side-effect-free work (knowledge search) for a turn that is not confirmed yet; used when the brain cannot preview. */
  prefetch?: (text: string) => void;
  /** The brain ended the call: called once the goodbye has been spoken. */
  onBrainEnded: () => void;
  /** Every committed user turn, also one answered without the brain (a backchannel). */
  onTurnCommitted?: () => void;
  /** Notices the greeting opens with that callers cannot talk over (core `callNotices`: recording, legal notice). */
  notices?: readonly string[];
  /**
   * Outbound calls: listens to the first seconds before the bot speaks (core/amd); resolves to the machine's verdict
   * once its message may start, or null for a person (the greeting then goes as usual).
   */
  screen?: () => Promise<{ kind: string; reason: string } | null>;
  /** System instructions kept on the agent (used only if the stock LLM path ever runs). */
  instructions?: string;
  logger?: Logger;
  now?: () => number;
}

/** Phrases of this process's calls (agents-js runs a job per process: in production, one call's). */
const processPhrases = new PhraseAudioCache();

function lastUserText(chatCtx: llm.ChatContext): string {
  for (let i = chatCtx.items.length - 1; i >= 0; i -= 1) {
    const item = chatCtx.items[i];
    if (item?.type === 'message' && item.role === 'user') return (item.textContent ?? '').trim();
  }
  return '';
}

/** A backchannel resumes a reply only if it was cut this recently. */
const BACKCHANNEL_WINDOW_MS = 4000;

/** A reply being spoken: its handle, full text, and where the history stood when it started. */
interface SpokenReply {
  handle: voice.SpeechHandle;
  text: string;
  historyAt: number;
}

/** What one reply task knows about its turn. */
interface ReplyTurn {
  chatCtx: llm.ChatContext;
  speechId: string;
  handle: voice.SpeechHandle | undefined;
}

/**
 * The LiveKit voice agent: greets on join, and answers every caller turn through the brain —
 * scripted replies go out at once without any LLM call, knowledge/LLM replies stream through.
 *
 * Preemptive generations (agents-js runs llmNode on a preflight/final transcript before the turn
 * is confirmed, and throws the result away if the confirmed transcript differs) get the brain's
 * side-effect-free preview: a scripted reply is streamed at once, so TTS runs ahead; a knowledge
 * reply starts its search and LLM speculatively. The brain commits the turn only once the speech
 * is scheduled (the user turn was committed) — once, and never for a discarded guess.
 */
export class VoiceBotAgent extends voice.Agent {
  readonly #o: Required<Omit<VoiceBotAgentOptions, 'prefetch' | 'instructions' | 'onTurnCommitted' | 'notices' | 'screen'>> & Pick<VoiceBotAgentOptions, 'prefetch' | 'onTurnCommitted' | 'notices' | 'screen'>;
  #speechSeq = 0;
  /** The latest reply spoken and its full text (to resume it after a backchannel). */
  #lastSpeech: SpokenReply | undefined;
  #lastPlayback: { at: number; interrupted: boolean; said: string | undefined } | undefined;

  constructor(opts: VoiceBotAgentOptions) {
    super({ instructions: opts.instructions ?? 'Voice bot; replies come from the scenario engine.' });
    this.#o = { logger: silentLogger, now: () => performance.now(), ...opts };
  }

  #greeting: Promise<string> | undefined;

  /** Starts the brain's call once (on entering the session, or at the end of a call whose session never started). */
  startBrain(): Promise<string> {
    return (this.#greeting ??= this.#o.brain.onCallStart(this.#o.callInfo));
  }

  override async onEnter(): Promise<void> {
    this.session.output.audio?.on(voice.AudioOutput.EVENT_PLAYBACK_FINISHED, (ev: voice.PlaybackFinishedEvent) => {
      this.#lastPlayback = { at: this.#o.now(), interrupted: ev.interrupted, said: ev.synchronizedTranscript };
    });
    if (this.#o.screen && (await this.#leftForMachine(this.#o.screen))) return;
    const greeting = await this.startBrain();
    // The notices go out without barge-in; the greeting after them can be interrupted.
    const { notice, rest } = splitNotices(this.#o.notices ?? [], greeting);
    if (notice) this.session.say(notice, { allowInterruptions: false });
    if (rest) this.#lastSpeech = this.#spoken(this.session.say(rest), rest);
  }

  /**
   * A backchannel ("угу", "ага", "да-да") that just cut the bot's reply is not a turn: the brain
   * never sees it and the bot says the rest of the reply. What was heard comes from the audio
   * output's playback report (its synchronized transcript), else from the history.
   */
  override async onUserTurnCompleted(_chatCtx: llm.ChatContext, newMessage: llm.ChatMessage): Promise<void> {
    this.#o.onTurnCommitted?.();
    const last = this.#lastSpeech;
    if (!last?.handle.interrupted || !isBackchannel(newMessage.textContent ?? '')) return;
    await Promise.race([last.handle.waitForPlayout(), new Promise((r) => setTimeout(r, 1000))]);
    const cut = this.#lastPlayback;
    if (!cut?.interrupted || this.#o.now() - cut.at > BACKCHANNEL_WINDOW_MS) return;
    const recorded = this.session.history.items
      .slice(last.historyAt)
      .findLast((i) => i.type === 'message' && i.role === 'assistant' && i.interrupted);
    const said = cut.said ?? (recorded?.type === 'message' ? (recorded.textContent ?? '') : '');
    const rest = unsaidRest(last.text, said);
    if (!rest) return; // the reply was all but over: the caller is answering it
    this.#o.logger.info({ restChars: rest.length }, 'backchannel over the reply; saying the rest');
    this.#lastSpeech = this.#spoken(this.session.say(rest), rest);
    throw new voice.StopResponse();
  }

  /** A sentence this bot's voice said before plays from the phrase cache; others go to the session's TTS. */
  override async ttsNode(text: ReadableStream<string> | AsyncIterable<string>, modelSettings: voice.ModelSettings): Promise<ReadableStream<AudioFrame> | null> {
    const voiceKey = () => `${this.#o.callInfo.botId ?? ''}|${this.session.tts?.label ?? ''}|${this.session.tts?.model ?? ''}`;
    const inner = (t: ReadableStream<string>) => voice.Agent.default.ttsNode(this, t, modelSettings);
    return cachedTtsNode(inner, processPhrases, voiceKey)(ReadableStream.from(text) as ReadableStream<string>);
  }

  /** True while the first seconds of an outbound call are screened: what the callee says then is not a turn. */
  #screening = false;

  /** Screens the answer; for a machine leaves the brain's message (no barge-in) and ends the call. */
  async #leftForMachine(screen: () => Promise<{ kind: string; reason: string } | null>): Promise<boolean> {
    this.#screening = true;
    const machine = await screen().catch(() => null).finally(() => (this.#screening = false));
    if (!machine || !this.#o.brain.onVoicemail) return false;
    await this.startBrain();
    const reply = await this.#o.brain.onVoicemail(machine);
    this.#o.logger.info({ kind: machine.kind, reason: machine.reason }, 'answered by a machine');
    if (reply.text) await this.session.say(reply.text, { allowInterruptions: false }).waitForPlayout();
    this.#o.onBrainEnded();
    return true;
  }

  override async llmNode(chatCtx: llm.ChatContext): Promise<ReadableStream<string> | null> {
    if (this.#screening) return null;
    const text = lastUserText(chatCtx);
    if (!text) return null;
    const handle = currentSpeechHandle();
    const turn: ReplyTurn = { chatCtx, speechId: handle?.id ?? `turn-${++this.#speechSeq}`, handle };
    const preemptive = handle !== undefined && !handle.scheduled;
    const reply = preemptive ? this.#preemptiveReply(text, turn) : this.#confirmedReply(text, turn);
    return ReadableStream.from(reply) as ReadableStream<string>;
  }

  async *#confirmedReply(text: string, turn: ReplyTurn): AsyncGenerator<string> {
    const { brain, timings, now } = this.#o;
    if (brain.ended) return;
    this.#track(turn);
    const started = now();
    timings.confirmed(turn.speechId);
    const reply = await brain.respond(text);
    timings.engine(turn.speechId, reply.source, now() - started);
    yield* this.#speak(reply, '', turn);
  }

  async *#preemptiveReply(text: string, turn: ReplyTurn): AsyncGenerator<string> {
    const { brain, timings, now } = this.#o;
    const handle = turn.handle!;
    if (!brain.preview) {
      this.#o.prefetch?.(text);
      if (await waitUntilScheduled(handle)) yield* this.#confirmedReply(lastUserText(turn.chatCtx) || text, turn);
      return;
    }
    if (brain.ended) return;
    timings.begin(turn.speechId);
    const started = now();
    const preview = brain.preview(text);
    let engineMs = now() - started;
    let committed = false;
    try {
      const confirmed = waitUntilScheduled(handle);
      let early = '';
      if (preview.reply.kind === 'scripted') {
        early = preview.reply.text;
      } else if (preview.reply.kind === 'knowledge' && brain.speculate) {
        const first = await Promise.race([brain.speculate(preview), confirmed.then(() => null)]);
        early = handle.scheduled || handle.interrupted ? '' : (first ?? '');
      }
      if (early) {
        timings.engine(turn.speechId, preview.reply.kind === 'scripted' ? preview.reply.source : 'knowledge', engineMs);
        timings.firstText(turn.speechId);
        yield early; // agents-js runs TTS on it now and plays it as soon as the turn is confirmed
      }
      if (!(await confirmed)) return;
      // Confirmed. agents-js has copied the final transcript (equivalent to the guess) into this user message.
      committed = true;
      if (early) this.#noteSpoken(handle, early);
      timings.confirmed(turn.speechId);
      this.#track(turn);
      const commitStarted = now();
      const reply = await brain.respond(lastUserText(turn.chatCtx) || text, { preview });
      engineMs += now() - commitStarted;
      timings.engine(turn.speechId, reply.source, engineMs);
      yield* this.#speak(reply, early, turn);
    } finally {
      if (!committed) {
        // A discarded guess (or a stream cancelled before confirmation): the brain never saw it.
        brain.discard?.(preview);
        timings.discard(turn.speechId);
      }
    }
  }

  /**
   * Speak the brain's reply; `said` is text already streamed for this turn before it was confirmed.
   * Should the committed reply not start with it (the call state moved on meanwhile), the early
   * speech is interrupted and the committed reply said in its place: the brain's state is the truth.
   */
  async *#speak(reply: BrainReply | BrainStreamingReply, said: string, turn: ReplyTurn): AsyncGenerator<string> {
    const { brain, timings } = this.#o;
    const iterator = (isStreamingReply(reply) ? reply.stream : one(reply.text))[Symbol.asyncIterator]();
    let pending = said;
    let matched = ''; // committed text that was already said early
    let handedOver = false;
    try {
      for (;;) {
        const r = await iterator.next();
        if (r.done) break;
        let piece = r.value;
        if (!piece) continue;
        if (pending) {
          if (pending.startsWith(piece)) {
            pending = pending.slice(piece.length);
            matched += piece;
            continue;
          }
          if (!piece.startsWith(pending)) {
            handedOver = true;
            this.#replace(reply, matched + piece, iterator, turn);
            return;
          }
          piece = piece.slice(pending.length);
          pending = '';
          if (!piece) continue;
        }
        timings.firstText(turn.speechId);
        if (turn.handle) this.#noteSpoken(turn.handle, piece);
        yield piece;
      }
      if (pending.trim()) {
        this.#replace(reply, matched, iterator, turn);
        return;
      }
      if (isStreamingReply(reply)) await reply.done.catch(() => '');
      if (!turn.handle) timings.finish(turn.speechId);
      if (isStreamingReply(reply) ? brain.ended : reply.endCall) this.#endAfter(turn.handle);
    } finally {
      // Cut short (barge-in): close the brain's stream now so its reply is recorded as far as it got.
      if (!handedOver) void iterator.return?.();
    }
  }

  /** The committed reply is not what was said early: interrupt that speech and say the committed one. */
  #replace(reply: BrainReply | BrainStreamingReply, from: string, rest: AsyncIterator<string>, turn: ReplyTurn): void {
    this.#o.logger.warn({ speechId: turn.speechId }, 'preemptive reply differs from the committed one; replacing it');
    try {
      turn.handle?.interrupt(true);
    } catch {
      // already done
    }
    const text = isStreamingReply(reply) ? ReadableStream.from(prepend(from, rest)) : reply.text;
    if (!text) return;
    const handle = this.session.say(text as string | ReadableStream<string>);
    if (isStreamingReply(reply) ? this.#o.brain.ended : reply.endCall) this.#endAfter(handle);
  }

  #spoken(handle: voice.SpeechHandle, text: string): SpokenReply {
    return { handle, text, historyAt: this.session.history.items.length };
  }

  #noteSpoken(handle: voice.SpeechHandle, piece: string): void {
    if (this.#lastSpeech?.handle === handle) this.#lastSpeech.text += piece;
    else this.#lastSpeech = this.#spoken(handle, piece);
  }

  /** Report this turn's timings when its speech is over. */
  #track(turn: ReplyTurn): void {
    const { timings } = this.#o;
    timings.begin(turn.speechId);
    turn.handle?.addDoneCallback(() => timings.finish(turn.speechId));
  }

  #endAfter(handle: voice.SpeechHandle | undefined): void {
    if (handle) handle.addDoneCallback(() => this.#o.onBrainEnded());
    else queueMicrotask(() => this.#o.onBrainEnded());
  }
}

async function* one(text: string): AsyncGenerator<string> {
  if (text) yield text;
}

async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  if (first) yield first;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}

export type { BrainPreview };
