import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../../core/booking/calendar-date.ts';
import { BookingError } from './provider.ts';
import { apiError } from '../api/errors.ts';

const STATUS = {
  unknown_service: 422,
  unknown_staff: 422,
  not_found: 404,
  date_out_of_range: 422,
  misconfigured: 503,
  unauthorized: 502,
  rate_limited: 503,
  upstream: 502,
} as const;

/** A booking-provider failure as the API's error: unknown names 422, provider trouble 502/503 with `retryable`. */
export function bookingApiError(e: unknown): never {
  if (!(e instanceof BookingError)) throw e;
  throw apiError(STATUS[e.code], e.code, e.message, e.retryable ? { retryable: true } : undefined);
}

export const BotParams = z.object({ id: z.string().min(1) });
export const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM, 24h');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD').refine(isCalendarDate, 'date does not exist in the calendar');
