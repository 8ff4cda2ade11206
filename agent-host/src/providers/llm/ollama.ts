import { Ollama } from 'ollama';
import { ProviderError, providerErrorFromStatus, toProviderError } from '../errors.ts';
import { collectText, DEFAULT_MAX_TOKENS, type LlmMessage, type LLMProvider, type LlmStreamOptions } from './types.ts';

/** Options for {@link OllamaProvider}. */
export interface OllamaProviderOptions {
  /** Base URL of the Ollama server (OLLAMA_URL), e.g. `http://gpu-box:11434`. */
  host: string;
  /** Model tag (OLLAMA_MODEL), e.g. `qwen2.5:7b-instruct`. */
  model: string;
  /** How long Ollama keeps the model in GPU memory after a request; keeps first tokens fast. */
  keepAlive?: string | number;
  temperature?: number;
  /** Injected for tests or proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export const defaultOllamaOptions = { keepAlive: '30m', temperature: 0.3 } as const;

/**
 * Ollama through the official `ollama` client: streaming `/api/chat` with `keep_alive` and
 * `num_predict`. HTTP errors become {@link ProviderError}s (5xx retryable, 404 model missing).
 */
export class OllamaProvider implements LLMProvider {
  readonly name = 'ollama';
  readonly #client: Ollama;
  readonly #opts: OllamaProviderOptions;

  constructor(opts: OllamaProviderOptions) {
    this.#opts = opts;
    this.#client = new Ollama({ host: opts.host, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  }

  generate(systemPrompt: string, messages: LlmMessage[], maxTokens = DEFAULT_MAX_TOKENS): Promise<string> {
    return collectText(this.stream(systemPrompt, messages, { maxTokens }));
  }

  async *stream(systemPrompt: string, messages: LlmMessage[], opts: LlmStreamOptions = {}): AsyncIterable<string> {
    const { signal } = opts;
    signal?.throwIfAborted();
    let response: Awaited<ReturnType<typeof this.startChat>>;
    try {
      response = await this.startChat(systemPrompt, messages, opts.maxTokens ?? DEFAULT_MAX_TOKENS);
    } catch (err) {
      throw this.classify(err);
    }
    const onAbort = () => response.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const part of response) {
        const delta = part.message?.content ?? '';
        if (delta) yield delta;
        if (part.done) break;
      }
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw this.classify(err);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private startChat(systemPrompt: string, messages: LlmMessage[], maxTokens: number) {
    return this.#client.chat({
      model: this.#opts.model,
      stream: true,
      keep_alive: this.#opts.keepAlive ?? defaultOllamaOptions.keepAlive,
      options: { num_predict: maxTokens, temperature: this.#opts.temperature ?? defaultOllamaOptions.temperature },
      messages: [{ role: 'system', content: systemPrompt }, ...messages],
    });
  }

  private classify(err: unknown): ProviderError {
    const status = (err as { status_code?: unknown }).status_code;
    if (typeof status === 'number') return providerErrorFromStatus(this.name, 'llm', status, (err as Error).message);
    return toProviderError(this.name, 'llm', err);
  }
}
