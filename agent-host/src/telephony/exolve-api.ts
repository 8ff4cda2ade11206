import { providerErrorFromStatus, toProviderError } from '../providers/errors.ts';

/**
 * MTS Exolve HTTP API (docs.exolve.ru), the methods this platform uses. Every method is
 * `POST https://api.exolve.ru/<path>` with a JSON body and `Authorization: Bearer <application API key>`.
 *
 * - `number/v1/SetCallForwarding` (Numbering API): `call_forwarding_type: 1` forwards a number's inbound
 *   calls to an external SIP account, `call_forwarding_sip.sip_uri` = `{user}@{domain or IP}:{port}` — here
 *   the LiveKit SIP URI. Answer: `{}` with 200.
 * - `number/v1/DeleteCallForwarding` (Numbering API): `{ number_code }` → `{}`.
 * - `call/v1/MakeCallback` (Callback API): the platform rings `line_1`, then `line_2`, and bridges them;
 *   `number_code` (our Exolve number), `callback_resource_id` (a callback resource made in the Exolve
 *   cabinet), `line_N.destinations[].number`, `line_N.display_number`. The answer's `call_id` field is an
 *   assumption (the documentation excerpts available did not show the response body).
 * Numbers are sent as `uint64` digits without `+` (`74951234567`), as in the documented examples.
 */
export interface ExolveApiOptions {
  apiKey: string;
  /** API root; tests point it at a local server. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const defaultExolveApiOptions = { baseUrl: 'https://api.exolve.ru', timeoutMs: 10_000 } as const;

/** `+7 (495) 123-45-67` → `74951234567` (Exolve's `number_code`). */
export function exolveNumberCode(e164: string): number {
  const digits = e164.replace(/\D/g, '');
  if (digits.length < 10 || digits.length > 15) throw new RangeError(`not a phone number: ${e164}`);
  return Number(digits);
}

/** Body of `MakeCallback` as this platform sends it. */
export interface MakeCallbackRequest {
  /** Our Exolve number, shown to both sides. */
  from: string;
  callbackResourceId: number;
  /** Rung first (the customer). */
  first: string;
  /** Rung when the first answers (the bot's number, forwarded to LiveKit). */
  second: string;
  ringTimeoutS?: number;
}

/** A thin client for the Exolve methods above; errors become ProviderErrors (401 → EXOLVE_API_KEY). */
export class ExolveApi {
  readonly #o: Required<Omit<ExolveApiOptions, 'fetch'>> & { fetch: typeof fetch };

  constructor(opts: ExolveApiOptions) {
    this.#o = { ...defaultExolveApiOptions, fetch: (...a) => globalThis.fetch(...a), ...opts };
  }

  /** Forward inbound calls of `number` to `sipUri` (`user@host:port`). */
  async forwardToSip(number: string, sipUri: string): Promise<void> {
    await this.#post('/number/v1/SetCallForwarding', {
      number_code: exolveNumberCode(number),
      call_forwarding_type: 1,
      call_forwarding_sip: { sip_uri: sipUri },
    });
  }

  async deleteForwarding(number: string): Promise<void> {
    await this.#post('/number/v1/DeleteCallForwarding', { number_code: exolveNumberCode(number) });
  }

  /** Start a callback call; returns Exolve's call id (field name assumed, see the class docs). */
  async makeCallback(r: MakeCallbackRequest): Promise<string> {
    const display = String(exolveNumberCode(r.from));
    const line = (number: string) => ({
      destinations: [{ number: String(exolveNumberCode(number)), timeout: r.ringTimeoutS ?? 30 }],
      display_number: display,
    });
    const body = await this.#post('/call/v1/MakeCallback', {
      number_code: exolveNumberCode(r.from),
      callback_resource_id: r.callbackResourceId,
      line_1: line(r.first),
      line_2: line(r.second),
    });
    const id = (body as { call_id?: unknown } | null)?.call_id;
    return id === undefined || id === null ? '' : String(id);
  }

  async #post(path: string, body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await this.#o.fetch(`${this.#o.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.#o.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
    } catch (e) {
      throw toProviderError('exolve', 'telephony', e);
    }
    const text = await res.text();
    if (!res.ok) throw providerErrorFromStatus('exolve', 'telephony', res.status, text);
    try {
      return text ? (JSON.parse(text) as unknown) : {};
    } catch {
      return {};
    }
  }
}
