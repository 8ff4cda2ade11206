import { Ollama, type Message } from 'ollama/browser';
import type { Env } from '../env.ts';
import { chatOpenAICompatible, gigaChatTarget, yandexGptTarget, type OpenAIChatTarget, type RussianLlmEnv } from './openai-chat.ts';

/** How post-call processing talks to its LLM (Ollama, or a Russia-hosted cloud); absent when none is configured. */
export interface LlmOptions {
  url: string;
  model: string;
  /** Per request; a slow model must not hold the queue consumer. */
  timeoutMs: number;
  /** Set for YandexGPT/GigaChat (OpenAI-compatible chat); Ollama otherwise. */
  openai?: OpenAIChatTarget;
  /** Tried when this one fails (Ollama → YandexGPT → GigaChat). */
  fallback?: LlmOptions;
}

export const DEFAULT_OLLAMA_MODEL = 'qwen2.5:7b-instruct';
export const DEFAULT_LLM_TIMEOUT_MS = 20_000;

/** LLM settings from the Worker env — Ollama, then YandexGPT, then GigaChat, each when configured — or null. */
export function llmOptionsFromEnv(env: Pick<Env, 'OLLAMA_URL' | 'OLLAMA_MODEL'> & RussianLlmEnv): LlmOptions | null {
  const chain: LlmOptions[] = [];
  const url = env.OLLAMA_URL?.trim();
  if (url) chain.push({ url, model: env.OLLAMA_MODEL?.trim() || DEFAULT_OLLAMA_MODEL, timeoutMs: DEFAULT_LLM_TIMEOUT_MS });
  for (const target of [yandexGptTarget(env), gigaChatTarget(env)]) {
    if (target) chain.push({ url: target.baseURL, model: target.model, timeoutMs: DEFAULT_LLM_TIMEOUT_MS, openai: target });
  }
  return chain.reduceRight<LlmOptions | null>((next, o) => (next ? { ...o, fallback: next } : o), null);
}

/**
 * One non-streaming `/api/chat` call through the `ollama` fetch client; resolves to the reply text.
 * `format` is `'json'` or a JSON schema (Ollama structured outputs). Throws on HTTP errors and timeouts.
 */
export async function chatOnce(opts: LlmOptions, messages: Message[], format?: string | object): Promise<string> {
  try {
    return await chatWith(opts, messages, format);
  } catch (err) {
    if (!opts.fallback) throw err;
    console.warn(JSON.stringify({ msg: 'llm failed, trying the next one', model: opts.model, error: String(err) }));
    return chatOnce(opts.fallback, messages, format);
  }
}

async function chatWith(opts: LlmOptions, messages: Message[], format?: string | object): Promise<string> {
  if (opts.openai) return chatOpenAICompatible(opts.openai, messages, opts.timeoutMs, format);
  const client = new Ollama({
    host: opts.url,
    // The client has no per-request timeout for non-streamed calls: add one at the fetch boundary.
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(opts.timeoutMs) }),
  });
  const res = await client.chat({ model: opts.model, messages, stream: false, format, options: { temperature: 0.2 } });
  return res.message?.content ?? '';
}
