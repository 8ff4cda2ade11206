/** Which kind of external service an error came from. */
export type ProviderKind = 'llm' | 'stt' | 'tts' | 'telephony';

/** Options for {@link ProviderError}. */
export interface ProviderErrorOptions {
  provider: string;
  kind: ProviderKind;
  status?: number;
  /** Worth trying again later (429, 5xx, timeouts, dropped sockets). */
  retryable: boolean;
  /** Will not heal by waiting: bad key, region block. Needs a config change or restart. */
  fatal: boolean;
  cause?: unknown;
}

/**
 * A failure of an external provider, classified for fallback and health tracking.
 * `fatal` errors (bad key, region block) keep the provider off until restart;
 * `retryable` ones only put it on a cool-down.
 */
export class ProviderError extends Error {
  readonly provider: string;
  readonly kind: ProviderKind;
  readonly status?: number;
  readonly retryable: boolean;
  readonly fatal: boolean;

  constructor(message: string, opts: ProviderErrorOptions) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ProviderError';
    this.provider = opts.provider;
    this.kind = opts.kind;
    if (opts.status !== undefined) this.status = opts.status;
    this.retryable = opts.retryable;
    this.fatal = opts.fatal;
  }
}

/** Env variable that holds the key of a provider, for error messages that say what to fix. */
export function apiKeyEnvName(provider: string): string {
  return `${provider.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API_KEY`;
}

function shortBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

/**
 * Classify an HTTP status from a provider.
 * 401 → fatal config error naming the env key; 403 → fatal "unavailable" (region block, e.g. Groq from Russia);
 * 408/429/5xx → retryable; other 4xx → neither (a bad request will not heal by retrying the same provider).
 *
 * @example providerErrorFromStatus('deepgram', 'stt', 401).message
 *   // "DEEPGRAM_API_KEY rejected (401) by deepgram stt — check the key in the environment"
 */
export function providerErrorFromStatus(
  provider: string,
  kind: ProviderKind,
  status: number,
  body?: unknown,
): ProviderError {
  const detail = shortBody(body);
  if (status === 401) {
    return new ProviderError(
      `${apiKeyEnvName(provider)} rejected (401) by ${provider} ${kind} — check the key in the environment${detail}`,
      { provider, kind, status, retryable: false, fatal: true },
    );
  }
  if (status === 403) {
    return new ProviderError(
      `${provider} ${kind} unavailable (403 Forbidden — access denied, often a region block)${detail}`,
      { provider, kind, status, retryable: false, fatal: true },
    );
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  return new ProviderError(`${provider} ${kind} failed with HTTP ${status}${detail}`, {
    provider,
    kind,
    status,
    retryable,
    fatal: false,
  });
}

/** Wrap any thrown value as a retryable ProviderError (network errors, timeouts), keeping ProviderErrors as they are. */
export function toProviderError(provider: string, kind: ProviderKind, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const status = statusOf(error);
  if (status !== undefined) return providerErrorFromStatus(provider, kind, status, messageOf(error));
  return new ProviderError(`${provider} ${kind} failed: ${messageOf(error)}`, {
    provider,
    kind,
    retryable: true,
    fatal: false,
    cause: error,
  });
}

/** Best-effort HTTP status from errors thrown by SDKs/plugins (`status`, `statusCode`). */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown };
  const s = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  return s !== undefined && s >= 100 && s < 600 ? s : undefined;
}

/** Error message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
