import type { AvailabilityAnswer, BookingOpResult } from '../../booking/index.ts';
import { handleAvailabilityResult, handleBookingWords, handleCreateResult, bookingState } from './booking.ts';
import { handleManageResult, handleManageSpeech } from './booking-manage.ts';
import type { Turn } from './turn.ts';

/** A caller utterance, seen by the booking flow first (bots with `booking:` only). Returns true when handled. */
export function handleBookingSpeech(t: Turn, text: string): boolean {
  if (!t.config.booking) return false;
  // An answer the host never delivered (the caller spoke first) is not waited for any more.
  if (t.state.booking?.waiting) bookingState(t).waiting = null;
  return handleManageSpeech(t, text) || handleBookingWords(t, text);
}

/** `availability_result` input. */
export function handleAvailabilityInput(t: Turn, answer: AvailabilityAnswer | null): void {
  if (t.config.booking) handleAvailabilityResult(t, answer);
}

/** `booking_result` input: the answer to the outstanding booking request. */
export function handleBookingInput(t: Turn, result: BookingOpResult | null): void {
  const waiting = t.state.booking?.waiting;
  if (!t.config.booking || !waiting || waiting === 'availability') return;
  if (waiting === 'create') return handleCreateResult(t, result);
  bookingState(t).waiting = null;
  handleManageResult(t, result, waiting);
}
