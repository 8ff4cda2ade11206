import {
  AvailabilityAnswerSchema,
  BookingOpResultSchema,
  BookingRecordSchema,
  type AvailabilityAnswer,
  type AvailabilityQuery,
  type BookingOp,
  type BookingOpResult,
} from '../../../core/booking/index.ts';
import { z } from 'zod';
import { ApiClient } from '../api-client.ts';

/** What a call needs from the booking system (through the Worker's internal routes). Null: no answer in time. */
export interface BookingClient {
  availability(botId: string, q: AvailabilityQuery, signal?: AbortSignal): Promise<AvailabilityAnswer | null>;
  /** `op.idempotencyKey` must already carry the call id. */
  execute(botId: string, op: BookingOp, callId: string | null, signal?: AbortSignal): Promise<BookingOpResult | null>;
}

export interface HttpBookingClientOptions {
  /** Admin API base URL (API_BASE_URL). */
  baseUrl: string;
  /** Service token (AGENT_HOST_TOKEN). */
  token: string;
  /** A live call never waits longer on one booking request. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const defaultHttpBookingClientOptions = { timeoutMs: 1500 } as const;

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The Worker's `/internal/bots/{id}/availability|bookings` routes over HTTP with the service token and a hard timeout. */
export class HttpBookingClient implements BookingClient {
  readonly #api: ApiClient;
  constructor(opts: HttpBookingClientOptions) {
    this.#api = new ApiClient({ ...opts, timeoutMs: opts.timeoutMs ?? defaultHttpBookingClientOptions.timeoutMs });
  }

  #call(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<{ status: number; json: unknown } | null> {
    return this.#api.exchange(method, path, body, signal);
  }

  async availability(botId: string, q: AvailabilityQuery, signal?: AbortSignal): Promise<AvailabilityAnswer | null> {
    const r = await this.#call('POST', `/internal/bots/${encodeURIComponent(botId)}/availability`, q, signal);
    if (!r) return null;
    if (r.status === 200) return AvailabilityAnswerSchema.safeParse(r.json).data ?? null;
    // The caller's words named no service or master: the engine asks again instead of failing.
    const code = ErrorBody.safeParse(r.json).data?.error.code;
    if (r.status === 422 && (code === 'unknown_service' || code === 'unknown_staff')) {
      return { status: code, service: null, date: q.date, free: [], requested: null, alternatives: [], nextDates: [] };
    }
    return null;
  }

  async execute(botId: string, op: BookingOp, callId: string | null, signal?: AbortSignal): Promise<BookingOpResult | null> {
    const bot = `/internal/bots/${encodeURIComponent(botId)}`;
    let r: { status: number; json: unknown } | null;
    switch (op.op) {
      case 'create': {
        const { op: _o, idempotencyKey, ...rest } = op;
        r = await this.#call('POST', `${bot}/bookings`, { ...rest, idempotency_key: idempotencyKey, ...(callId ? { call_id: callId } : {}) }, signal);
        break;
      }
      case 'find': {
        r = await this.#call('GET', `${bot}/bookings?${new URLSearchParams({ phone: op.phone })}`, undefined, signal);
        const list = r?.status === 200 ? z.object({ bookings: z.array(BookingRecordSchema) }).safeParse(r.json).data : undefined;
        return list ? { status: 'found', bookings: list.bookings } : null;
      }
      case 'cancel':
        r = await this.#call('POST', `${bot}/bookings/${encodeURIComponent(op.bookingId)}/cancel`, undefined, signal);
        break;
      case 'move':
        r = await this.#call('POST', `${bot}/bookings/${encodeURIComponent(op.bookingId)}/move`, { idempotency_key: op.idempotencyKey, date: op.date, time: op.time, staff: op.staff }, signal);
        break;
    }
    return r?.status === 200 ? (BookingOpResultSchema.safeParse(r.json).data ?? null) : null;
  }
}
