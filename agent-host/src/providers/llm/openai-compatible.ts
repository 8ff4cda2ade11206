import OpenAI from 'openai';
import { ProviderError, providerErrorFromStatus, statusOf, toProviderError } from '../errors.ts';
import { collectText, DEFAULT_MAX_TOKENS, type LlmMessage, type LLMProvider, type LlmStreamOptions } from './types.ts';

/** Options for {@link OpenAICompatibleProvider}. */
export interface OpenAICompatibleOptions {
  /** Health/log name, e.g. `yandexgpt`. */
  name: string;
  baseURL: string;
  model: string;
  /** Headers of every request (auth included); called per request so short-lived tokens stay fresh. */
  headers: () => Promise<Record<string, string>> | Record<string, string>;
  /** Env key named when the server answers 401. */
  keyEnv: string;
  /** Called on a 401 with credentials that should still be valid (e.g. drop a cached token). */
  onUnauthorized?: () => void;
  temperature?: number;
  timeoutMs?: number;
}

/**
 * Any OpenAI-compatible chat completions API (SSE streaming) through the official `openai` client: YandexGPT's
 * and GigaChat's compatible endpoints. A 401 becomes a fatal ProviderError naming `keyEnv` (unless
 * `onUnauthorized` says a refreshed token may fix it), 403 fatal, 429/5xx retryable.
 */
export class OpenAICompatibleProvider implements LLMProvider {
  readonly name: string;
  readonly #client: OpenAI;
  readonly #o: OpenAICompatibleOptions;

  constructor(opts: OpenAICompatibleOptions) {
    this.name = opts.name;
    this.#o = opts;
    this.#client = new OpenAI({
      apiKey: 'set-per-request', // replaced by the Authorization header from `headers()`
      baseURL: opts.baseURL,
      maxRetries: 0, // the fallback chain decides what to do next
      timeout: opts.timeoutMs ?? 10_000,
    });
  }

  generate(systemPrompt: string, messages: LlmMessage[], maxTokens = DEFAULT_MAX_TOKENS): Promise<string> {
    return collectText(this.stream(systemPrompt, messages, { maxTokens }));
  }

  async *stream(systemPrompt: string, messages: LlmMessage[], opts: LlmStreamOptions = {}): AsyncIterable<string> {
    const { signal } = opts;
    signal?.throwIfAborted();
    try {
      const headers = await this.#o.headers();
      const stream = await this.#client.chat.completions.create(
        {
          model: this.#o.model,
          stream: true,
          max_tokens: opts.maxTokens ?? DEFAULT_MAX_TOKENS,
          temperature: this.#o.temperature ?? 0.3,
          messages: [{ role: 'system', content: systemPrompt }, ...messages],
        },
        { headers, ...(signal ? { signal } : {}) },
      );
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) yield delta;
      }
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw this.#classify(err);
    }
  }

  #classify(err: unknown): ProviderError {
    if (err instanceof ProviderError) return err;
    const status = statusOf(err);
    if (status === 401 && this.#o.onUnauthorized) {
      this.#o.onUnauthorized();
      return new ProviderError(`${this.name} llm refused the access token (401); a fresh one will be fetched`, {
        provider: this.name,
        kind: 'llm',
        status,
        retryable: true,
        fatal: false,
      });
    }
    if (status === 401) {
      return new ProviderError(`${this.#o.keyEnv} rejected (401) by ${this.name} llm — check the key in the environment`, {
        provider: this.name,
        kind: 'llm',
        status,
        retryable: false,
        fatal: true,
      });
    }
    if (status !== undefined) return providerErrorFromStatus(this.name, 'llm', status, (err as Error).message);
    return toProviderError(this.name, 'llm', err);
  }
}
