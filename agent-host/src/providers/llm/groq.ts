import OpenAI from 'openai';
import { toProviderError } from '../errors.ts';
import { collectText, DEFAULT_MAX_TOKENS, type LlmMessage, type LLMProvider, type LlmStreamOptions } from './types.ts';

/** Options for {@link GroqProvider}. */
export interface GroqProviderOptions {
  apiKey: string;
  /** OpenAI-compatible base URL; Groq's by default, a local server in tests. */
  baseURL?: string;
  model?: string;
  temperature?: number;
  /** Whole-request timeout in ms (the chain applies a tighter first-token timeout). */
  timeoutMs?: number;
}

export const defaultGroqOptions = {
  baseURL: 'https://api.groq.com/openai/v1',
  model: 'llama-3.1-8b-instant',
  temperature: 0.3,
  timeoutMs: 10_000,
} as const;

/**
 * Groq through its OpenAI-compatible chat completions API (SSE streaming).
 * A 403 (Groq blocks some regions, Russia included) becomes a fatal ProviderError, so the
 * health tracker keeps Groq off instead of retrying it on every turn.
 */
export class GroqProvider implements LLMProvider {
  readonly name = 'groq';
  readonly #client: OpenAI;
  readonly #model: string;
  readonly #temperature: number;

  constructor(opts: GroqProviderOptions) {
    this.#client = new OpenAI({
      apiKey: opts.apiKey,
      baseURL: opts.baseURL ?? defaultGroqOptions.baseURL,
      maxRetries: 0, // the fallback chain decides what to do next, not the SDK
      timeout: opts.timeoutMs ?? defaultGroqOptions.timeoutMs,
    });
    this.#model = opts.model ?? defaultGroqOptions.model;
    this.#temperature = opts.temperature ?? defaultGroqOptions.temperature;
  }

  generate(systemPrompt: string, messages: LlmMessage[], maxTokens = DEFAULT_MAX_TOKENS): Promise<string> {
    return collectText(this.stream(systemPrompt, messages, { maxTokens }));
  }

  async *stream(systemPrompt: string, messages: LlmMessage[], opts: LlmStreamOptions = {}): AsyncIterable<string> {
    const { signal } = opts;
    signal?.throwIfAborted();
    try {
      const stream = await this.#client.chat.completions.create(
        {
          model: this.#model,
          stream: true,
          max_tokens: opts.maxTokens ?? DEFAULT_MAX_TOKENS,
          temperature: this.#temperature,
          messages: [{ role: 'system', content: systemPrompt }, ...messages],
        },
        signal ? { signal } : undefined,
      );
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) yield delta;
      }
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw toProviderError(this.name, 'llm', err);
    }
  }
}
