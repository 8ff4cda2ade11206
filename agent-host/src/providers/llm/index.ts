import type { BotConfig } from '../../../../core/config/bot-config.ts';
import type { ProviderHealth } from '../health.ts';
import { LlmChain } from './chain.ts';
import { GroqProvider } from './groq.ts';
import { OllamaProvider } from './ollama.ts';
import type { LLMProvider } from './types.ts';

export { LlmChain, LlmUnavailableError, withScriptedFallback } from './chain.ts';
export { GroqProvider } from './groq.ts';
export { ProviderLLM, toProviderMessages } from './livekit-adapter.ts';
export { OllamaProvider } from './ollama.ts';
export type { LlmMessage, LLMProvider, LlmStreamOptions } from './types.ts';

/** The env settings the LLM providers read. */
export interface LlmEnv {
  OLLAMA_URL?: string | undefined;
  OLLAMA_MODEL?: string | undefined;
  OLLAMA_KEEP_ALIVE?: string | undefined;
  GROQ_API_KEY?: string | undefined;
  GROQ_BASE_URL?: string | undefined;
  GROQ_MODEL?: string | undefined;
  LLM_FIRST_TOKEN_TIMEOUT_MS?: number | undefined;
}

/**
 * The LLM fallback chain of a bot: `providers.llm` from its config in that order, else Ollama then
 * Groq — each only when configured in the env. Null when no LLM is configured at all (the host then
 * answers knowledge questions extractively).
 */
export function buildLlmChain(config: Pick<BotConfig, 'providers'>, env: LlmEnv, health?: ProviderHealth): LlmChain | null {
  const refs = config.providers?.llm ?? [{ name: 'ollama' as const }, { name: 'groq' as const }];
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
