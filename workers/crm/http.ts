import { sharedPacer, type RateRule } from '../booking/request-pacer.ts';

/** A CRM answer that is not a success: `retryable` ones (429, 5xx, network) may succeed later; `expired` asks for a token refresh. */
export class CrmError extends Error {
  override readonly name = 'CrmError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
    readonly expired = false,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

/**
 * One JSON request to a CRM, paced per host under its documented rate (`rules`), with a timeout. 2xx answers their
 * JSON (204: null); 429 and 5xx are retryable errors (with `Retry-After`), 401 is `expired`, other 4xx are final.
 */
export async function crmJson(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: unknown },
  rules: readonly RateRule[],
  describe: (status: number, body: unknown) => string,
): Promise<unknown> {
  await sharedPacer(new URL(url).host, rules).take();
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new CrmError(`unreachable: ${(e as Error).message}`, true);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text.slice(0, 200);
  }
  if (res.ok) return body;
  const retryAfter = Number(res.headers.get('retry-after'));
  const message = `${res.status}: ${describe(res.status, body)}`;
  if (res.status === 429 || res.status >= 500) return Promise.reject(new CrmError(message, true, res.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined));
  throw new CrmError(message, false, res.status, undefined, res.status === 401);
}
