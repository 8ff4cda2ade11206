import { readFileSync } from 'node:fs';
import { initializeLogger, voice } from '@livekit/agents';
import type { CallResult } from '../../../core/call-result.ts';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import type { ApiClient } from '../../../agent-host/src/api-client.ts';
import { createCall, type CreateCallOptions } from '../../../agent-host/src/call.ts';
import { buildSession } from '../../../agent-host/src/pipeline.ts';
import { LlmChain } from '../../../agent-host/src/providers/llm/chain.ts';
import { ProviderLLM } from '../../../agent-host/src/providers/llm/livekit-adapter.ts';
import type { LLMProvider } from '../../../agent-host/src/providers/llm/types.ts';
import type { RealtimeAgent } from '../../../agent-host/src/realtime-agent.ts';

initializeLogger({ pretty: false, level: 'silent' });

/** A bot config from scenarios/. */
export function scenario(name: string): BotConfig {
  const r = parseBotConfigText(readFileSync(`scenarios/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error(`bad fixture ${name}`);
  return r.config;
}

/** Monday 23 November 2026, 10:00 Moscow. */
export const NOW = new Date('2026-11-23T10:00:00+03:00');

/**
 * A call through the real pipeline objects (AgentSession + our voice agent + the brain),
 * in text mode: no room, no STT/TTS.
 */
export async function startTextCall(
  config: BotConfig,
  opts: {
    api?: Pick<ApiClient, 'searchKnowledge'>;
    llm?: LLMProvider;
    createBrain?: CreateCallOptions['createBrain'];
    /** How the call leaves the line (default: counted as a hang-up). */
    hangup?: CreateCallOptions['hangup'];
    /** How the call is handed to a person (default: none; a transfer then just ends the call). */
    transfer?: CreateCallOptions['transfer'];
    transferTimeoutMs?: number;
    /** Outbound screening (answering-machine detection) before the greeting. */
    screen?: CreateCallOptions['screen'];
    callInfo?: CreateCallOptions['callInfo'];
    booking?: CreateCallOptions['booking'];
  } = {},
) {
  const posted: CallResult[] = [];
  let hungUp = 0;
  const controller = createCall({
    config,
    botId: 'bot_01',
    clock: () => NOW,
    callInfo: opts.callInfo ?? { callId: 'call-text-0001', callerNumber: '+79161234567', channel: 'simulator' },
    sink: { submit: async (r) => (posted.push(r), 'sent') },
    hangup: async (result) => {
      hungUp += 1;
      await opts.hangup?.(result);
    },
    ...(opts.api ? { api: opts.api } : {}),
    ...(opts.llm ? { llm: opts.llm } : {}),
    ...(opts.createBrain ? { createBrain: opts.createBrain } : {}),
    ...(opts.transfer ? { transfer: opts.transfer } : {}),
    ...(opts.transferTimeoutMs !== undefined ? { transferTimeoutMs: opts.transferTimeoutMs } : {}),
    ...(opts.screen ? { screen: opts.screen } : {}),
    ...(opts.booking ? { booking: opts.booking } : {}),
  });
  const brain = controller.brain as RealtimeAgent;
  // The session needs an LLM object; scripted turns never call it (no providers here unless given).
  const session = buildSession(config, { llm: new ProviderLLM(opts.llm ?? new LlmChain([])) });
  controller.attach(session);
  await session.start({ agent: controller.agent });
  await session.waitForIdle();
  const say = async (text: string) => {
    const run = await session.run({ userInput: text }).wait();
    return { run, text: botText(run) };
  };
  return { brain, controller, session, posted, hungUp: () => hungUp, say, hear: (guess: string, final?: string) => hear(session, guess, final) };
}

/*
 * The audio pipeline's entry points into agents-js (internal, but the ones its own tests drive):
 * a preflight/final transcript starts a preemptive generation, the end of turn commits the turn and
 * reuses that generation when the transcripts are equivalent, or cancels it.
 */
interface ActivityHooks {
  onPreemptiveGeneration(info: { newTranscript: string; transcriptConfidence: number; startedSpeakingAt?: number }): void;
  onEndOfTurn(info: {
    skipReply: boolean;
    newTranscript: string;
    transcriptConfidence: number;
    transcriptionDelay: number;
    endOfUtteranceDelay: number;
    startedSpeakingAt: number | undefined;
    stoppedSpeakingAt: number | undefined;
  }): Promise<boolean>;
  _preemptiveGeneration?: { speechHandle: voice.SpeechHandle };
  readonly currentSpeech: voice.SpeechHandle | undefined;
}

/** agents-js's activity of a started session. */
export function activityOf(session: voice.AgentSession): ActivityHooks {
  return (session as unknown as { _activity: ActivityHooks })._activity;
}

/** The guess (preemptive generation) of {@link hear}, before its turn is committed. */
export interface Guess {
  /** The speech handle of the preemptive generation: scheduled only if agents-js reused it. */
  handle: voice.SpeechHandle;
  /** Commit the user turn with the final transcript and wait for the bot's reply text. */
  commit(): Promise<string>;
}

/**
 * Start a caller turn as the audio pipeline does with preemptive generation on: `guess` arrives
 * first (preflight transcript); `commit()` ends the turn with `final` (default: the same words).
 */
export function guess(session: voice.AgentSession, guessText: string, final = guessText): Guess {
  const activity = activityOf(session);
  activity.onPreemptiveGeneration({ newTranscript: guessText, transcriptConfidence: 0.9, startedSpeakingAt: Date.now() });
  const handle = activity._preemptiveGeneration?.speechHandle;
  if (!handle) throw new Error('agents-js did not start a preemptive generation');
  return {
    handle,
    async commit() {
      const reply = nextAssistantText(session);
      await activity.onEndOfTurn({
        skipReply: false,
        newTranscript: final,
        transcriptConfidence: 1,
        transcriptionDelay: 0,
        endOfUtteranceDelay: 0,
        startedSpeakingAt: undefined,
        stoppedSpeakingAt: undefined,
      });
      const text = await reply;
      await activity.currentSpeech?.waitForPlayout(); // the reply has played out: the next turn may start
      return text;
    },
  };
}

/** A whole caller turn through {@link guess}: the preemptive guess, then the commit with `final`. */
export async function hear(session: voice.AgentSession, guessText: string, final = guessText): Promise<string> {
  return guess(session, guessText, final).commit();
}

/** The text of the next assistant message added to the session's history. */
export function nextAssistantText(session: voice.AgentSession): Promise<string> {
  return new Promise((resolve) => {
    const onItem = (ev: voice.ConversationItemAddedEvent) => {
      if (ev.item.type !== 'message' || ev.item.role !== 'assistant') return;
      session.off(voice.AgentSessionEventTypes.ConversationItemAdded, onItem);
      resolve(ev.item.textContent ?? '');
    };
    session.on(voice.AgentSessionEventTypes.ConversationItemAdded, onItem);
  });
}

/** All assistant text of one run. */
export function botText(run: voice.testing.RunResult): string {
  return run.events
    .filter((e): e is voice.testing.ChatMessageEvent => e.type === 'message' && e.item.role === 'assistant')
    .map((e) => e.item.textContent ?? '')
    .join(' ');
}
