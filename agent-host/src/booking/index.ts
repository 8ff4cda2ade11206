export { HttpBookingClient, defaultHttpBookingClientOptions, type BookingClient, type HttpBookingClientOptions } from './client.ts';
export { CallBooking } from './call-booking.ts';
export { resolveBookingRequests } from './resolve.ts';
