import type { LLM_PROVIDERS, STT_PROVIDERS, TTS_PROVIDERS } from '../../../core/config/bot-config.ts';

/** Where a provider processes callers' audio or text. */
export interface ProviderLocation {
  /** Data stays in Russia (Russian cloud regions, or the company's own server). */
  inRussia: boolean;
  where: string;
}

const SELF_HOSTED: ProviderLocation = { inRussia: true, where: "the company's own server (self-hosted)" };

/**
 * Where each provider a bot config can name sends callers' data: the basis of the Russia-first defaults and of
 * the README provider table. Cross-border transfer of callers' voices is personal data leaving the country.
 */
export const PROVIDER_LOCATIONS: {
  stt: Record<(typeof STT_PROVIDERS)[number], ProviderLocation>;
  tts: Record<(typeof TTS_PROVIDERS)[number], ProviderLocation>;
  llm: Record<(typeof LLM_PROVIDERS)[number], ProviderLocation>;
} = {
  stt: {
    yandex: { inRussia: true, where: 'Yandex Cloud, ru-central1 (Russia)' },
    salute: { inRussia: true, where: 'Sber SaluteSpeech cloud (Russia)' },
    whisper: SELF_HOSTED,
    deepgram: { inRussia: false, where: 'Deepgram cloud (USA)' },
  },
  tts: {
    yandex: { inRussia: true, where: 'Yandex Cloud, ru-central1 (Russia)' },
    salute: { inRussia: true, where: 'Sber SaluteSpeech cloud (Russia)' },
    'openai-compatible': SELF_HOSTED,
    espeak: { inRussia: true, where: 'the agent-host itself (local espeak-ng)' },
    cartesia: { inRussia: false, where: 'Cartesia cloud (USA)' },
    elevenlabs: { inRussia: false, where: 'ElevenLabs cloud (USA/EU)' },
  },
  llm: {
    ollama: SELF_HOSTED,
    yandexgpt: { inRussia: true, where: 'Yandex Cloud, ru-central1 (Russia)' },
    gigachat: { inRussia: true, where: 'Sber GigaChat cloud (Russia)' },
    groq: { inRussia: false, where: 'Groq cloud (USA; answers 403 from Russia)' },
  },
};
