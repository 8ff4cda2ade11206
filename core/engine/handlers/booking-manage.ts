import type { BookingOpResult, BookingRecord } from '../../booking/index.ts';
import { detectYesNo, extractDates, extractPhones, extractTimes, isGoodbye } from '../../parse/index.ts';
import { lowerSameLength } from '../../text/index.ts';
import { bookingPhrases as P } from './booking-phrases.ts';
import { bookingState, pickedOffer, requestCallback } from './booking.ts';
import { ask, say, type Turn } from './turn.ts';

const MOVE_RE = /(^|\s)(перенест\p{L}*|перенес\p{L}*|перенос\p{L}*|передвин\p{L}*|сдвин\p{L}*)/u;
const CANCEL_RE = /(^|\s)(отмен\p{L}*|не\s+смогу\s+прийти|не\s+приду)/u;
const ABOUT_BOOKING_RE = /(запис|визит|при[её]м|сеанс)/u;
const MAX_LISTED = 4;

/** Outcomes recorded for a call that cancelled or moved a booking. */
export const BOOKING_CANCELLED = 'booking_cancelled';
export const BOOKING_RESCHEDULED = 'booking_rescheduled';

/** "хочу перенести запись", "мне нужно отменить запись", "я не смогу прийти": which, or null. */
export function manageIntent(text: string): 'move' | 'cancel' | null {
  const lower = lowerSameLength(text);
  if (MOVE_RE.test(lower)) return 'move';
  if (CANCEL_RE.test(lower) && (ABOUT_BOOKING_RE.test(lower) || /не\s+(смогу|приду)/u.test(lower))) return 'cancel';
  return null;
}

/**
 * Reschedule and cancel by phone, outside a booking in progress: find the caller's bookings by caller ID or a
 * dictated number, confirm which, then move or cancel. Returns true when the turn was handled.
 */
export function handleManageSpeech(t: Turn, text: string): boolean {
  if (!t.config.booking) return false;
  const m = t.state.booking?.manage;
  if (!m) {
    const free = t.state.phase === 'open' || t.state.phase === 'wrapping_up' || t.state.phase === 'idle';
    const intent = free ? manageIntent(text) : null;
    if (!intent) return false;
    bookingState(t).manage = { mode: intent, stage: 'phone', bookings: [], chosen: null, date: null, time: null };
    t.state.phase = 'open';
    const phone = extractPhones(text)[0]?.value ?? t.state.caller ?? null;
    return phone ? (findBookings(t, phone), true) : (ask(t, P.askPhoneForBooking), true);
  }
  if (isGoodbye(text) && detectYesNo(text) !== 'yes') {
    bookingState(t).manage = null;
    return false;
  }
  switch (m.stage) {
    case 'phone': {
      const phone = extractPhones(text)[0]?.value;
      if (phone) findBookings(t, phone);
      else say(t, t.pack.phrases.notUnderstood(P.askPhoneForBooking), 'fallback');
      return true;
    }
    case 'choose':
      return chooseBooking(t, m.bookings, text);
    case 'confirm':
      return confirmCancel(t, text);
    case 'when':
      return askMove(t, text);
  }
}

function findBookings(t: Turn, phone: string): void {
  bookingState(t).waiting = 'find';
  t.out.request = { type: 'booking_request', op: { op: 'find', phone } };
}

function chooseBooking(t: Turn, list: readonly BookingRecord[], text: string): boolean {
  const byPlace = pickedOffer(list.map((b) => ({ date: b.date, time: b.time, staffId: b.id, staffName: '' })), text);
  const dates = extractDates(text, t.parse).map((d) => d.value);
  const times = extractTimes(text, t.parse).map((x) => x.value);
  const chosen = (byPlace && list.find((b) => b.id === byPlace.staffId))
    ?? list.find((b) => (dates.length || times.length) && (!dates.length || dates.includes(b.date)) && (!times.length || times.includes(b.time)))
    ?? list.find((b) => lowerSameLength(text).includes(b.service.toLowerCase()));
  if (!chosen) {
    say(t, t.pack.phrases.notUnderstood(P.whichOne), 'fallback');
    return true;
  }
  proceedWith(t, chosen);
  return true;
}

function proceedWith(t: Turn, chosen: BookingRecord): void {
  const m = bookingState(t).manage!;
  m.chosen = chosen;
  if (m.mode === 'cancel') {
    m.stage = 'confirm';
    return ask(t, P.foundOneToCancel(t, chosen));
  }
  m.stage = 'when';
  ask(t, P.foundOneToMove(t, chosen));
}

function confirmCancel(t: Turn, text: string): boolean {
  const b = bookingState(t);
  const yesNo = detectYesNo(text);
  if (yesNo === 'yes') {
    b.waiting = 'cancel';
    t.out.request = { type: 'booking_request', op: { op: 'cancel', bookingId: b.manage!.chosen!.id } };
    return true;
  }
  if (yesNo === 'no') {
    b.manage = null;
    return wrapUp(t, P.kept), true;
  }
  say(t, t.pack.phrases.notUnderstood(P.foundOneToCancel(t, b.manage!.chosen!)), 'fallback');
  return true;
}

function askMove(t: Turn, text: string): boolean {
  const b = bookingState(t);
  const m = b.manage!;
  const picked = b.offers.length && !extractTimes(text, t.parse).length ? pickedOffer(b.offers, text) : null;
  const date = picked?.date ?? extractDates(text, t.parse)[0]?.value ?? m.date;
  const time = picked?.time ?? extractTimes(text, t.parse)[0]?.value ?? null;
  if (!time) {
    if (!date) {
      say(t, t.pack.phrases.notUnderstood(P.foundOneToMove(t, m.chosen!)), 'fallback');
      return true;
    }
    m.date = date;
    ask(t, P.askMoveTime);
    return true;
  }
  m.date = date ?? m.chosen!.date;
  m.time = time;
  b.waiting = 'move';
  b.offers = [];
  t.out.request = { type: 'booking_request', op: { op: 'move', bookingId: m.chosen!.id, idempotencyKey: `move:${b.made + 1}`, date: m.date, time } };
  return true;
}

/** The booking system's answer in the reschedule/cancel flow. */
export function handleManageResult(t: Turn, result: BookingOpResult | null, waiting: 'find' | 'cancel' | 'move'): void {
  const b = bookingState(t);
  const m = b.manage;
  if (!m) return;
  if (!result || result.status === 'error') {
    b.manage = null;
    requestCallback(t, P.notManagedReason);
    return wrapUp(t, P.failed);
  }
  if (waiting === 'find' && result.status === 'found') {
    const list = result.bookings.slice(0, MAX_LISTED);
    m.bookings = list;
    if (!list.length) {
      b.manage = null;
      return wrapUp(t, P.noBookings);
    }
    if (list.length === 1) return proceedWith(t, list[0]!);
    m.stage = 'choose';
    return ask(t, P.foundMany(t, list));
  }
  if (waiting === 'cancel' && result.status === 'cancelled') {
    b.manage = null;
    recordManaged(t, result.booking);
    t.state.outcome = BOOKING_CANCELLED;
    return wrapUp(t, P.cancelled);
  }
  if (waiting === 'move' && result.status === 'booked') {
    b.manage = null;
    b.made += 1;
    recordManaged(t, result.booking);
    t.state.outcome = BOOKING_RESCHEDULED;
    return wrapUp(t, P.moved(t, result.booking));
  }
  if (waiting === 'move' && result.status === 'taken') {
    b.offers = result.alternatives.slice(0, t.config.booking!.offer_count);
    return ask(t, b.offers.length ? P.taken(m.time ?? '', b.offers) : `${P.taken(m.time ?? '', [])} ${P.askOtherMoveTime}`);
  }
  b.manage = null;
  requestCallback(t, P.notManagedReason);
  wrapUp(t, P.failed);
}

/** The booking a call cancelled, or where it moved one to, lands in the call's fields so the result names it. */
function recordManaged(t: Turn, booking: BookingRecord): void {
  const f = t.config.booking!.fields;
  Object.assign(t.state.fields, { [f.service]: lowerSameLength(booking.service), [f.date]: booking.date, [f.time]: booking.time });
  if (booking.staffName) t.state.fields.staff = booking.staffName;
}

function wrapUp(t: Turn, text: string): void {
  t.state.phase = 'wrapping_up';
  t.state.pending = null;
  say(t, text);
  ask(t, t.pack.phrases.anythingElse);
}
