import { Ollama, type Message } from 'ollama/browser';
import type { Env } from '../env.ts';

/** How post-call processing talks to Ollama; absent when `OLLAMA_URL` is not set. */
export interface LlmOptions {
  url: string;
  model: string;
  /** Per request; a slow model must not hold the queue consumer. */
  timeoutMs: number;
}

export const DEFAULT_OLLAMA_MODEL = 'qwen2.5:7b-instruct';
export const DEFAULT_LLM_TIMEOUT_MS = 20_000;

/** LLM settings from the Worker env, or null for the deterministic path. */
export function llmOptionsFromEnv(env: Pick<Env, 'OLLAMA_URL' | 'OLLAMA_MODEL'>): LlmOptions | null {
  const url = env.OLLAMA_URL?.trim();
  if (!url) return null;
  return { url, model: env.OLLAMA_MODEL?.trim() || DEFAULT_OLLAMA_MODEL, timeoutMs: DEFAULT_LLM_TIMEOUT_MS };
}

/**
 * One non-streaming `/api/chat` call through the `ollama` fetch client; resolves to the reply text.
 * `format` is `'json'` or a JSON schema (Ollama structured outputs). Throws on HTTP errors and timeouts.
 */
export async function chatOnce(opts: LlmOptions, messages: Message[], format?: string | object): Promise<string> {
  const client = new Ollama({
    host: opts.url,
    // The client has no per-request timeout for non-streamed calls: add one at the fetch boundary.
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(opts.timeoutMs) }),
  });
  const res = await client.chat({ model: opts.model, messages, stream: false, format, options: { temperature: 0.2 } });
  return res.message?.content ?? '';
}
