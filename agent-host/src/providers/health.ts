import { ProviderError, messageOf } from './errors.ts';

/** Health of one provider as reported by `GET /providers/health`. */
export interface ProviderHealthEntry {
  status: 'ok' | 'cooling_down' | 'unavailable';
  /** Consecutive failures since the last success. */
  failures: number;
  lastError?: string;
  /** Epoch ms when a cool-down ends (only while cooling down). */
  until?: number;
}

/** Options for {@link ProviderHealth}. */
export interface ProviderHealthOptions {
  /** Cool-down after the first failure; doubles per consecutive failure up to `maxCoolDownMs`. */
  coolDownMs?: number;
  maxCoolDownMs?: number;
  now?: () => number;
}

export const defaultProviderHealthOptions = { coolDownMs: 30_000, maxCoolDownMs: 300_000 } as const;

interface State {
  failures: number;
  lastError?: string;
  until?: number;
  fatal: boolean;
}

/**
 * Per-provider health with cool-down: a failing provider is skipped until its cool-down passes;
 * fatal errors (401, Groq-style 403) mark it unavailable until restart/config change.
 * Provider names are free-form keys; use `kind:name` (e.g. `stt:deepgram`) to keep kinds apart.
 *
 * @example
 * const health = new ProviderHealth({ coolDownMs: 10_000 });
 * health.markFailure('tts:cartesia', providerErrorFromStatus('cartesia', 'tts', 503));
 * health.isAvailable('tts:cartesia'); // false for 10 s
 */
export class ProviderHealth {
  readonly #coolDownMs: number;
  readonly #maxCoolDownMs: number;
  readonly #now: () => number;
  readonly #states = new Map<string, State>();

  constructor(opts: ProviderHealthOptions = {}) {
    this.#coolDownMs = opts.coolDownMs ?? defaultProviderHealthOptions.coolDownMs;
    this.#maxCoolDownMs = Math.max(this.#coolDownMs, opts.maxCoolDownMs ?? defaultProviderHealthOptions.maxCoolDownMs);
    this.#now = opts.now ?? Date.now;
  }

  /** True unless the provider is unavailable or inside its cool-down. Unknown names are available. */
  isAvailable(name: string): boolean {
    const s = this.#states.get(name);
    if (!s) return true;
    if (s.fatal) return false;
    return s.until === undefined || this.#now() >= s.until;
  }

  /** Register a provider so it shows in snapshots before its first call. */
  register(name: string): void {
    if (!this.#states.has(name)) this.#states.set(name, { failures: 0, fatal: false });
  }

  markSuccess(name: string): void {
    const s = this.#states.get(name);
    if (s?.fatal) return; // a stale success from an in-flight request must not revive a revoked key
    this.#states.set(name, { failures: 0, fatal: false, ...(s?.lastError ? { lastError: s.lastError } : {}) });
  }

  /** Record a failure; ProviderError.fatal → unavailable, anything else → cool-down growing with repeats. */
  markFailure(name: string, error: unknown): void {
    const prev = this.#states.get(name);
    const failures = (prev?.failures ?? 0) + 1;
    const fatal = (error instanceof ProviderError && error.fatal) || (prev?.fatal ?? false);
    const coolDown = Math.min(this.#maxCoolDownMs, this.#coolDownMs * 2 ** (failures - 1));
    this.#states.set(name, {
      failures,
      fatal,
      lastError: messageOf(error),
      ...(fatal ? {} : { until: this.#now() + coolDown }),
    });
  }

  /** Forget everything about one provider (after a config change) or all of them. */
  reset(name?: string): void {
    if (name === undefined) this.#states.clear();
    else this.#states.delete(name);
  }

  snapshot(): Record<string, ProviderHealthEntry> {
    const now = this.#now();
    const out: Record<string, ProviderHealthEntry> = {};
    for (const [name, s] of [...this.#states].sort(([a], [b]) => a.localeCompare(b))) {
      const cooling = !s.fatal && s.until !== undefined && now < s.until;
      out[name] = {
        status: s.fatal ? 'unavailable' : cooling ? 'cooling_down' : 'ok',
        failures: s.failures,
        ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
        ...(cooling ? { until: s.until } : {}),
      };
    }
    return out;
  }
}
