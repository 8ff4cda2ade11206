import type { AvailabilityAnswer, AvailabilityQuery, BookingOp, BookingOpResult, BookingRecord } from '../../core/booking/index.ts';

export type CreateOp = Extract<BookingOp, { op: 'create' }>;
export type MoveOp = Extract<BookingOp, { op: 'move' }>;

/**
 * One booking system behind the bot: the built-in D1 calendar or an external one (YCLIENTS).
 * `now` is the business's local wall clock (`YYYY-MM-DD HH:MM`): nothing earlier is offered.
 */
export interface BookingProvider {
  readonly name: 'builtin' | 'yclients' | 'altegio';
  availability(q: AvailabilityQuery, now: string): Promise<AvailabilityAnswer>;
  /** Dates from `from` (`days` of them) with a free slot for the service (and the master, if named). */
  freeDates(q: { service: string; staff?: string | null; from: string; days: number }, now: string): Promise<string[]>;
  /** Books the slot, or answers `taken` with the nearest alternatives; the same idempotency key never books twice. */
  create(op: CreateOp, now: string, meta: { callId?: string | null }): Promise<BookingOpResult>;
  /** Upcoming confirmed bookings made with this phone number. */
  findByPhone(phone: string, now: string): Promise<BookingRecord[]>;
  cancel(bookingId: string): Promise<BookingOpResult>;
  move(op: MoveOp, now: string): Promise<BookingOpResult>;
}

export type BookingErrorCode = 'date_out_of_range' | 'unknown_service' | 'unknown_staff' | 'not_found' | 'misconfigured' | 'unauthorized' | 'rate_limited' | 'upstream';

/** A booking-system failure with a stable code; `retryable` ones may succeed later. */
export class BookingError extends Error {
  override readonly name = 'BookingError';
  constructor(
    readonly code: BookingErrorCode,
    message: string,
    readonly retryable = false,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Normalized phone for matching: `+7` and the last 10 digits for Russian numbers, else `+` and the digits. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) return `+7${digits.slice(1)}`;
  if (digits.length === 10) return `+7${digits}`;
  return `+${digits}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `instant` in `timezone` as `YYYY-MM-DD HH:MM`. */
export function localWallClock(instant: Date, timezone: string): string {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
