import type { CallResult } from '../../core/call-result.ts';
import type { BotConfig } from '../../core/config/bot-config.ts';
import type { ApiClient } from './api-client.ts';
import type { BookingClient } from './booking/index.ts';
import type { CallBrain, CallInfoLike } from './call-brain.ts';
import type { TransferFn } from './handoff.ts';
import { createKnowledgeAnswerer, type KnowledgeAnswerFn } from './knowledge-answer.ts';
import { silentLogger, type Logger } from './logger.ts';
import { CallController, type CallControllerOptions } from './pipeline.ts';
import type { LLMProvider } from './providers/llm/types.ts';
import { RealtimeAgent } from './realtime-agent.ts';
import type { ResultSink } from './result-sink.ts';
import { SafeBrain } from './safe-brain.ts';
import { currentSpeechHandle } from './speech-context.ts';

/** Everything one call needs. */
export interface CreateCallOptions {
  config: BotConfig;
  /** API id of the bot (knowledge search). */
  botId: string;
  callInfo: CallInfoLike;
  sink: Pick<ResultSink, 'submit'>;
  /** Knowledge search; without it knowledge questions get the fallback phrase. */
  api?: Pick<ApiClient, 'searchKnowledge'>;
  /** LLM chain for knowledge answers; null → extractive answers only. */
  llm?: LLMProvider | null;
  /** Free slots and bookings (bots with `booking:`) through the API's internal routes. */
  booking?: BookingClient;
  hangup?: (result?: CallResult) => Promise<void>;
  /** Hands the call to a person (see CallController); bounded by `transferTimeoutMs`. */
  transfer?: TransferFn;
  transferTimeoutMs?: number;
  clock?: () => Date;
  logger?: Logger;
  /** Outbound calls: answering-machine screening before the greeting (see CallController). */
  screen?: CallControllerOptions['screen'];
  /** Replace the brain (tests, benchmarks); default: the RealtimeAgent with the knowledge answerer. */
  createBrain?: (opts: { config: BotConfig; answerQuestion?: KnowledgeAnswerFn }) => CallBrain;
}

/**
 * Wire one call: knowledge answerer (search + LLM, timings reported to the turn being answered),
 * the RealtimeAgent brain, and the CallController that owns the voice agent and the call's end.
 */
export function createCall(opts: CreateCallOptions): CallController {
  const logger = opts.logger ?? silentLogger;
  let controller: CallController | undefined;
  const answerer = opts.api
    ? createKnowledgeAnswerer({
        api: opts.api,
        botId: opts.botId,
        llm: opts.llm ?? null,
        logger,
        // runs inside the reply task, so the speech handle names the turn these timings belong to
        onTimings: (t) => {
          const handle = currentSpeechHandle();
          if (handle && controller) controller.timings.knowledge(handle.id, t);
        },
      })
    : undefined;
  const brainOpts = {
    config: opts.config,
    ...(answerer ? { answerQuestion: answerer } : {}),
    ...(opts.booking ? { booking: { client: opts.booking, botId: opts.botId } } : {}),
  };
  // Whatever the engine or brain throws mid-call, the caller hears an apology, never silence (safe-brain.ts).
  const brain = new SafeBrain(
    opts.createBrain ? opts.createBrain(brainOpts) : new RealtimeAgent({ ...brainOpts, ...(opts.clock ? { clock: opts.clock } : {}) }),
    opts.config,
    { logger },
  );
  controller = new CallController({
    brain,
    config: opts.config,
    callInfo: { ...opts.callInfo, botId: opts.botId },
    sink: opts.sink,
    logger,
    ...(opts.hangup ? { hangup: opts.hangup } : {}),
    ...(opts.transfer ? { transfer: opts.transfer } : {}),
    ...(opts.transferTimeoutMs !== undefined ? { transferTimeoutMs: opts.transferTimeoutMs } : {}),
    ...(answerer ? { prefetch: (text: string) => answerer.prefetch(text) } : {}),
    ...(opts.screen ? { screen: opts.screen } : {}),
  });
  return controller;
}
