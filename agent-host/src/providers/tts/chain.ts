import { tokenize, tts } from '@livekit/agents';
import type { BotConfig } from '../../../../core/config/bot-config.ts';
import { selectMembers } from '../chain-select.ts';
import { envValue, type ProviderEnv } from '../env.ts';
import type { ProviderHealth } from '../health.ts';
import { type ErrorSink, healthKey, trackHealth } from '../health-tracking.ts';
import { createCartesiaTts, type TtsRef } from './cartesia.ts';
import { createElevenLabsTts } from './elevenlabs.ts';
import { EspeakTTS } from './espeak.ts';
import { resolveVoice, type TtsProviderName } from './voices.ts';
import { createOpenAICompatibleTts } from './openai-compatible.ts';
import { createSaluteTts } from './salute.ts';
import { createYandexTts } from './yandex.ts';

type NamedRef = TtsRef & { name: TtsProviderName };

/** Options for {@link buildTtsChain}. */
export interface TtsChainOptions {
  /** Voice for this chain; default: the bot config's `voice_id`. A provider's own `voice` wins over it. */
  voice?: string;
  errorSink?: ErrorSink;
  /** The pipeline's audio rate (8000 on phone calls): providers that can synthesize at it do, instead of being resampled. */
  sampleRate?: number;
}

/** The TTS fallback chain of one call. */
export interface TtsChain {
  tts: tts.TTS;
  names: TtsProviderName[];
}

/**
 * Defaults when the bot config says nothing: the providers with keys, then local espeak-ng. Russian bots
 * keep audio in Russia first (Yandex SpeechKit, SaluteSpeech, the self-hosted server), Cartesia/ElevenLabs after.
 */
export function defaultTtsRefs(env: ProviderEnv, language = 'ru'): NamedRef[] {
  const has: Record<Exclude<TtsProviderName, 'espeak'>, boolean> = {
    yandex: !!(envValue(env, 'YANDEX_API_KEY') ?? envValue(env, 'YANDEX_IAM_TOKEN')),
    salute: !!envValue(env, 'SALUTE_AUTH_KEY'),
    'openai-compatible': !!envValue(env, 'OPENAI_TTS_URL'),
    cartesia: !!envValue(env, 'CARTESIA_API_KEY'),
    elevenlabs: !!envValue(env, 'ELEVENLABS_API_KEY'),
  };
  const russia = ['yandex', 'salute', 'openai-compatible'] as const;
  const abroad = ['cartesia', 'elevenlabs'] as const;
  const order = language.startsWith('ru') ? [...russia, ...abroad] : [...abroad, ...russia];
  return [...order.filter((name) => has[name]).map((name) => ({ name })), { name: 'espeak' }];
}

/** Build one TTS provider instance. */
export function createTts(ref: NamedRef, env: ProviderEnv, voice?: string, sampleRate?: number): tts.TTS {
  switch (ref.name) {
    case 'yandex':
      return createYandexTts(ref, env, voice, sampleRate);
    case 'salute':
      return createSaluteTts(ref, env, voice, sampleRate);
    case 'openai-compatible':
      return createOpenAICompatibleTts(ref, env, voice);
    case 'cartesia':
      return createCartesiaTts(ref, env, voice);
    case 'elevenlabs':
      return createElevenLabsTts(ref, env, voice);
    case 'espeak': {
      const bin = envValue(env, 'ESPEAK_BIN');
      return new EspeakTTS({ voice: resolveVoice('espeak', ref.voice ?? voice, env), ...(bin ? { bin } : {}) });
    }
    default:
      throw new Error(`unknown TTS provider "${ref.name}"`);
  }
}

/** TTS FallbackAdapter that skips providers ProviderHealth has cooling down or unavailable, instead of probing them. */
class HealthAwareTtsFallback extends tts.FallbackAdapter {
  readonly #keys: string[];
  readonly #health: ProviderHealth;

  constructor(opts: ConstructorParameters<typeof tts.FallbackAdapter>[0], keys: string[], health: ProviderHealth) {
    super(opts);
    this.#keys = keys;
    this.#health = health;
    // children's errors are tracked on the children; without a listener EventEmitter throws re-emitted ones
    this.on('error', () => undefined);
  }

  /** ProviderHealth is the one source of truth: a provider comes back when its cool-down ends. */
  #sync(): void {
    this.status.forEach((s, i) => {
      const key = this.#keys[i];
      if (key) s.available = this.#health.isAvailable(key);
    });
  }

  readonly #adapters = new Map<number, tts.TTS>();

  /**
   * One sentence-splitting adapter per non-streaming member (LiveKit makes a new one per stream, each adding
   * listeners to the member, and re-emits member errors on it with no listener, which throws).
   */
  override getStreamingInstance(index: number): tts.TTS {
    const member = this.ttsInstances[index];
    if (!member || member.capabilities.streaming) return super.getStreamingInstance(index);
    let adapter = this.#adapters.get(index);
    if (!adapter) {
      adapter = new tts.StreamAdapter(member, new tokenize.basic.SentenceTokenizer());
      adapter.on('error', () => undefined);
      this.#adapters.set(index, adapter);
    }
    return adapter;
  }

  /** No background "Hello world" recovery probes (billed, and English): the cool-down decides when to retry. */
  override markUnAvailable(index: number): void {
    const status = this.status[index];
    if (status) status.available = false;
  }

  override synthesize(...args: Parameters<tts.TTS['synthesize']>): tts.ChunkedStream {
    this.#sync();
    return super.synthesize(...args);
  }

  override stream(options?: Parameters<tts.TTS['stream']>[0]): tts.SynthesizeStream {
    this.#sync();
    return super.stream(options);
  }
}

/**
 * Build the TTS of one call from `providers.tts` (or the defaults) and env secrets. A failing provider
 * falls through to the next within the same utterance (as long as it failed before sending audio) and is
 * then skipped for its cool-down. Output is resampled to the highest rate in the chain.
 */
export function buildTtsChain(
  config: Pick<BotConfig, 'providers' | 'voice_id'> & { language?: string },
  env: ProviderEnv,
  health: ProviderHealth,
  opts: TtsChainOptions = {},
): TtsChain {
  const refs: NamedRef[] = config.providers?.tts ?? defaultTtsRefs(env, config.language);
  const voice = opts.voice ?? config.voice_id;
  const members = selectMembers('tts', refs, health, (ref) => createTts(ref, env, voice, opts.sampleRate));
  for (const m of members) trackHealth(m.instance, 'tts', m.name, health, opts.errorSink);
  const names = members.map((m) => m.name as TtsProviderName);
  const [first] = members;
  if (members.length === 1 && first) return { tts: first.instance, names };
  const adapter = new HealthAwareTtsFallback(
    { ttsInstances: members.map((m) => m.instance), maxRetryPerTTS: 0 },
    members.map((m) => healthKey('tts', m.name)),
    health,
  );
  return { tts: adapter, names };
}
