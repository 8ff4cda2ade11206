import type { TTS_PROVIDERS } from '../../../../core/config/bot-config.ts';

/** TTS providers a bot can speak with. */
export type TtsProviderName = (typeof TTS_PROVIDERS)[number];

/**
 * Logical voice names used in bot configs (`voice_id: "russian-female-1"`) → provider voices.
 * ElevenLabs ids are its premade voices (multilingual models speak Russian with any of them);
 * espeak-ng ids are its Russian voice variants. Cartesia has no entries here: set a Russian voice's
 * UUID from play.cartesia.ai directly in the config (`voice: "<uuid>"`), or map one through
 * `CARTESIA_VOICE_RUSSIAN_FEMALE_1`-style env keys (see {@link resolveVoice}).
 * Yandex ids are SpeechKit voices; SaluteSpeech ids are voice stems (`Nec` → `Nec_24000`/`Nec_8000` by rate);
 * openai-compatible ids are Piper's Russian voices as a Piper-backed `/v1/audio/speech` server names them.
 */
export const VOICE_TABLE: Readonly<Record<string, Partial<Record<TtsProviderName, string>>>> = {
  'russian-female-1': { elevenlabs: 'EXAVITQu4vr4xnSDxMaL', espeak: 'ru+f3', yandex: 'alena', salute: 'Nec', 'openai-compatible': 'ru_RU-irina-medium' },
  'russian-female-2': { elevenlabs: 'XrExE9yKIg1WjnnlVkGX', espeak: 'ru+f4', yandex: 'jane', salute: 'May', 'openai-compatible': 'ru_RU-irina-medium' },
  'russian-male-1': { elevenlabs: 'pNInz6obpgDQGcFmaJgB', espeak: 'ru+m3', yandex: 'filipp', salute: 'Bys', 'openai-compatible': 'ru_RU-dmitri-medium' },
  'russian-male-2': { elevenlabs: 'onwK4e9ZLuTAKqWW03F9', espeak: 'ru+m1', yandex: 'ermil', salute: 'Tur', 'openai-compatible': 'ru_RU-denis-medium' },
};

/** What a provider uses when a logical name has no mapping for it. */
export const DEFAULT_VOICES: Readonly<Record<TtsProviderName, string>> = {
  cartesia: '',
  elevenlabs: 'EXAVITQu4vr4xnSDxMaL',
  espeak: 'ru+f3',
  yandex: 'alena',
  salute: 'Nec',
  'openai-compatible': 'ru_RU-irina-medium',
};

function envKey(provider: TtsProviderName, logical: string): string {
  return `${provider.toUpperCase()}_VOICE_${logical.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

function looksLikeLogicalName(voice: string): boolean {
  return /^[a-z]+(-[a-z0-9]+)+$/.test(voice);
}

/**
 * Resolve a bot's voice for one provider: env override (`CARTESIA_VOICE_RUSSIAN_FEMALE_1`), then
 * {@link VOICE_TABLE}, then a raw provider id passed through as is. An unmapped logical name
 * falls back to the provider default (`''` for Cartesia = the plugin's own default voice).
 *
 * @example resolveVoice('espeak', 'russian-male-1') // 'ru+m3'
 * @example resolveVoice('cartesia', '3f4ade23-6eb4-4279-ab05-6a144947c4d5') // passthrough
 */
export function resolveVoice(
  provider: TtsProviderName,
  voice: string | undefined,
  env: Readonly<Record<string, string | undefined>> = {},
): string {
  if (!voice) return DEFAULT_VOICES[provider];
  const fromEnv = env[envKey(provider, voice)]?.trim();
  if (fromEnv) return fromEnv;
  const mapped = VOICE_TABLE[voice]?.[provider];
  if (mapped) return mapped;
  if (VOICE_TABLE[voice] || looksLikeLogicalName(voice)) return DEFAULT_VOICES[provider];
  return voice;
}
