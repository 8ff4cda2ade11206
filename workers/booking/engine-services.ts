import type { AvailabilityAnswer, AvailabilityQuery, BookingOp, BookingOpResult, BookingRecord } from '../../core/booking/index.ts';
import type { BotConfig } from '../../core/config/index.ts';
import type { TurnServices } from '../../core/engine/index.ts';
import { BookingError, localWallClock, type BookingProvider } from './provider.ts';
import { providerFor, type BookingBot, type BookingEnv } from './select.ts';

type BookingServices = Required<Pick<TurnServices, 'availability' | 'booking'>>;

/** Unknown service or master: the engine asks again (as over the internal HTTP route); other failures: no answer. */
async function lookup(provider: BookingProvider, q: AvailabilityQuery, wall: string): Promise<AvailabilityAnswer | null> {
  try {
    return await provider.availability(q, wall);
  } catch (e) {
    if (e instanceof BookingError && (e.code === 'unknown_service' || e.code === 'unknown_staff')) {
      return { status: e.code, service: null, date: q.date, free: [], requested: null, alternatives: [], nextDates: [] };
    }
    return null;
  }
}

/**
 * The engine's booking requests answered by the bot's own booking system (built-in calendar or YCLIENTS), as in a
 * call. `write: false` (config dry runs) reads real availability and bookings but books, moves and cancels nothing:
 * a free slot is answered as booked with the id `dry-run`. `keyOf` makes a create's idempotency key (a replayed
 * chat never books twice); `callId` links what is booked to a stored call. A booking system that fails or is not configured answers nothing.
 */
export function botBookingServices(env: BookingEnv, bot: BookingBot, config: BotConfig, now: Date, opts: { write: boolean; keyOf: (op: BookingOp) => string | Promise<string>; callId?: string }): BookingServices | null {
  if (!config.booking) return null;
  let provider: BookingProvider;
  try {
    provider = providerFor(env, { ...bot, configJson: JSON.stringify(config) });
  } catch {
    return { availability: async () => null, booking: async () => null };
  }
  const wall = localWallClock(now, config.timezone);
  const seen = new Map<string, BookingRecord>();
  const dryBook = async (q: AvailabilityQuery & { time: string }, record: Omit<BookingRecord, 'id' | 'date' | 'time' | 'status'>): Promise<BookingOpResult | null> => {
    const a = await lookup(provider, q, wall);
    if (!a || a.status !== 'ok') return a ? { status: 'error', message: a.status } : null;
    if (!a.requested) return { status: 'taken', alternatives: a.alternatives };
    return { status: 'booked', booking: { ...record, id: 'dry-run', date: q.date, time: q.time, staffName: a.requested.staffName, status: 'confirmed' } };
  };
  const write = async (op: BookingOp): Promise<BookingOpResult> => {
    switch (op.op) {
      case 'create':
        return provider.create({ ...op, idempotencyKey: await opts.keyOf(op) }, wall, { callId: opts.callId ?? null });
      case 'find':
        return { status: 'found', bookings: await provider.findByPhone(op.phone, wall) };
      case 'cancel':
        return provider.cancel(op.bookingId);
      case 'move':
        return provider.move({ ...op, idempotencyKey: await opts.keyOf(op) }, wall);
    }
  };
  const dryRun = async (op: BookingOp): Promise<BookingOpResult | null> => {
    switch (op.op) {
      case 'create':
        return dryBook(op, { service: op.service, staffName: null, phone: op.phone ?? null });
      case 'find': {
        const bookings = await provider.findByPhone(op.phone, wall);
        for (const b of bookings) seen.set(b.id, b);
        return { status: 'found', bookings };
      }
      case 'cancel': {
        const b = seen.get(op.bookingId);
        return b ? { status: 'cancelled', booking: { ...b, status: 'cancelled' } } : null;
      }
      case 'move': {
        const b = seen.get(op.bookingId);
        return b ? dryBook({ service: b.service, date: op.date, time: op.time, staff: op.staff ?? b.staffName }, b) : null;
      }
    }
  };
  return {
    availability: (q) => lookup(provider, q, wall),
    booking: async (op) => {
      try {
        return await (opts.write ? write(op) : dryRun(op));
      } catch {
        return null;
      }
    },
  };
}
