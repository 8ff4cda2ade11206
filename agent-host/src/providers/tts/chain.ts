import { tts } from '@livekit/agents';
import type { BotConfig } from '../../../../core/config/bot-config.ts';
import { selectMembers } from '../chain-select.ts';
import { envValue, type ProviderEnv } from '../env.ts';
import type { ProviderHealth } from '../health.ts';
import { type ErrorSink, healthKey, trackHealth } from '../health-tracking.ts';
import { createCartesiaTts, type TtsRef } from './cartesia.ts';
import { createElevenLabsTts } from './elevenlabs.ts';
import { EspeakTTS } from './espeak.ts';
import { resolveVoice, type TtsProviderName } from './voices.ts';

type NamedRef = TtsRef & { name: TtsProviderName };

/** Options for {@link buildTtsChain}. */
export interface TtsChainOptions {
  /** Voice for this chain; default: the bot config's `voice_id`. A provider's own `voice` wins over it. */
  voice?: string;
  errorSink?: ErrorSink;
}

/** The TTS fallback chain of one call. */
export interface TtsChain {
  tts: tts.TTS;
  names: TtsProviderName[];
}

/** Defaults when the bot config says nothing: Cartesia, then ElevenLabs (those with keys), then local espeak-ng. */
export function defaultTtsRefs(env: ProviderEnv): NamedRef[] {
  const refs: NamedRef[] = [];
  if (envValue(env, 'CARTESIA_API_KEY')) refs.push({ name: 'cartesia' });
  if (envValue(env, 'ELEVENLABS_API_KEY')) refs.push({ name: 'elevenlabs' });
  refs.push({ name: 'espeak' });
  return refs;
}

/** Build one TTS provider instance. */
export function createTts(ref: NamedRef, env: ProviderEnv, voice?: string): tts.TTS {
  switch (ref.name) {
    case 'cartesia':
      return createCartesiaTts(ref, env, voice);
    case 'elevenlabs':
      return createElevenLabsTts(ref, env, voice);
    case 'espeak': {
      const bin = envValue(env, 'ESPEAK_BIN');
      return new EspeakTTS({ voice: resolveVoice('espeak', ref.voice ?? voice, env), ...(bin ? { bin } : {}) });
    }
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
  config: Pick<BotConfig, 'providers' | 'voice_id'>,
  env: ProviderEnv,
  health: ProviderHealth,
  opts: TtsChainOptions = {},
): TtsChain {
  const refs: NamedRef[] = config.providers?.tts ?? defaultTtsRefs(env);
  const voice = opts.voice ?? config.voice_id;
  const members = selectMembers('tts', refs, health, (ref) => createTts(ref, env, voice));
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
