import { BookingError } from './provider.ts';
import { RequestPacer, sharedPacer, type RateRule } from './request-pacer.ts';

/** Credentials and endpoint of the YCLIENTS REST API (tokens come from Worker secrets). */
export interface YclientsOptions {
  partnerToken: string;
  userToken: string;
  /** Default https://api.yclients.com/api/v1 (tests point it at a local server). */
  baseUrl?: string;
  /** Attempts for a rate-limited (429) or failing (5xx) request; default 3. */
  maxAttempts?: number;
  /** Wait before a retry when the server names none (ms, doubled per attempt); default 500. */
  backoffMs?: number;
  /** The documented Accept header (YCLIENTS: `application/vnd.yclients.v2+json`; Altegio documents `application/vnd.api.v2+json`). */
  accept?: string;
  /** Spaces requests under the documented limits; default one pacer per API host (see YCLIENTS_RATE_RULES). */
  pacer?: RequestPacer;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export const YCLIENTS_API = 'https://api.yclients.com/api/v1';
export const YCLIENTS_ACCEPT = 'application/vnd.yclients.v2+json';
/** Altegio (developer.alteg.io): same protocol family, its own host and the Accept header its docs give. */
export const ALTEGIO_API = 'https://api.alteg.io/api/v1';
export const ALTEGIO_ACCEPT = 'application/vnd.api.v2+json';
/**
 * "200 requests a minute or 5 a second per IP address", kept with a margin for clock and network jitter: the server
 * counts arrivals, we count departures.
 */
export const YCLIENTS_RATE_RULES: readonly RateRule[] = [
  { count: 5, windowMs: 1_100 },
  { count: 190, windowMs: 61_000 },
];

/** YCLIENTS' envelope: `{ success, data, meta }`; failures carry `meta.message` and sometimes `meta.errors`. */
interface Envelope<T> {
  success: boolean;
  data: T;
  meta?: { message?: string; errors?: unknown } | unknown[];
}

/** The slot went to someone else (YCLIENTS answers book_record with HTTP 422 and error code 433, "время занято"). */
export class YclientsSlotTaken extends Error {
  override readonly name = 'YclientsSlotTaken';
}

/** The business put this client on its blacklist (HTTP 403, error code 434): only a person can book them. */
export class YclientsClientBlacklisted extends Error {
  override readonly name = 'YclientsClientBlacklisted';
}

export interface YcService { id: number; title: string; price_min?: number; seance_length?: number }
export interface YcStaff { id: number; name: string; bookable?: boolean; specialization?: string }
export interface YcTime { time: string; seance_length: number; datetime: string }
export interface YcRecordCreated { id: number; record_id: number; record_hash: string }
export interface YcRecord {
  id: number;
  staff_id: number;
  staff?: { id: number; name: string };
  services: { id: number; title: string }[];
  client?: { id: number; name?: string; phone?: string } | null;
  datetime: string;
  deleted?: boolean;
}
export interface YcClient { id: number; name?: string; phone?: string }

/** A small client for YCLIENTS' online-booking and records endpoints. */
export class YclientsClient {
  private readonly base: string;
  private readonly pacer: RequestPacer;
  constructor(private readonly o: YclientsOptions) {
    this.base = (o.baseUrl ?? YCLIENTS_API).replace(/\/$/, '');
    this.pacer = o.pacer ?? sharedPacer(new URL(this.base).host, YCLIENTS_RATE_RULES);
  }

  private async request<T>(method: string, path: string, query?: Record<string, string | number | readonly (string | number)[] | undefined>, body?: unknown): Promise<T> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) url.searchParams.append(`${k}[]`, String(x));
      else url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.o.partnerToken}, User ${this.o.userToken}`,
      accept: this.o.accept ?? YCLIENTS_ACCEPT,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const attempts = this.o.maxAttempts ?? 3;
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const doFetch = this.o.fetch ?? fetch;
    for (let attempt = 1; ; attempt++) {
      await this.pacer.take();
      const res = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const retryable = res.status === 429 || res.status >= 500;
      if (retryable && attempt < attempts) {
        const retryAfter = Number(res.headers.get('retry-after'));
        await res.body?.cancel();
        await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : (this.o.backoffMs ?? 500) * 2 ** (attempt - 1));
        continue;
      }
      const text = await res.text();
      let env: Envelope<T> | null = null;
      try {
        env = text ? (JSON.parse(text) as Envelope<T>) : null;
      } catch {
        /* not JSON: handled below */
      }
      if (res.ok && env?.success !== false) return (env?.data ?? null) as T;
      throw yclientsError(res.status, env, path);
    }
  }

  /** Services bookable online (optionally for one staff member). */
  async bookServices(companyId: number, q: { staffId?: number } = {}): Promise<YcService[]> {
    const data = await this.request<{ services: YcService[] }>('GET', `/book_services/${companyId}`, { staff_id: q.staffId });
    return data?.services ?? [];
  }

  /** Staff who can be booked for the services. */
  async bookStaff(companyId: number, q: { serviceIds?: readonly number[]; datetime?: string } = {}): Promise<YcStaff[]> {
    return (await this.request<YcStaff[]>('GET', `/book_staff/${companyId}`, { service_ids: q.serviceIds, datetime: q.datetime })) ?? [];
  }

  /** Dates with free time (`booking_dates`, `YYYY-MM-DD`) in the month of `date` (the documented filter is a month). */
  async bookDates(companyId: number, q: { serviceIds?: readonly number[]; staffId?: number; date?: string } = {}): Promise<string[]> {
    const data = await this.request<{ booking_dates?: string[] }>('GET', `/book_dates/${companyId}`, { service_ids: q.serviceIds, staff_id: q.staffId, date: q.date });
    return data?.booking_dates ?? [];
  }

  /** Free start times of one staff member (0: any) on a date for the services. */
  async bookTimes(companyId: number, staffId: number, date: string, serviceIds: readonly number[]): Promise<YcTime[]> {
    return (await this.request<YcTime[]>('GET', `/book_times/${companyId}/${staffId}/${date}`, { service_ids: serviceIds })) ?? [];
  }

  /** Creates a record; `YclientsSlotTaken` when the time went meanwhile. */
  async bookRecord(companyId: number, r: { phone: string; fullname: string; comment?: string; apiId?: string; serviceId: number; staffId: number; datetime: string }): Promise<YcRecordCreated> {
    const data = await this.request<YcRecordCreated[]>('POST', `/book_record/${companyId}`, undefined, {
      phone: r.phone.replace(/\D/g, ''),
      fullname: r.fullname,
      email: '',
      comment: r.comment ?? '',
      api_id: r.apiId,
      appointments: [{ id: 1, services: [r.serviceId], staff_id: r.staffId, datetime: r.datetime }],
    });
    const first = data?.[0];
    if (!first) throw new BookingError('upstream', 'YCLIENTS book_record returned no record');
    return first;
  }

  /** Moves a record to another time (online-booking transfer); its comment is left as it is. */
  async moveRecord(companyId: number, recordId: number, datetime: string): Promise<void> {
    await this.request('PUT', `/book_record/${companyId}/${recordId}`, undefined, { datetime });
  }

  /**
   * Clients whose phone is this one, through the current client search (`POST /company/{id}/clients/search`, quick
   * search by the digits; the older `GET /clients/{id}` is deprecated). The search also matches partial numbers and
   * names, so only exact phone matches are kept.
   */
  async clientsByPhone(companyId: number, phone: string): Promise<YcClient[]> {
    const digits = phone.replace(/\D/g, '');
    const found = await this.request<YcClient[]>('POST', `/company/${companyId}/clients/search`, undefined, {
      page: 1,
      page_size: 25,
      fields: ['id', 'name', 'phone'],
      operation: 'AND',
      filters: [{ type: 'quick_search', state: { value: digits } }],
    });
    const last10 = (p: string | undefined) => (p ?? '').replace(/\D/g, '').slice(-10);
    return (found ?? []).filter((c) => last10(c.phone) === last10(digits));
  }

  /** A client's records from a date on. */
  async records(companyId: number, q: { clientId: number; startDate: string }): Promise<YcRecord[]> {
    return (await this.request<YcRecord[]>('GET', `/records/${companyId}`, { client_id: q.clientId, start_date: q.startDate })) ?? [];
  }

  async record(companyId: number, recordId: number): Promise<YcRecord> {
    return this.request<YcRecord>('GET', `/record/${companyId}/${recordId}`);
  }

  async deleteRecord(companyId: number, recordId: number): Promise<void> {
    await this.request('DELETE', `/record/${companyId}/${recordId}`);
  }
}

/** The error code of an answer: `errors.code` (or the first of a list), else `meta.errors.code`. */
function errorCode(env: (Envelope<unknown> & { errors?: unknown }) | null): number | undefined {
  const meta = env && !Array.isArray(env.meta) ? env.meta : undefined;
  for (const e of [env?.errors, meta?.errors]) {
    const first = (Array.isArray(e) ? e[0] : e) as { code?: unknown } | undefined;
    if (typeof first?.code === 'number') return first.code;
  }
  return undefined;
}

function yclientsError(status: number, env: Envelope<unknown> | null, path: string): Error {
  const meta = env && !Array.isArray(env.meta) ? env.meta : undefined;
  const message = meta?.message ?? `HTTP ${status}`;
  const code = errorCode(env);
  if (status === 422 && code === 433) return new YclientsSlotTaken(message);
  if (status === 403 && code === 434) return new YclientsClientBlacklisted(message);
  if (status === 401 || status === 403) return new BookingError('unauthorized', `YCLIENTS rejected the partner/user tokens (${status}): ${message}`, false, status);
  if (status === 404) return new BookingError('not_found', `YCLIENTS: not found (${path})`, false, status);
  if (status === 429) return new BookingError('rate_limited', 'YCLIENTS rate limit: retries exhausted', true, status);
  if (status >= 500) return new BookingError('upstream', `YCLIENTS unavailable (${status})`, true, status);
  return new BookingError('upstream', `YCLIENTS refused the request (${status}): ${message}`, false, status);
}
