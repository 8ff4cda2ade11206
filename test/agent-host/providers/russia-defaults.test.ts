import { describe, expect, it } from 'vitest';
import { loadAgentHostEnv } from '../../../agent-host/src/config.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildLlmChain } from '../../../agent-host/src/providers/llm/index.ts';
import { buildSttChain, defaultSttRefs } from '../../../agent-host/src/providers/stt/chain.ts';
import { defaultTtsRefs } from '../../../agent-host/src/providers/tts/chain.ts';

const ALL_KEYS = {
  YANDEX_API_KEY: 'yc',
  YANDEX_FOLDER_ID: 'b1gsalonfolder',
  SALUTE_AUTH_KEY: 'c2FsdXRl',
  GIGACHAT_AUTH_KEY: 'Z2lnYQ==',
  WHISPER_URL: 'http://gpu-box:8000',
  OPENAI_TTS_URL: 'http://gpu-box:8001',
  OLLAMA_URL: 'http://gpu-box:11434',
  OLLAMA_MODEL: 'qwen2.5:7b-instruct',
  DEEPGRAM_API_KEY: 'dg',
  CARTESIA_API_KEY: 'ca',
  ELEVENLABS_API_KEY: 'el',
  GROQ_API_KEY: 'gq',
};
const LIVEKIT = {
  LIVEKIT_URL: 'wss://voicebot.livekit.cloud',
  LIVEKIT_API_KEY: 'APIxxxx',
  LIVEKIT_API_SECRET: 'secret',
  API_BASE_URL: 'http://127.0.0.1:8787',
  AGENT_HOST_TOKEN: 'agent-token',
};

describe('yandex-stt / salute-stt / yandex-tts / salute-tts / yandexgpt / gigachat defaults for Russian bots', () => {
  it('a language: ru bot prefers providers that keep audio in Russia, foreign clouds last', () => {
    expect(defaultSttRefs(ALL_KEYS, 'ru').map((r) => r.name)).toEqual(['yandex', 'salute', 'whisper', 'deepgram']);
    expect(defaultTtsRefs(ALL_KEYS, 'ru').map((r) => r.name)).toEqual(['yandex', 'salute', 'openai-compatible', 'cartesia', 'elevenlabs', 'espeak']);
    expect(buildLlmChain({}, ALL_KEYS)!.providers.map((p) => p.name)).toEqual(['ollama', 'yandexgpt', 'gigachat', 'groq']);
  });

  it('an English bot keeps the previous order; only providers with keys are used', () => {
    expect(defaultSttRefs(ALL_KEYS, 'en').map((r) => r.name)).toEqual(['deepgram', 'whisper', 'yandex', 'salute']);
    expect(defaultTtsRefs({ SALUTE_AUTH_KEY: 'k' }, 'ru').map((r) => r.name)).toEqual(['salute', 'espeak']);
    expect(buildSttChain({ language: 'ru' }, { YANDEX_API_KEY: 'yc' }, new ProviderHealth()).names).toEqual(['yandex']);
  });

  it('the environment check accepts a Russia-only set of keys and explains what is missing without any', () => {
    const env = loadAgentHostEnv({ ...LIVEKIT, YANDEX_API_KEY: 'yc', YANDEX_FOLDER_ID: 'b1gsalonfolder' });
    expect(env.YANDEXGPT_MODEL).toBe('yandexgpt/latest');
    expect(() => loadAgentHostEnv({ ...LIVEKIT, SALUTE_AUTH_KEY: 'c2FsdXRl', GIGACHAT_AUTH_KEY: 'Z2lnYQ==' })).not.toThrow();
    expect(() => loadAgentHostEnv(LIVEKIT)).toThrow(/DEEPGRAM_API_KEY is not set — .*SALUTE_AUTH_KEY/);
    expect(() => loadAgentHostEnv(LIVEKIT)).toThrow(/CARTESIA_API_KEY is not set — .*OPENAI_TTS_URL/);
    expect(() => loadAgentHostEnv({ ...LIVEKIT, YANDEX_IAM_TOKEN: 't1.iam' })).toThrow(/YANDEX_FOLDER_ID is not set/);
  });
});
