import type { BotConfig, LLM_PROVIDERS } from '../../../../core/config/bot-config.ts';
import type { ProviderHealth } from '../health.ts';
import { LlmChain } from './chain.ts';
import { GroqProvider } from './groq.ts';
import { OllamaProvider } from './ollama.ts';
import { gigaChat, yandexGpt } from './russian.ts';
import type { LLMProvider } from './types.ts';

export { LlmChain, LlmUnavailableError, withScriptedFallback } from './chain.ts';
export { GroqProvider } from './groq.ts';
export { ProviderLLM, toProviderMessages } from './livekit-adapter.ts';
export { OllamaProvider } from './ollama.ts';
export { OpenAICompatibleProvider } from './openai-compatible.ts';
export { gigaChat, yandexGpt } from './russian.ts';
export type { LlmMessage, LLMProvider, LlmStreamOptions } from './types.ts';

/** The env settings the LLM providers read. */
export interface LlmEnv {
  OLLAMA_URL?: string | undefined;
  OLLAMA_MODEL?: string | undefined;
  OLLAMA_KEEP_ALIVE?: string | undefined;
  GROQ_API_KEY?: string | undefined;
  GROQ_BASE_URL?: string | undefined;
  GROQ_MODEL?: string | undefined;
  YANDEX_API_KEY?: string | undefined;
  YANDEX_IAM_TOKEN?: string | undefined;
  YANDEX_FOLDER_ID?: string | undefined;
  YANDEXGPT_MODEL?: string | undefined;
  YANDEX_LLM_BASE_URL?: string | undefined;
  GIGACHAT_AUTH_KEY?: string | undefined;
  GIGACHAT_SCOPE?: string | undefined;
  GIGACHAT_OAUTH_URL?: string | undefined;
  GIGACHAT_MODEL?: string | undefined;
  GIGACHAT_BASE_URL?: string | undefined;
  LLM_FIRST_TOKEN_TIMEOUT_MS?: number | undefined;
}

/** Default order: self-hosted first, then the Russia-hosted clouds, Groq (blocked from Russia) last. */
const DEFAULT_LLM_REFS: { name: (typeof LLM_PROVIDERS)[number]; model?: string }[] = [
  { name: 'ollama' },
  { name: 'yandexgpt' },
  { name: 'gigachat' },
  { name: 'groq' },
];

/** YandexGPT or GigaChat when the env has their keys, else null. */
function russianProvider(name: 'yandexgpt' | 'gigachat', model: string | undefined, env: LlmEnv): LLMProvider | null {
  if (name === 'yandexgpt') {
    if (!(env.YANDEX_API_KEY || env.YANDEX_IAM_TOKEN) || !env.YANDEX_FOLDER_ID) return null;
    return yandexGpt({
      apiKey: env.YANDEX_API_KEY,
      iamToken: env.YANDEX_IAM_TOKEN,
      folderId: env.YANDEX_FOLDER_ID,
      model: model ?? env.YANDEXGPT_MODEL,
      baseURL: env.YANDEX_LLM_BASE_URL,
    });
  }
  if (!env.GIGACHAT_AUTH_KEY) return null;
  return gigaChat({
    authKey: env.GIGACHAT_AUTH_KEY,
    scope: env.GIGACHAT_SCOPE,
    oauthUrl: env.GIGACHAT_OAUTH_URL,
    model: model ?? env.GIGACHAT_MODEL,
    baseURL: env.GIGACHAT_BASE_URL,
  });
}

/**
 * The LLM fallback chain of a bot: `providers.llm` from its config in that order, else Ollama, YandexGPT,
 * GigaChat, Groq — each only when configured in the env. Null when no LLM is configured at all (the host then
 * answers knowledge questions extractively).
 */
export function buildLlmChain(config: Pick<BotConfig, 'providers'>, env: LlmEnv, health?: ProviderHealth): LlmChain | null {
  const refs = config.providers?.llm ?? DEFAULT_LLM_REFS;
  const providers: LLMProvider[] = [];
  for (const ref of refs) {
    if (ref.name === 'ollama' && env.OLLAMA_URL && (ref.model ?? env.OLLAMA_MODEL)) {
      providers.push(
        new OllamaProvider({
          host: env.OLLAMA_URL,
          model: ref.model ?? env.OLLAMA_MODEL!,
          ...(env.OLLAMA_KEEP_ALIVE ? { keepAlive: env.OLLAMA_KEEP_ALIVE } : {}),
        }),
      );
    }
    if (ref.name === 'yandexgpt' || ref.name === 'gigachat') {
      const p = russianProvider(ref.name, ref.model, env);
      if (p) providers.push(p);
    }
    if (ref.name === 'groq' && env.GROQ_API_KEY) {
      providers.push(
        new GroqProvider({
          apiKey: env.GROQ_API_KEY,
          ...(env.GROQ_BASE_URL ? { baseURL: env.GROQ_BASE_URL } : {}),
          ...((ref.model ?? env.GROQ_MODEL) ? { model: ref.model ?? env.GROQ_MODEL! } : {}),
        }),
      );
    }
  }
  if (!providers.length) return null;
  return new LlmChain(providers, {
    ...(health ? { health } : {}),
    ...(env.LLM_FIRST_TOKEN_TIMEOUT_MS ? { firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS } : {}),
  });
}
