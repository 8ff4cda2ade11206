import { dayAnswer, nearestAlternatives } from './slots.ts';
import type { AvailabilityAnswer, AvailabilityQuery, BookingOp, BookingOpResult, BookingRecord } from './protocol.ts';
import type { Slot } from './types.ts';

/** A config test's `availability:` (times `HH:MM`, dates `YYYY-MM-DD`). */
export interface AvailabilityFixture {
  free: readonly string[];
  dates?: Readonly<Record<string, readonly string[]>> | undefined;
  down: boolean;
}

/**
 * A booking system that answers from a config test's stated availability (`availability: { free, dates, down }`),
 * in memory: a booked time stops being free, later lookups in the test see it taken.
 */
export function fixtureBooking(fixture: AvailabilityFixture, offerCount = 2) {
  const taken = new Set<string>();
  const made: BookingRecord[] = [];
  const slotsOn = (date: string): Slot[] =>
    (fixture.dates?.[date] ?? fixture.free)
      .filter((time) => !taken.has(`${date} ${time}`))
      .sort()
      .map((time) => ({ date, time, staffId: 'staff', staffName: '' }));
  const book = (date: string, time: string, service: string, phone: string | null): BookingOpResult => {
    const free = slotsOn(date);
    if (!free.some((s) => s.time === time)) return { status: 'taken', alternatives: nearestAlternatives(free, time, offerCount) };
    taken.add(`${date} ${time}`);
    const booking: BookingRecord = { id: `test-booking-${made.length + 1}`, service, date, time, staffName: null, phone, status: 'confirmed' };
    made.push(booking);
    return { status: 'booked', booking };
  };
  return {
    async availability(q: AvailabilityQuery): Promise<AvailabilityAnswer | null> {
      if (fixture.down) return null;
      return dayAnswer(q, q.service, slotsOn(q.date), []);
    },
    async booking(op: BookingOp): Promise<BookingOpResult | null> {
      if (fixture.down) return null;
      switch (op.op) {
        case 'create':
          return book(op.date, op.time, op.service, op.phone ?? null);
        case 'find':
          return { status: 'found', bookings: made.filter((b) => b.phone === op.phone && b.status === 'confirmed') };
        case 'cancel': {
          const b = made.find((x) => x.id === op.bookingId);
          if (!b) return { status: 'error', message: 'no such booking' };
          b.status = 'cancelled';
          taken.delete(`${b.date} ${b.time}`);
          return { status: 'cancelled', booking: b };
        }
        case 'move': {
          const b = made.find((x) => x.id === op.bookingId);
          if (!b) return { status: 'error', message: 'no such booking' };
          return book(op.date, op.time, b.service, b.phone);
        }
      }
    },
  };
}
