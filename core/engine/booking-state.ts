import type { BookingRecord, Slot } from '../booking/index.ts';

/** Where a reschedule/cancel-by-phone conversation stands. */
export interface ManageBookingState {
  mode: 'cancel' | 'move';
  stage: 'phone' | 'choose' | 'confirm' | 'when';
  bookings: BookingRecord[];
  chosen: BookingRecord | null;
  /** A new date said before the time ("перенесите на субботу"). */
  date: string | null;
  /** The new time last asked for. */
  time: string | null;
}

/**
 * The booking part of the dialog state (bots with `booking:` config). Plain JSON like the rest of the state.
 */
export interface BookingDialogState {
  /** `service|date|time|staff` the provider said is free (or that was booked); no new check while it holds. */
  checked: string | null;
  /** `service|date|staff` whose free times were already read out. */
  listed: string | null;
  /** Times offered to pick from ("давайте первое", "в шестнадцать тридцать"). */
  offers: Slot[];
  /** The master the caller asked for, in their words ("ольге"). */
  staff: string | null;
  /** Bookings made in this call: the idempotency key's counter. */
  made: number;
  /** The outstanding request, answered by `availability_result` / `booking_result`. */
  waiting: 'availability' | 'create' | 'find' | 'cancel' | 'move' | null;
  /** The caller said goodbye with the confirmation: end after the booking. */
  bye: boolean;
  manage: ManageBookingState | null;
}

export const emptyBookingState = (): BookingDialogState => ({
  checked: null,
  listed: null,
  offers: [],
  staff: null,
  made: 0,
  waiting: null,
  bye: false,
  manage: null,
});
