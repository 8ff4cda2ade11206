import { BOOKING_CANCELLED, BOOKING_RESCHEDULED } from '../postcall/booking-change.ts';
import { recordKind } from '../postcall/records.ts';

/** What a company can be told about at once. */
export const NOTIFICATION_EVENTS = ['booking.created', 'booking.cancelled', 'booking.rescheduled', 'booking.confirmed', 'callback.requested'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** Events an SMS to the customer can confirm (a callback request is the owner's business). */
export const SMS_EVENTS = ['booking.created', 'booking.cancelled', 'booking.rescheduled'] as const;

/** Defaults when a channel is switched on without a list. */
export const DEFAULT_TELEGRAM_EVENTS: NotificationEvent[] = ['booking.created', 'booking.cancelled', 'booking.rescheduled', 'callback.requested'];
export const DEFAULT_SMS_EVENTS: NotificationEvent[] = ['booking.created', 'booking.rescheduled'];

/** Outcome set by a reminder call when the customer said they will come. */
export const BOOKING_CONFIRMED = 'booking_confirmed';

/** The notification event of a processed call's outcome, or null when the outcome is nothing to notify about. */
export function eventForOutcome(outcome: string | null): NotificationEvent | null {
  if (outcome === BOOKING_CANCELLED) return 'booking.cancelled';
  if (outcome === BOOKING_RESCHEDULED) return 'booking.rescheduled';
  if (outcome === BOOKING_CONFIRMED) return 'booking.confirmed';
  if (outcome === 'callback_requested') return 'callback.requested';
  return recordKind(outcome) === 'booking' ? 'booking.created' : null;
}
