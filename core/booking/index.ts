export * from './types.ts';
export * from './slots.ts';
export * from './match.ts';
export * from './protocol.ts';
export * from './price-list.ts';
export { toMinutes, fromMinutes, addDays, weekdayOf } from './time.ts';
export { fixtureBooking, type AvailabilityFixture } from './fixture.ts';
export { isCalendarDate, beyondBookingHorizon, BOOKING_HORIZON_DAYS } from './calendar-date.ts';
