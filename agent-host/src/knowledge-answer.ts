import type { BotConfig } from '../../core/config/bot-config.ts';
import { extractiveAnswer as coreExtractiveAnswer } from '../../core/knowledge/answer.ts';
import type { ApiClient, KnowledgeChunk } from './api-client.ts';
import { silentLogger, type Logger } from './logger.ts';
import { buildKnowledgeMessages, buildSystemPrompt } from './prompts.ts';
import { LlmUnavailableError } from './providers/llm/chain.ts';
import type { LLMProvider } from './providers/llm/types.ts';
import { sentences } from './sentences.ts';

/** Same shape as the brain's `KnowledgeAnswerer` (realtime-agent.ts). */
export type KnowledgeAnswerFn = (
  question: string,
  ctx: { config: BotConfig; signal?: AbortSignal },
) => Promise<string | AsyncIterable<string> | null>;

/** A knowledge answer as far as it is known before anything is spoken: whole, none, or a stream and its first piece. */
export type StartedAnswer =
  | { kind: 'text'; answer: string | null; kbMs: number }
  | { kind: 'stream'; iterator: AsyncIterator<string>; first: string; kbMs: number };

/**
 * Ask `answer` and wait for its first non-empty piece (for a stream: search + LLM first sentence).
 * A failure or an empty stream counts as no answer; `kbMs` is the time until then.
 */
export async function startAnswer(
  answer: KnowledgeAnswerFn,
  question: string,
  ctx: { config: BotConfig; signal?: AbortSignal },
): Promise<StartedAnswer> {
  const started = performance.now();
  let result: string | AsyncIterable<string> | null;
  try {
    result = await answer(question, ctx);
  } catch {
    result = null; // graceful degradation: a failing knowledge service means the fallback phrase
  }
  if (result === null || typeof result === 'string') return { kind: 'text', answer: result, kbMs: performance.now() - started };
  const iterator = result[Symbol.asyncIterator]();
  const first = await firstPiece(iterator);
  const kbMs = performance.now() - started;
  return first === null ? { kind: 'text', answer: null, kbMs } : { kind: 'stream', iterator, first, kbMs };
}

async function firstPiece(iterator: AsyncIterator<string>): Promise<string | null> {
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

/** Timings of one knowledge answer, for the turn's metrics. */
export interface KnowledgeTimings {
  kb_ms: number;
  llm_first_token_ms?: number;
  provider?: string;
  mode: 'llm' | 'extractive';
}

/** Options for {@link createKnowledgeAnswerer}. */
export interface KnowledgeAnswererOptions {
  api: Pick<ApiClient, 'searchKnowledge'>;
  /** API id of the bot whose knowledge is searched. */
  botId: string;
  /** LLM (usually the fallback chain); null → extractive answers only. */
  llm: LLMProvider | null;
  topK?: number;
  maxTokens?: number;
  onTimings?: (t: KnowledgeTimings) => void;
  logger?: Logger;
  now?: () => number;
}

export const defaultKnowledgeAnswererOptions = { topK: 3, maxTokens: 120 } as const;

/** The answerer plus a side-effect-free search prefetch (used while a turn is not yet confirmed). */
export interface KnowledgeAnswerer extends KnowledgeAnswerFn {
  prefetch(question: string): void;
}

/** {@link coreExtractiveAnswer} over found chunks: for when no LLM is configured or reachable. */
export function extractiveAnswer(question: string, chunks: readonly KnowledgeChunk[], maxSentences = 2, minCoverage = 0.4): string | null {
  return coreExtractiveAnswer(question, chunks.map((c) => c.text), maxSentences, minCoverage);
}

/**
 * KB question → search → LLM answer from the found chunks only, streamed sentence by sentence.
 * No chunks → null (the engine falls back). LLM missing or every provider down → extractive answer.
 */
export function createKnowledgeAnswerer(opts: KnowledgeAnswererOptions): KnowledgeAnswerer {
  const o = { ...defaultKnowledgeAnswererOptions, logger: silentLogger, now: () => performance.now(), ...opts };
  const prefetched = new Map<string, Promise<KnowledgeChunk[]>>();
  const search = (q: string, signal?: AbortSignal) => o.api.searchKnowledge(o.botId, q, o.topK, signal);

  const answer = async (question: string, ctx: { config: BotConfig; signal?: AbortSignal }) => {
    const started = o.now();
    let chunks: KnowledgeChunk[];
    try {
      chunks = await (prefetched.get(question) ?? search(question, ctx.signal));
    } catch (err) {
      o.logger.warn({ err: (err as Error).message }, 'knowledge search failed');
      return null;
    } finally {
      prefetched.clear();
    }
    const kb_ms = o.now() - started;
    if (!chunks.length) return null;
    const extractive = () => {
      o.onTimings?.({ kb_ms, mode: 'extractive' });
      return extractiveAnswer(question, chunks);
    };
    const llm = o.llm;
    if (!llm) return extractive();
    const llmStarted = o.now();
    const deltas = llm.stream(buildSystemPrompt(ctx.config), buildKnowledgeMessages(ctx.config, question, chunks), {
      maxTokens: o.maxTokens,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onFirstToken: ({ provider }) =>
        o.onTimings?.({ kb_ms, llm_first_token_ms: o.now() - llmStarted, provider, mode: 'llm' }),
    });
    return (async function* () {
      let produced = false;
      try {
        for await (const s of sentences(deltas)) {
          produced = true;
          yield s;
        }
      } catch (err) {
        if (produced || !(err instanceof LlmUnavailableError)) throw err;
        o.logger.warn({ err: err.message }, 'no LLM for knowledge answer, answering extractively');
        const text = extractive();
        if (text) yield text;
      }
    })();
  };

  return Object.assign(answer, {
    prefetch(question: string) {
      if (prefetched.has(question)) return;
      const p = search(question);
      p.catch(() => prefetched.delete(question));
      prefetched.set(question, p);
    },
  });
}
