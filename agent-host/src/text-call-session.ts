import type { CallResult } from '../../core/call-result.ts';
import type { BotConfig } from '../../core/config/bot-config.ts';
import { ApiClient } from './api-client.ts';
import { HttpBookingClient } from './booking/index.ts';
import type { RealtimeAgentOptions } from './realtime-agent.ts';
import { createKnowledgeAnswerer, type KnowledgeAnswerer } from './knowledge-answer.ts';
import { buildLlmChain, type LlmEnv } from './providers/llm/index.ts';
import { ResultSink, type SinkOutcome } from './result-sink.ts';

/** A text call wired to a running API: the bot's knowledge for questions, the result posted at the end. */
export interface TextCallSession {
  /** The API's id of the bot (the CallResult is posted under it). */
  botId: string;
  /** The bot's config as the API holds it (it may be newer than the local file). */
  config: BotConfig;
  answerQuestion: KnowledgeAnswerer;
  /** The bot's booking system through the API's internal routes (bots with `booking:`), so bookings are real. */
  booking?: RealtimeAgentOptions['booking'];
  /** Posts the finished call (retries, then spools to disk: no call is lost). */
  post(result: CallResult): Promise<SinkOutcome>;
}

export interface TextCallSessionOptions {
  baseUrl: string;
  token: string;
  /** Local config; its `bot_id` (slug) or `botId` picks the bot on the API. */
  config: BotConfig;
  botId?: string;
  /** OLLAMA_URL / GROQ_API_KEY etc.; without them knowledge answers are extractive. */
  env?: LlmEnv;
}

/**
 * Resolves the bot on the API and builds the knowledge answerer and the result sink for a text call.
 * @example const s = await connectTextCall({ baseUrl: 'http://127.0.0.1:8787', token, config });
 */
export async function connectTextCall(opts: TextCallSessionOptions): Promise<TextCallSession> {
  const api = new ApiClient({ baseUrl: opts.baseUrl, token: opts.token, timeoutMs: 5000 });
  const runtime = await api.getBotRuntime(opts.botId ?? opts.config.bot_id);
  if (!runtime) throw new Error(`bot "${opts.botId ?? opts.config.bot_id}" is not known to the API at ${opts.baseUrl}`);
  const config = runtime.config;
  const llm = opts.env ? buildLlmChain(config, opts.env) : null;
  const sink = new ResultSink({ client: api });
  return {
    botId: runtime.id,
    config,
    answerQuestion: createKnowledgeAnswerer({ api, botId: runtime.id, llm }),
    ...(config.booking ? { booking: { client: new HttpBookingClient({ baseUrl: opts.baseUrl, token: opts.token }), botId: runtime.id } } : {}),
    post: (result) => sink.submit({ ...result, bot_id: runtime.id }),
  };
}
