import { z } from 'zod';
import { BotConfigSchema, type BotConfig } from '../../core/config/bot-config.ts';

/** Options for {@link ApiClient}. */
export interface ApiClientOptions {
  /** Admin API base URL (API_BASE_URL), no trailing slash needed. */
  baseUrl: string;
  /** Service token (AGENT_HOST_TOKEN) sent as `Authorization: Bearer …`. */
  token: string;
  /** Hard timeout per request; a live call never waits longer on the API. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const defaultApiClientOptions = { timeoutMs: 1500 } as const;

/** A bot as the runtime endpoints return it. */
export const BotRuntimeSchema = z.object({
  id: z.string().min(1),
  slug: z.string().min(1),
  company_id: z.string().min(1),
  config_version: z.number().int().nonnegative().optional(),
  config: BotConfigSchema,
  /** Words the STT should expect (company, services, staff), built by the Worker from the config and the calendar. */
  stt_hints: z.array(z.string()).default([]),
});
export type BotRuntime = z.infer<typeof BotRuntimeSchema>;
const BotEnvelopeSchema = z.object({ bot: BotRuntimeSchema });

/** One knowledge chunk found by `GET /bots/{id}/knowledge/search`. */
export const KnowledgeChunkSchema = z.object({
  chunk_id: z.string(),
  doc_id: z.string(),
  text: z.string(),
  score: z.number(),
  source: z.string().nullish(),
  page: z.number().nullish(),
  section: z.string().nullish(),
});
export type KnowledgeChunk = z.infer<typeof KnowledgeChunkSchema>;
const SearchResponseSchema = z.object({ results: z.array(KnowledgeChunkSchema) });

/** The API answered with an unexpected status; `status` 0 means it was not reachable or timed out. */
export class ApiError extends Error {
  readonly status: number;
  readonly retryable: boolean;
  constructor(message: string, status: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ApiError';
    this.status = status;
    this.retryable = status === 0 || status === 408 || status === 429 || status >= 500;
  }
}

/**
 * The agent-host's view of the admin API: bot runtime lookups, knowledge search and call results,
 * all with the service token and a hard timeout.
 */
export class ApiClient {
  readonly #base: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(opts: ApiClientOptions) {
    this.#base = opts.baseUrl.replace(/\/+$/, '');
    this.#token = opts.token;
    this.#timeoutMs = opts.timeoutMs ?? defaultApiClientOptions.timeoutMs;
    this.#fetch = opts.fetch ?? fetch;
  }

  /** Bot by id, or by slug (within `companyId` when given: slugs are unique per company only); null when the API says 404. */
  async getBotRuntime(idOrSlug: string, signal?: AbortSignal, companyId?: string): Promise<BotRuntime | null> {
    const qs = companyId ? `?${new URLSearchParams({ company_id: companyId })}` : '';
    const body = await this.#getJson(`/internal/bots/${encodeURIComponent(idOrSlug)}/runtime${qs}`, signal, true);
    return body === null ? null : BotEnvelopeSchema.parse(body).bot;
  }

  /** Bot answering a phone number (E.164); null when none is assigned. */
  async getBotByPhone(e164: string, signal?: AbortSignal): Promise<BotRuntime | null> {
    const body = await this.#getJson(`/internal/phone-numbers/${encodeURIComponent(e164)}/bot`, signal, true);
    return body === null ? null : BotEnvelopeSchema.parse(body).bot;
  }

  /** Knowledge chunks for a question, best first. */
  async searchKnowledge(botId: string, q: string, topK = 5, signal?: AbortSignal): Promise<KnowledgeChunk[]> {
    const qs = new URLSearchParams({ q, top_k: String(topK) });
    const body = await this.#getJson(`/bots/${encodeURIComponent(botId)}/knowledge/search?${qs}`, signal, false);
    return SearchResponseSchema.parse(body).results;
  }

  /** POST a finished call's result; resolves on 2xx, throws ApiError otherwise. */
  async postCallResult(result: unknown, signal?: AbortSignal): Promise<void> {
    const res = await this.#request('/internal/calls', { method: 'POST', body: JSON.stringify(result) }, signal);
    await res.body?.cancel();
  }

  async #getJson(path: string, signal: AbortSignal | undefined, notFoundIsNull: boolean): Promise<unknown> {
    try {
      const res = await this.#request(path, { method: 'GET' }, signal);
      return await res.json();
    } catch (err) {
      if (notFoundIsNull && err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }

  /**
   * A request whose every HTTP answer is the caller's to read (status and JSON body, null when not JSON);
   * null when the API was unreachable or slower than the timeout.
   */
  async exchange(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<{ status: number; json: unknown } | null> {
    try {
      const res = await this.#send(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, signal);
      return { status: res.status, json: await res.json().catch(() => null) };
    } catch {
      return null;
    }
  }

  async #request(path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const res = await this.#send(path, init, signal);
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw new ApiError(`API ${init.method} ${path.split('?')[0]} → ${res.status} ${text.slice(0, 200)}`, res.status);
    }
    return res;
  }

  /** The request with the service token and the hard timeout; any HTTP answer is returned. */
  async #send(path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      return await this.#fetch(`${this.#base}${path}`, {
        ...init,
        signal: combined,
        headers: { authorization: `Bearer ${this.#token}`, 'content-type': 'application/json', accept: 'application/json' },
      });
    } catch (err) {
      const what = timeout.aborted ? `timed out after ${this.#timeoutMs} ms` : 'unreachable';
      throw new ApiError(`API ${init.method} ${path.split('?')[0]} ${what}`, 0, err);
    }
  }
}
