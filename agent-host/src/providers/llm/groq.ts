import { OpenAICompatibleProvider } from './openai-compatible.ts';

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
 * Groq through its OpenAI-compatible chat completions API (SSE streaming), as {@link OpenAICompatibleProvider}
 * with a static API key. A 403 (Groq blocks some regions, Russia included) is a fatal ProviderError, so the
 * health tracker keeps Groq off instead of retrying it on every turn; a 401 names `GROQ_API_KEY`.
 */
export class GroqProvider extends OpenAICompatibleProvider {
  constructor(opts: GroqProviderOptions) {
    const headers = { authorization: `Bearer ${opts.apiKey}` };
    super({
      name: 'groq',
      baseURL: opts.baseURL ?? defaultGroqOptions.baseURL,
      model: opts.model ?? defaultGroqOptions.model,
      headers: () => headers,
      keyEnv: 'GROQ_API_KEY',
      temperature: opts.temperature ?? defaultGroqOptions.temperature,
      timeoutMs: opts.timeoutMs ?? defaultGroqOptions.timeoutMs,
    });
  }
}
