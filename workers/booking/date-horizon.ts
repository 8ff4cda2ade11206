import { BOOKING_HORIZON_DAYS, beyondBookingHorizon } from '../../core/booking/calendar-date.ts';
import { BookingError, type BookingProvider } from './provider.ts';

function checkHorizon(date: string, now: string): void {
  if (beyondBookingHorizon(now.slice(0, 10), date)) {
    throw new BookingError('date_out_of_range', `date ${date} is more than ${BOOKING_HORIZON_DAYS} days ahead; bookings go at most two years ahead`);
  }
}

/**
 * The provider with every date it is asked to look up, book or move to kept within the booking horizon (two years
 * from the business's today), whichever booking system answers: year 9999 is refused, not searched for slots.
 */
export function withinBookingHorizon(provider: BookingProvider): BookingProvider {
  return {
    name: provider.name,
    // async: a refusal is a rejected promise, as the routes' `.catch(bookingApiError)` expects.
    availability: async (q, now) => (checkHorizon(q.date, now), provider.availability(q, now)),
    freeDates: async (q, now) => (checkHorizon(q.from, now), provider.freeDates(q, now)),
    create: async (op, now, meta) => (checkHorizon(op.date, now), provider.create(op, now, meta)),
    findByPhone: (phone, now) => provider.findByPhone(phone, now),
    cancel: (id) => provider.cancel(id),
    move: async (op, now) => (checkHorizon(op.date, now), provider.move(op, now)),
  };
}
