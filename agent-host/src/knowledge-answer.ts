import type { BotConfig } from '../../core/config/bot-config.ts';
import { indexText, questionConcepts } from '../../core/knowledge/query.ts';
import type { ApiClient, KnowledgeChunk } from './api-client.ts';
import { silentLogger, type Logger } from './logger.ts';
import { buildKnowledgeMessages, buildSystemPrompt } from './prompts.ts';
import { LlmUnavailableError } from './providers/llm/chain.ts';
import type { LLMProvider } from './providers/llm/types.ts';
import { sentences, splitSentences } from './sentences.ts';

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

/**
 * Extractive answer: the sentences (or `key: value` lines) of the best chunk that cover most of what the
 * question asks about — its topical words or their synonyms, as the knowledge index understands them —
 * in their original order, for when no LLM is configured or reachable. Null when no sentence covers at
 * least `minCoverage` of the question.
 * @example extractiveAnswer('Сколько стоит маникюр?', chunks) // 'Маникюр с покрытием стоит 1500 рублей.'
 */
export function extractiveAnswer(
  question: string,
  chunks: readonly KnowledgeChunk[],
  maxSentences = 2,
  minCoverage = 0.4,
): string | null {
  const concepts = questionConcepts(question);
  const best = chunks[0];
  if (!best || !concepts.length) return null;
  const scored = best.text.split(/\n+/).flatMap(splitSentences).map((s, i) => {
    const words = new Set(indexText(s).split(' '));
    const hits = concepts.filter((group) => group.some((w) => words.has(w))).length;
    return { s, i, hits };
  });
  const top = Math.max(...scored.map((x) => x.hits));
  // Too little of the question found in one sentence: reading it out would likely answer something else.
  if (top / concepts.length < minCoverage) return null;
  // A second sentence only if it is nearly as relevant: "стоит" alone must not drag in every price.
  const picked = scored
    .filter((x) => x.hits > 0 && x.hits >= top * 0.75)
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, maxSentences)
    .sort((a, b) => a.i - b.i);
  if (!picked.length) return null;
  return picked.map((x) => (/[.!?…]$/.test(x.s) ? x.s : `${x.s}.`)).join(' ');
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
