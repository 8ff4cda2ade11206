import { stt, type VAD } from '@livekit/agents';
import { type BotConfig, STT_PROVIDERS } from '../../../../core/config/bot-config.ts';
import { type ChainMember, selectMembers } from '../chain-select.ts';
import type { ProviderEnv } from '../env.ts';
import { envValue } from '../env.ts';
import type { ProviderHealth } from '../health.ts';
import { type ErrorSink, healthKey, trackHealth } from '../health-tracking.ts';
import { createDeepgramStt, type SttRef } from './deepgram.ts';
import { ErrorReportingStt, vadStreamAdapter } from './vad-adapter.ts';
import { createWhisperStt } from './whisper.ts';
import { createSaluteStt } from './salute.ts';
import { createYandexStt } from './yandex.ts';

/** STT provider names the bot config accepts. */
export type SttName = (typeof STT_PROVIDERS)[number];
type NamedRef = SttRef & { name: SttName };

/** Options for {@link buildSttChain}. */
export interface SttChainOptions {
  /** Needed when the chain holds a non-streaming STT (Whisper): phrases are cut by this VAD. */
  vad?: VAD;
  /** Per-attempt timeout of a child stream, ms. */
  attemptTimeoutMs?: number;
  errorSink?: ErrorSink;
  /**
   * Rate of the caller's audio as it reaches the STT (8000 on a phone call when the room input runs at 8 kHz).
   * gRPC providers always take 8/16 kHz as they come; this tells Deepgram to expect it instead of resampling.
   */
  inputSampleRate?: number;
  /**
   * Words to expect on this call (company, services, staff): SaluteSpeech `hints.words`, Deepgram keyterms (nova-3)
   * or keywords. SpeechKit v3 streaming has no hint field in its published API, so Yandex gets none.
   */
  hints?: readonly string[];
}

export const defaultSttChainOptions = { attemptTimeoutMs: 10_000 } as const;

/** The STT fallback chain of one call. */
export interface SttChain {
  /** What the AgentSession gets (`stt:` option). */
  stt: stt.STT;
  /** Providers in the order they will be tried. */
  names: SttName[];
}

/**
 * Providers used when the bot config says nothing, those with credentials. Russian bots keep callers' audio
 * in Russia first (Yandex SpeechKit, SaluteSpeech, self-hosted Whisper), Deepgram last; others Deepgram first.
 */
export function defaultSttRefs(env: ProviderEnv, language: string): NamedRef[] {
  const has = {
    yandex: !!(envValue(env, 'YANDEX_API_KEY') ?? envValue(env, 'YANDEX_IAM_TOKEN')),
    salute: !!envValue(env, 'SALUTE_AUTH_KEY'),
    whisper: !!envValue(env, 'WHISPER_URL'),
    deepgram: !!envValue(env, 'DEEPGRAM_API_KEY'),
  } satisfies Record<SttName, boolean>;
  const order: SttName[] = language.startsWith('ru') ? ['yandex', 'salute', 'whisper', 'deepgram'] : ['deepgram', 'whisper', 'yandex', 'salute'];
  return order.filter((name) => has[name]).map((name) => ({ name, language }));
}

const factories: Partial<Record<SttName, (ref: SttRef, env: ProviderEnv, opts: SttChainOptions) => stt.STT>> = {
  deepgram: (ref, env, opts) => createDeepgramStt(ref, env, opts.inputSampleRate, opts.hints),
  whisper: createWhisperStt,
  yandex: createYandexStt,
  salute: (ref, env, opts) => createSaluteStt(ref, env, opts.hints),
};

function createStt(ref: NamedRef, env: ProviderEnv, opts: SttChainOptions): stt.STT {
  const factory = factories[ref.name];
  if (!factory) throw new Error(`unknown STT provider "${ref.name}"`);
  return factory(ref, env, opts);
}

/**
 * LiveKit's STT FallbackAdapter that also honours ProviderHealth: before each stream it marks providers
 * that are cooling down or unavailable as down, so a provider that failed on the previous call is not
 * tried first again until its cool-down passes.
 */
class HealthAwareSttFallback extends stt.FallbackAdapter {
  readonly #keys: string[];
  readonly #health: ProviderHealth;

  constructor(opts: stt.FallbackAdapterOptions, keys: string[], health: ProviderHealth) {
    super(opts);
    this.#keys = keys;
    this.#health = health;
    // children's errors are tracked on the children; without a listener EventEmitter throws re-emitted ones
    this.on('error', () => undefined);
  }

  override stream(options?: Parameters<stt.STT['stream']>[0]): stt.SpeechStream {
    this.status.forEach((s, i) => {
      const key = this.#keys[i];
      if (key && !this.#health.isAvailable(key)) s.available = false;
    });
    return super.stream(options);
  }
}

/** Make every member streaming (VAD-cut for Whisper) and hook its events into health tracking. */
function prepare(members: ChainMember<stt.STT>[], health: ProviderHealth, opts: SttChainOptions): stt.STT[] {
  return members.map((m) => {
    if (m.instance.capabilities.streaming) {
      trackHealth(m.instance, 'stt', m.name, health, opts.errorSink);
      return m.instance;
    }
    if (!opts.vad) throw new Error(`${m.name} STT is not streaming: pass a VAD to buildSttChain`);
    const reporting = new ErrorReportingStt(m.instance);
    trackHealth(reporting, 'stt', m.name, health, opts.errorSink);
    return vadStreamAdapter(reporting, opts.vad);
  });
}

/**
 * Build the STT of one call from the bot config's `providers.stt` (or the defaults) and env secrets.
 * Throws NoProviderAvailableError (fatal, with every reason) when nothing usable is left.
 *
 * @example
 * const { stt } = buildSttChain(config, process.env, health, { vad: await silero.VAD.load() });
 * new voice.AgentSession({ stt, ... });
 */
export function buildSttChain(
  config: Pick<BotConfig, 'providers' | 'language'>,
  env: ProviderEnv,
  health: ProviderHealth,
  opts: SttChainOptions = {},
): SttChain {
  const language = config.language ?? 'ru';
  const refs: NamedRef[] = config.providers?.stt?.map((r) => ({ ...r, language: r.language ?? language })) ?? defaultSttRefs(env, language);
  const members = selectMembers('stt', refs, health, (ref) => createStt(ref, env, opts));
  const instances = prepare(members, health, opts);
  const names = members.map((m) => m.name as SttName);
  const [first] = instances;
  if (instances.length === 1 && first) return { stt: first, names };
  const adapter = new HealthAwareSttFallback(
    {
      sttInstances: instances,
      attemptTimeoutMs: opts.attemptTimeoutMs ?? defaultSttChainOptions.attemptTimeoutMs,
      maxRetryPerSTT: 0,
      retryIntervalMs: 0,
    },
    members.map((m) => healthKey('stt', m.name)),
    health,
  );
  return { stt: adapter, names };
}
