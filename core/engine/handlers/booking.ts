import { spreadTimes, type AvailabilityAnswer, type BookingOpResult, type Slot } from '../../booking/index.ts';
import type { Scenario } from '../../config/bot-config.ts';
import { detectYesNo, extractDates, extractTimes } from '../../parse/index.ts';
import { lowerSameLength, midSentence } from '../../text/index.ts';
import { emptyBookingState, type BookingDialogState } from '../booking-state.ts';
import { fieldKind } from '../field-kind.ts';
import { bookingPhrases as P } from './booking-phrases.ts';
import { CALLBACK_OUTCOME } from '../callback-scenario.ts';
import { askNextOrConfirm } from './collect.ts';
import { completeScenario } from './complete.ts';
import { activeScenario, ask, endCall, say, type Turn } from './turn.ts';

/** The booking state of this turn, copied before the first change (the given state stays untouched). */
export function bookingState(t: Turn): BookingDialogState {
  const cur = t.state.booking ?? emptyBookingState();
  const copy: BookingDialogState = { ...cur, offers: [...cur.offers], manage: cur.manage ? { ...cur.manage, bookings: [...cur.manage.bookings] } : null };
  t.state.booking = copy;
  return copy;
}

/** Whether this scenario makes real bookings: the bot has `booking:` and it is the booking scenario. */
export function isBookingScenario(t: Turn, scenario: Scenario): boolean {
  const cfg = t.config.booking;
  if (!cfg) return false;
  if (cfg.scenario) return scenario.name === cfg.scenario;
  if (scenario.on_complete === 'booking_created') return true;
  const kinds = scenario.collect_fields.map(fieldKind);
  return kinds.includes('date') && kinds.includes('time');
}

interface Wanted { service: string; date: string; time: string | null }

function wanted(t: Turn): Wanted | null {
  const f = t.config.booking!.fields;
  const { [f.service]: service, [f.date]: date, [f.time]: time } = t.state.fields;
  if (service === undefined || date === undefined) return null;
  return { service: String(service), date: String(date), time: time === undefined ? null : String(time) };
}

const keyOf = (w: Wanted, staff: string | null) => [w.service, w.date, w.time ?? '', staff ?? ''].join('|');

/**
 * Hook at the start of `askNextOrConfirm`: once the service and the date are known the bot asks the booking system
 * (an `availability_request`) before asking for the time (to read out free times) and before going on with a time
 * that was not checked yet. Returns true when a request went out.
 */
export function bookingGate(t: Turn, scenario: Scenario): boolean {
  if (!isBookingScenario(t, scenario)) return false;
  const w = wanted(t);
  if (!w) return false;
  const cur = t.state.booking ?? emptyBookingState();
  const staff = cur.staff;
  const f = t.config.booking!.fields;
  // "к ольге на маникюр": the master's name is not part of the service.
  if (staff && w.service.includes(staff)) w.service = t.state.fields[f.service] = w.service.replace(new RegExp(`(^|\\s)(к|у)?\\s*(мастеру?\\s+)?${staff}(\\s+на)?(\\s|$)`, 'u'), ' ').trim() || w.service;
  if (w.time === null) {
    if (cur.listed === keyOf(w, staff)) return false;
  } else {
    if (cur.checked === keyOf(w, staff)) return false;
    if (cur.offers.some((o) => o.date === w.date && o.time === w.time)) {
      bookingState(t).checked = keyOf(w, staff);
      return false;
    }
  }
  const b = bookingState(t);
  b.waiting = 'availability';
  t.out.request = { type: 'availability_request', query: { service: w.service, date: w.date, time: w.time, staff } };
  return true;
}

/** The booking system's answer about free slots. */
export function handleAvailabilityResult(t: Turn, answer: AvailabilityAnswer | null): void {
  const scenario = activeScenario(t);
  const b = bookingState(t);
  if (b.waiting !== 'availability' || !scenario) return;
  b.waiting = null;
  let w = wanted(t);
  if (!w) return askNextOrConfirm(t, scenario);
  const f = t.config.booking!.fields;
  const s = t.state;
  // The service is stored and read back as the business names it ("подстричься" → "Женская стрижка").
  const canonical = answer?.status === 'ok' && answer.service ? midSentence(answer.service) : null;
  if (canonical && s.fields[f.service] !== canonical) {
    s.fields[f.service] = canonical;
    w = wanted(t) ?? w;
  }
  if (!answer || answer.status === 'error') {
    // The booking system did not answer: go on as a plain request (the admin confirms it later).
    if (w.time === null) b.listed = keyOf(w, b.staff);
    else b.checked = keyOf(w, b.staff);
    return askNextOrConfirm(t, scenario);
  }
  if (answer.status === 'unknown_staff') {
    say(t, P.unknownStaff);
    b.staff = null;
    return askNextOrConfirm(t, scenario);
  }
  if (answer.status === 'unknown_service') {
    // Not a service of this business ("когда", a mumble): ask for it with the scenario's own question.
    delete s.fields[f.service];
    s.phase = 'collecting';
    s.pending = f.service;
    return ask(t, scenario.collect_fields.find((x) => x.name === f.service)?.prompt ?? P.unknownService);
  }
  if (w.time !== null && answer.requested) {
    b.checked = keyOf(w, b.staff);
    b.offers = [];
    return askNextOrConfirm(t, scenario);
  }
  offerOther(t, w, answer.alternatives, answer);
}

/** The asked time (if any) is not free: offer the nearest times, else the day's free times, else other days. */
function offerOther(t: Turn, w: Wanted, alternatives: readonly Slot[], answer: Pick<AvailabilityAnswer, 'free' | 'nextDates'>): void {
  const cfg = t.config.booking!;
  const s = t.state;
  const b = bookingState(t);
  s.phase = 'collecting';
  if (w.time !== null) delete s.fields[cfg.fields.time];
  b.listed = keyOf({ ...w, time: null }, b.staff);
  const offers = alternatives.length ? alternatives.slice(0, cfg.offer_count) : spreadTimes(answer.free, 3);
  if (!offers.length) {
    delete s.fields[cfg.fields.date];
    b.offers = [];
    s.pending = cfg.fields.date;
    return ask(t, P.dayFull(t, w.date, answer.nextDates));
  }
  b.offers = offers;
  s.pending = cfg.fields.time;
  if (w.time !== null && alternatives.length) return ask(t, P.taken(w.time, offers));
  const staffName = b.staff && offers.every((o) => o.staffName === offers[0]!.staffName) ? offers[0]!.staffName : null;
  if (w.time !== null) say(t, P.taken(w.time, []));
  ask(t, P.freeTimes(t, w.date, offers, staffName));
}

/**
 * Hook at the start of `completeScenario`: the caller confirmed, so the booking is made now (a `booking_request`
 * with the idempotency key `<scenario>:<n>`; the host prefixes the call id). Returns true when a request went out.
 */
export function bookBeforeComplete(t: Turn, scenario: Scenario, bye: boolean): boolean {
  if (!isBookingScenario(t, scenario)) return false;
  const w = wanted(t);
  if (!w || w.time === null) return false;
  const cur = t.state.booking ?? emptyBookingState();
  if (cur.checked === `booked:${keyOf(w, cur.staff)}`) return false;
  const b = bookingState(t);
  const f = t.config.booking!.fields;
  const phone = t.state.fields[f.phone] ?? t.state.caller ?? null;
  const name = t.state.fields[f.name] ?? null;
  b.waiting = 'create';
  b.bye = bye;
  t.out.request = {
    type: 'booking_request',
    op: { op: 'create', idempotencyKey: `${scenario.name}:${b.made + 1}`, service: w.service, date: w.date, time: w.time, staff: b.staff, phone: phone === null ? null : String(phone), name: name === null ? null : String(name) },
  };
  return true;
}

/** Field holding the booking system's id of the booking this call made (set only on its confirmation). */
export const BOOKING_ID_FIELD = 'booking_id';
/** Field saying why a call that wanted something done ended as a callback request. */
export const CALLBACK_REASON_FIELD = 'callback_reason';

/**
 * The call ends as a callback request (the business calls back) with the reason, unless a booking, a move or a
 * cancel was already confirmed in it: that outcome stays.
 */
export function requestCallback(t: Turn, reason: string): void {
  const s = t.state;
  s.fields[CALLBACK_REASON_FIELD] = reason;
  if (!s.outcome || !CONFIRMED_OUTCOMES.has(s.outcome)) s.outcome = CALLBACK_OUTCOME;
}

const CONFIRMED_OUTCOMES = new Set(['booking_created', 'booking_cancelled', 'booking_rescheduled']);

/**
 * A booking scenario that reached its confirmation without a booking in the system (no time to book, or the
 * booking system never confirmed one): its outcome is a callback request, never `on_complete`.
 */
export function unconfirmedBooking(t: Turn, scenario: Scenario): boolean {
  if (!isBookingScenario(t, scenario)) return false;
  return !(t.state.booking?.checked ?? '').startsWith('booked:');
}

/** The booking system's answer to a create: booked → the usual closing; taken meanwhile → the next free times. */
export function handleCreateResult(t: Turn, result: BookingOpResult | null): void {
  const scenario = activeScenario(t);
  const b = bookingState(t);
  b.waiting = null;
  const w = wanted(t);
  if (!scenario || !w || w.time === null) return;
  if (result?.status === 'booked') {
    b.made += 1;
    b.checked = `booked:${keyOf(w, b.staff)}`;
    b.offers = [];
    // The booking system's id goes with the call: post-call processing reports a booking only with it.
    t.state.fields[BOOKING_ID_FIELD] = result.booking.id;
    return completeScenario(t, scenario, b.bye);
  }
  if (result?.status === 'taken') {
    const s = t.state;
    const cfg = t.config.booking!;
    delete s.fields[cfg.fields.time];
    b.checked = null;
    b.offers = result.alternatives.slice(0, cfg.offer_count);
    s.phase = 'collecting';
    s.pending = cfg.fields.time;
    b.listed = keyOf({ ...w, time: null }, b.staff);
    return ask(t, P.goneMeanwhile(w.time, b.offers));
  }
  // No answer (or an error) from the booking system: nothing was booked, so the call is a callback request
  // with the reason, and the admin confirms the time.
  const s = t.state;
  requestCallback(t, result?.status === 'error' ? `${P.notBookedReason}: ${result.message}` : P.notBookedReason);
  s.pending = null;
  if (b.bye) return endCall(t, `${P.notBookedInSystem} ${t.pack.phrases.callerGoodbye}`, 'caller');
  s.phase = 'wrapping_up';
  say(t, P.notBookedInSystem);
  ask(t, t.pack.phrases.anythingElse);
}

const MONTH_AFTER_ORDINAL = /(перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)\p{L}*\s+(январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)/u;

const PICK: [RegExp, number][] = [
  [/(^|\s)(перв\p{L}*)/u, 0],
  [/(^|\s)(втор\p{L}*)/u, 1],
  [/(^|\s)(трет\p{L}*)/u, 2],
  [/(^|\s)(последн\p{L}*)/u, -1],
];

/** The offer a caller picks by its place ("давайте первое", "второй вариант"), or null. */
export function pickedOffer(offers: readonly Slot[], text: string): Slot | null {
  const lower = lowerSameLength(text);
  for (const [re, i] of PICK) if (re.test(lower)) return offers.at(i) ?? null;
  return null;
}

const NOT_STAFF = new Set(['вам', 'вас', 'нам', 'нас', 'нему', 'ней', 'ним', 'него', 'неё', 'нее', 'тому', 'этому', 'вечеру', 'утру', 'обеду', 'концу', 'началу', 'сожалению', 'счастью', 'примеру', 'врачу', 'мастеру', 'мастера', 'администратору', 'себе', 'меня', 'мне', 'тебя', 'кого', 'кому', 'вечера', 'утра', 'обеда', 'любому', 'любого', 'другому', 'другого', 'тому', 'той', 'той', 'одному', 'девушке', 'девушки']);

/** The master a caller asks for: "к Ольге", "к мастеру Марине", "у Марины" (not "к пятнице", "у вас", "к десяти"). */
export function staffWords(t: Turn, text: string): string | null {
  const lower = lowerSameLength(text);
  const m = /(?:^|\s)(?:к|у)\s+(?:мастер[ау]\s+)?(\p{L}{3,})/u.exec(lower);
  const word = m?.[1];
  if (!word || NOT_STAFF.has(word)) return null;
  const phrase = m![0].trim();
  if (extractDates(phrase, t.parse).length || extractTimes(phrase, t.parse).length) return null;
  return word;
}

/**
 * Caller words the booking flow handles before the phase handlers: a master asked for, and picking an offered time by
 * its place. Returns true when the turn was handled.
 */
export function handleBookingWords(t: Turn, text: string): boolean {
  if (!t.config.booking) return false;
  const scenario = activeScenario(t);
  const who = staffWords(t, text);
  if (who) bookingState(t).staff = who;
  if (!scenario || !isBookingScenario(t, scenario) || t.state.phase !== 'collecting') return false;
  const offers = t.state.booking?.offers ?? [];
  const f = t.config.booking!.fields;
  if (!offers.length || t.state.pending !== f.time) return false;
  // "первое декабря", "в два": a date or a time said outright goes through the usual extraction.
  if (MONTH_AFTER_ORDINAL.test(lowerSameLength(text)) || extractTimes(text, t.parse).length) return false;
  const picked = pickedOffer(offers, text) ?? (offers.length === 1 && detectYesNo(text) === 'yes' ? offers[0]! : null);
  if (!picked) return false;
  const b = bookingState(t);
  t.state.fields[f.time] = picked.time;
  t.state.fields[f.date] = picked.date;
  b.offers = [];
  b.checked = keyOf({ service: String(t.state.fields[f.service]), date: picked.date, time: picked.time }, b.staff);
  askNextOrConfirm(t, scenario);
  return true;
}

