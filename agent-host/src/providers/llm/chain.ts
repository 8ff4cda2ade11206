import { metrics } from '../../ops/metrics.ts';
import { ProviderError, toProviderError } from '../errors.ts';
import type { ProviderHealth } from '../health.ts';
import { collectText, DEFAULT_MAX_TOKENS, type LlmMessage, type LLMProvider, type LlmStreamOptions } from './types.ts';

/** Options for {@link LlmChain}. */
export interface LlmChainOptions {
  /** Per provider: no first token within this many ms → abort it and try the next one. */
  firstTokenTimeoutMs?: number;
  /** All providers together: past this many ms without a first token, give up. */
  totalBudgetMs?: number;
  /** Shared health: providers in cool-down or marked unavailable (403/401) are skipped. */
  health?: ProviderHealth;
  now?: () => number;
}

export const defaultLlmChainOptions = { firstTokenTimeoutMs: 1200, totalBudgetMs: 2000 } as const;

/** No provider of the chain produced a first token (all failed, timed out or were skipped). */
export class LlmUnavailableError extends Error {
  readonly failures: ProviderError[];
  constructor(failures: ProviderError[]) {
    super(failures.length ? `no LLM answered: ${failures.map((f) => f.message).join('; ')}` : 'no LLM provider available');
    this.name = 'LlmUnavailableError';
    this.failures = failures;
  }
}

const healthKey = (name: string) => `llm:${name}`;

/**
 * Ordered LLM fallback: the first healthy provider that yields a first token within the
 * timeout answers. Once a provider is speaking, the chain stays with it (switching mid-sentence
 * would garble the reply); a mid-stream failure just ends the text early.
 */
export class LlmChain implements LLMProvider {
  readonly name = 'chain';
  readonly #providers: LLMProvider[];
  readonly #opts: Required<Omit<LlmChainOptions, 'health'>> & Pick<LlmChainOptions, 'health'>;

  constructor(providers: LLMProvider[], opts: LlmChainOptions = {}) {
    this.#providers = providers;
    this.#opts = { ...defaultLlmChainOptions, now: Date.now, ...opts };
  }

  get providers(): readonly LLMProvider[] {
    return this.#providers;
  }

  generate(systemPrompt: string, messages: LlmMessage[], maxTokens = DEFAULT_MAX_TOKENS): Promise<string> {
    return collectText(this.stream(systemPrompt, messages, { maxTokens }));
  }

  async *stream(systemPrompt: string, messages: LlmMessage[], opts: LlmStreamOptions = {}): AsyncIterable<string> {
    const { health, now } = this.#opts;
    const started = now();
    const failures: ProviderError[] = [];
    for (const provider of this.#providers) {
      if (health && !health.isAvailable(healthKey(provider.name))) continue;
      const left = this.#opts.totalBudgetMs - (now() - started);
      if (left <= 0) break;
      opts.signal?.throwIfAborted();
      const ctrl = new AbortController();
      const onOuterAbort = () => ctrl.abort(opts.signal?.reason);
      opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
      const it = provider.stream(systemPrompt, messages, { ...opts, signal: ctrl.signal })[Symbol.asyncIterator]();
      try {
        const first = await firstWithin(it, Math.min(this.#opts.firstTokenTimeoutMs, left), ctrl, provider.name);
        if (first.done) throw new ProviderError(`${provider.name} llm returned an empty reply`, emptyReply(provider.name));
        health?.markSuccess(healthKey(provider.name));
        opts.onFirstToken?.({ provider: provider.name, ms: now() - started });
        yield first.value;
        yield* rest(it, provider.name);
        return;
      } catch (err) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        const pe = toProviderError(provider.name, 'llm', err);
        failures.push(pe);
        health?.markFailure(healthKey(provider.name), pe);
        metrics.providerError('llm', provider.name);
      } finally {
        opts.signal?.removeEventListener('abort', onOuterAbort);
      }
    }
    throw new LlmUnavailableError(failures);
  }
}

function emptyReply(provider: string) {
  return { provider, kind: 'llm' as const, retryable: true, fatal: false };
}

async function firstWithin(
  it: AsyncIterator<string>,
  ms: number,
  ctrl: AbortController,
  provider: string,
): Promise<IteratorResult<string>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new ProviderError(`${provider} llm: no first token within ${ms} ms`, {
        provider,
        kind: 'llm',
        retryable: true,
        fatal: false,
      });
      ctrl.abort(err);
      reject(err);
    }, ms);
  });
  try {
    for (;;) {
      const r = await Promise.race([it.next(), timeout]);
      if (r.done || r.value) return r;
    }
  } finally {
    clearTimeout(timer);
  }
}

async function* rest(it: AsyncIterator<string>, provider: string): AsyncIterable<string> {
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  } catch {
    // Mid-reply failure: what was said stays said; the health tracker learns about it.
    metrics.providerError('llm', provider);
  } finally {
    await it.return?.();
  }
}

/**
 * Wrap a provider so that "no LLM at all" becomes a scripted phrase instead of an error:
 * a dead provider must never leave the caller in silence.
 */
export function withScriptedFallback(provider: LLMProvider, phrase: string): LLMProvider {
  return {
    name: provider.name,
    generate: (s, m, maxTokens) => collectText(withScriptedFallback(provider, phrase).stream(s, m, { maxTokens })),
    async *stream(systemPrompt, messages, opts = {}) {
      let produced = false;
      try {
        for await (const delta of provider.stream(systemPrompt, messages, opts)) {
          produced = true;
          yield delta;
        }
      } catch (err) {
        if (produced || !(err instanceof LlmUnavailableError)) throw err;
        yield phrase;
      }
    },
  };
}
