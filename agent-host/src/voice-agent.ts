import { ReadableStream } from 'node:stream/web';
import { llm, voice } from '@livekit/agents';
import { isStreamingReply, type CallBrain, type CallInfoLike } from './call-brain.ts';
import { silentLogger, type Logger } from './logger.ts';
import { currentSpeechHandle, waitUntilScheduled } from './speech-context.ts';
import type { TurnTimings } from './timings.ts';

/** Options for {@link VoiceBotAgent}. */
export interface VoiceBotAgentOptions {
  brain: CallBrain;
  callInfo: CallInfoLike;
  timings: TurnTimings;
  /** Start side-effect-free work (knowledge search) for a turn that is not confirmed yet. */
  prefetch?: (text: string) => void;
  /** The brain ended the call: called once the goodbye has been spoken. */
  onBrainEnded: () => void;
  /** System instructions kept on the agent (used only if the stock LLM path ever runs). */
  instructions?: string;
  logger?: Logger;
  now?: () => number;
}

function lastUserText(chatCtx: llm.ChatContext): string {
  for (let i = chatCtx.items.length - 1; i >= 0; i -= 1) {
    const item = chatCtx.items[i];
    if (item?.type === 'message' && item.role === 'user') return (item.textContent ?? '').trim();
  }
  return '';
}

/**
 * The LiveKit voice agent: greets on join, and answers every caller turn through the brain —
 * scripted replies go out at once without any LLM call, knowledge/LLM replies stream through.
 * Preemptive generations only prefetch; the brain sees a turn once it is confirmed.
 */
export class VoiceBotAgent extends voice.Agent {
  readonly #o: Required<Omit<VoiceBotAgentOptions, 'prefetch' | 'instructions'>> & Pick<VoiceBotAgentOptions, 'prefetch'>;
  #speechSeq = 0;

  constructor(opts: VoiceBotAgentOptions) {
    super({ instructions: opts.instructions ?? 'Voice bot; replies come from the scenario engine.' });
    this.#o = { logger: silentLogger, now: () => performance.now(), ...opts };
  }

  override async onEnter(): Promise<void> {
    const greeting = await this.#o.brain.onCallStart(this.#o.callInfo);
    this.session.say(greeting);
  }

  override async llmNode(chatCtx: llm.ChatContext): Promise<ReadableStream<string> | null> {
    const text = lastUserText(chatCtx);
    if (!text) return null;
    const handle = currentSpeechHandle();
    const speechId = handle?.id ?? `turn-${++this.#speechSeq}`;
    return ReadableStream.from(this.#reply(text, speechId, handle)) as ReadableStream<string>;
  }

  async *#reply(text: string, speechId: string, handle: voice.SpeechHandle | undefined): AsyncGenerator<string> {
    const { brain, timings, now } = this.#o;
    if (handle && !handle.scheduled) {
      this.#o.prefetch?.(text);
      if (!(await waitUntilScheduled(handle))) return; // preemptive guess discarded: the brain never saw it
    }
    if (brain.ended) return;
    handle?.addDoneCallback(() => timings.finish(speechId));
    timings.begin(speechId);
    const started = now();
    const reply = await brain.respond(text);
    timings.engine(speechId, reply.source, now() - started);
    if (!isStreamingReply(reply)) {
      if (reply.text) {
        timings.firstText(speechId);
        yield reply.text;
      }
      if (reply.endCall) this.#endAfter(handle);
      if (!handle) timings.finish(speechId);
      return;
    }
    for await (const piece of reply.stream) {
      if (!piece) continue;
      timings.firstText(speechId);
      yield piece;
    }
    await reply.done.catch(() => '');
    if (!handle) timings.finish(speechId);
    if (brain.ended) this.#endAfter(handle);
  }

  #endAfter(handle: voice.SpeechHandle | undefined): void {
    if (handle) handle.addDoneCallback(() => this.#o.onBrainEnded());
    else queueMicrotask(() => this.#o.onBrainEnded());
  }
}
