import { randomUUID } from 'node:crypto';
import { APIConnectionError } from '@livekit/agents';
import { ProviderError, type ProviderKind } from '../errors.ts';

/** Sber's OAuth endpoint for SaluteSpeech and GigaChat access tokens. */
export const SBER_OAUTH_URL = 'https://ngw.devices.sberbank.ru:9443/api/v2/oauth';

/** Options for {@link SberOAuth}. */
export interface SberOAuthOptions {
  /** The "authorization key" from the Sber Studio project: Base64 of `client_id:client_secret`. */
  authKey: string;
  /** `SALUTE_SPEECH_PERS` / `_CORP` / `_B2B`, `GIGACHAT_API_PERS` / `_CORP` / `_B2B`. */
  scope: string;
  url?: string;
  /** Env key of `authKey`, named in errors. */
  envKey: string;
  provider: string;
  kind: ProviderKind;
  /** Refresh this long before `expires_at` (tokens live ~30 min). */
  refreshMarginMs?: number;
  now?: () => number;
}

export const defaultSberOAuthOptions = { refreshMarginMs: 60_000, timeoutMs: 5_000 } as const;

interface Token {
  value: string;
  expiresAt: number;
}

/**
 * OAuth client-credentials tokens for Sber APIs: `POST /api/v2/oauth` with `Authorization: Basic <key>`, a fresh
 * `RqUID` and `scope=…`; the answer is `{ access_token, expires_at }` (epoch ms, ~30 min ahead). The token is
 * cached and refreshed `refreshMarginMs` before it expires; concurrent callers share one request.
 * 401/400 → fatal ProviderError naming the env key; 5xx and network errors → retryable.
 */
export class SberOAuth {
  readonly #o: Required<Omit<SberOAuthOptions, 'url'>> & { url: string };
  #token: Token | undefined;
  #inflight: Promise<Token> | undefined;
  /** How many tokens were fetched (for health pages and tests). */
  fetches = 0;

  constructor(opts: SberOAuthOptions) {
    this.#o = { url: SBER_OAUTH_URL, refreshMarginMs: defaultSberOAuthOptions.refreshMarginMs, now: Date.now, ...opts };
  }

  /** A valid access token, fetched or refreshed when needed. */
  async token(): Promise<string> {
    const t = this.#token;
    if (t && this.#o.now() < t.expiresAt - this.#o.refreshMarginMs) return t.value;
    this.#inflight ??= this.#fetch().finally(() => (this.#inflight = undefined));
    this.#token = await this.#inflight;
    return this.#token.value;
  }

  /** Forget the cached token (the API refused it before its stated expiry). */
  invalidate(): void {
    this.#token = undefined;
  }

  async #fetch(): Promise<Token> {
    const { provider, kind, envKey } = this.#o;
    let res: Response;
    try {
      res = await fetch(this.#o.url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${this.#o.authKey}`,
          rquid: randomUUID(),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ scope: this.#o.scope }).toString(),
        signal: AbortSignal.timeout(defaultSberOAuthOptions.timeoutMs),
      });
    } catch (e) {
      throw new APIConnectionError({ message: `${provider} ${kind}: Sber OAuth unreachable: ${(e as Error).message}`, options: { retryable: true } });
    }
    const body = await res.text();
    if (res.status === 401 || res.status === 400 || res.status === 403) {
      throw new ProviderError(`${envKey} rejected (${res.status}) by Sber OAuth for ${provider} ${kind} — check the key and ${scopeHint(envKey)}: ${body.slice(0, 200)}`, {
        provider,
        kind,
        status: res.status === 400 ? 401 : res.status,
        retryable: false,
        fatal: true,
      });
    }
    if (!res.ok) throw new APIConnectionError({ message: `${provider} ${kind}: Sber OAuth failed with HTTP ${res.status}`, options: { retryable: true } });
    const json = JSON.parse(body) as { access_token?: string; expires_at?: number };
    if (!json.access_token || typeof json.expires_at !== 'number') {
      throw new APIConnectionError({ message: `${provider} ${kind}: Sber OAuth answered without a token`, options: { retryable: true } });
    }
    this.fetches += 1;
    return { value: json.access_token, expiresAt: json.expires_at };
  }
}

function scopeHint(envKey: string): string {
  return `its scope (${envKey.replace(/_AUTH_KEY$/, '_SCOPE')})`;
}
