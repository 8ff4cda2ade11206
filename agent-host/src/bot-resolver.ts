import { BotConfigSchema, type BotConfig } from '../../core/config/bot-config.ts';
import { sttVocabulary } from '../../core/config/stt-vocabulary.ts';
import type { ApiClient, BotRuntime } from './api-client.ts';
import { silentLogger, type Logger } from './logger.ts';

/** Where a call's bot can be read from when a job starts. */
export interface DispatchInfo {
  /** Job (dispatch) metadata: JSON `{ "bot_id": "salon-bot-1" }` or `{ "config": {...} }`. */
  jobMetadata?: string | undefined;
  /** Room metadata, same shape; used when the dispatch carries none. */
  roomMetadata?: string | undefined;
  /** The caller's participant attributes; SIP calls carry `sip.trunkPhoneNumber` (the number dialled). */
  participantAttributes?: Record<string, string> | undefined;
}

/** The bot that answers a call. `id` is the API id used for knowledge search. */
export interface ResolvedBot {
  id: string;
  config: BotConfig;
  via: 'metadata-config' | 'metadata-id' | 'phone' | 'default';
  /** Served from cache past its TTL because the API was slow or down. */
  stale: boolean;
  /** Words the STT should expect (from the Worker: config + calendar; from a metadata config: the config alone). */
  sttHints: string[];
}

/** Options for {@link BotResolver}. */
export interface BotResolverOptions {
  api: Pick<ApiClient, 'getBotRuntime' | 'getBotByPhone'>;
  /** Longest a call waits for the API before using a cached (even stale) config or giving up. */
  budgetMs?: number;
  /** How long a fetched config is used without asking again. */
  cacheTtlMs?: number;
  /** Bot id/slug used when nothing in the dispatch names one (single-bot installs). */
  defaultBot?: string;
  now?: () => number;
  logger?: Logger;
}

export const defaultBotResolverOptions = { budgetMs: 2000, cacheTtlMs: 60_000 } as const;

interface Metadata {
  botRef?: string;
  /** The company of the bot: a slug is resolved within it (slugs are unique per company only). */
  companyId?: string;
  config?: BotConfig;
}

function parseMetadata(raw: string | undefined): Metadata {
  if (!raw?.trim()) return {};
  try {
    const data = JSON.parse(raw) as Record<string, unknown>;
    const ref = [data.bot_id, data.botId, data.bot].find((v): v is string => typeof v === 'string' && v.length > 0);
    const config = data.config === undefined ? undefined : BotConfigSchema.safeParse(data.config);
    const company = typeof data.company_id === 'string' && data.company_id ? data.company_id : undefined;
    return { ...(ref ? { botRef: ref } : {}), ...(company ? { companyId: company } : {}), ...(config?.success ? { config: config.data } : {}) };
  } catch {
    return {};
  }
}

/** `74951234567`, `+7 (495) 123-45-67` → `+74951234567`. */
export function toE164(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return `+${digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits}`;
}

/**
 * Decides which bot answers a call: inline config or bot id from dispatch/room metadata, else the
 * dialled number (`sip.trunkPhoneNumber`) via the API, else the default bot. Configs are cached;
 * a slow API never holds a call longer than `budgetMs` — a stale cached config is used instead.
 */
export class BotResolver {
  readonly #o: Required<Omit<BotResolverOptions, 'defaultBot'>> & Pick<BotResolverOptions, 'defaultBot'>;
  readonly #cache = new Map<string, { bot: BotRuntime; at: number }>();

  constructor(opts: BotResolverOptions) {
    this.#o = { ...defaultBotResolverOptions, now: Date.now, logger: silentLogger, ...opts };
  }

  /** The bot for this call, or null when none can be found within the budget. */
  async resolve(info: DispatchInfo): Promise<ResolvedBot | null> {
    const meta = { ...parseMetadata(info.roomMetadata), ...parseMetadata(info.jobMetadata) };
    if (meta.config) return { id: meta.botRef ?? meta.config.bot_id, config: meta.config, via: 'metadata-config', stale: false, sttHints: sttVocabulary(meta.config) };
    if (meta.botRef) {
      const company = meta.companyId;
      return this.#lookup(`id:${company ?? ''}/${meta.botRef}`, 'metadata-id', (s) => this.#o.api.getBotRuntime(meta.botRef!, s, company));
    }
    const dialled = info.participantAttributes?.['sip.trunkPhoneNumber'];
    if (dialled) {
      const e164 = toE164(dialled);
      const found = await this.#lookup(`phone:${e164}`, 'phone', (s) => this.#o.api.getBotByPhone(e164, s));
      if (found) return found;
    }
    const fallback = this.#o.defaultBot;
    return fallback ? this.#lookup(`id:${fallback}`, 'default', (s) => this.#o.api.getBotRuntime(fallback, s)) : null;
  }

  async #lookup(
    key: string,
    via: ResolvedBot['via'],
    fetchBot: (signal: AbortSignal) => Promise<BotRuntime | null>,
  ): Promise<ResolvedBot | null> {
    const cached = this.#cache.get(key);
    const now = this.#o.now();
    if (cached && now - cached.at < this.#o.cacheTtlMs) return { id: cached.bot.id, config: cached.bot.config, via, stale: false, sttHints: cached.bot.stt_hints };
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(new Error(`bot lookup over budget (${this.#o.budgetMs} ms)`)), this.#o.budgetMs);
    try {
      const bot = await fetchBot(ctrl.signal);
      if (!bot) return null;
      this.#cache.set(key, { bot, at: this.#o.now() });
      return { id: bot.id, config: bot.config, via, stale: false, sttHints: bot.stt_hints };
    } catch (err) {
      this.#o.logger.warn({ key: key.split(':')[0], err: (err as Error).message, cached: !!cached }, 'bot lookup failed');
      return cached ? { id: cached.bot.id, config: cached.bot.config, via, stale: true, sttHints: cached.bot.stt_hints } : null;
    } finally {
      clearTimeout(timer);
    }
  }
}
