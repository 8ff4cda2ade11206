import type { BookingOpResult, BookingRecord } from '../booking/index.ts';
import type { EndedBy } from '../call-result.ts';
import type { BotConfig } from '../config/bot-config.ts';
import { detectYesNo, extractDates, extractTimes, isGoodbye, type ParseContext } from '../parse/index.ts';
import { lowerSameLength } from '../text/index.ts';
import { localDate } from './calendar.ts';
import { createDialog, dialogTurn } from './dialog.ts';
import { pickedOffer } from './handlers/booking.ts';
import { manageIntent } from './handlers/booking-manage.ts';
import { isReminderState, REMINDER_ID_FIELD, REMINDER_OUTCOMES as O, type ReminderCall, type ReminderDialogState } from './reminder-call.ts';
import { reminderPhrases as P } from './reminder-phrases.ts';
import { languagePack } from './templates/index.ts';
import type { DialogAction, DialogContext, DialogInput, DialogState, DialogStep } from './types.ts';

const DO_NOT_CALL_RE = /(не\s+(звоните|звонить|надо\s+(мне\s+|нам\s+)?звонить|беспокойте)|удалите\s+(мой\s+)?номер|уберите\s+(мой\s+)?номер|отпишите)/u;
const WRONG_PERSON_RE = /(ошиблись\s+номером|не\s+туда\s+попали|это\s+не\s+я|никуда\s+не\s+записыв|не\s+записывал|такой\s+(здесь|тут)\s+нет|такого\s+(здесь|тут)\s+нет)/u;
const COMING_RE = /(?<![\p{L}])(?<!не\s)(приду|придём|придем|буду|будем|подойду|подойдём|приедем|приеду|подтверждаю|обязательно)(?![\p{L}])/u;
const NOT_COMING_RE = /(не\s+(смогу|приду|получится|успею|сможем|придём|придем)|не\s+буду)/u;
const CANCEL_RE = /(отмен\p{L}*)/u;
const MISSES_BEFORE_GIVING_UP = 2;

/**
 * A reminder call's dialog: the bot reminds of the appointment and asks whether the customer will come; "да, приду"
 * confirms it, "перенесите на четверг" moves it (same time unless another is said; taken → the nearest offers),
 * "отмените" cancels it, «больше не звоните» ends with `do_not_call`. Start it with a `{ type: 'start' }` turn and
 * drive it with {@link callTurn}, exactly like {@link dialogTurn}.
 */
export function createReminderDialog(config: BotConfig, call: ReminderCall): ReminderDialogState {
  const f = fieldNames(config);
  return {
    ...createDialog(config),
    scenario: 'reminder',
    fields: { [REMINDER_ID_FIELD]: call.id, booking_id: call.booking_id, [f.service]: call.service, [f.date]: call.date, [f.time]: call.time, ...(call.staff ? { staff: call.staff } : {}) },
    reminder: { call, stage: 'ask', waiting: null, offers: [], date: null, time: null, misses: 0 },
  };
}

/** One turn of any call: a reminder call's own dialog, or the scenario engine's. */
export function callTurn(config: BotConfig, state: DialogState, input: DialogInput, ctx: DialogContext): DialogStep {
  return isReminderState(state) ? reminderTurn(config, state, input, ctx) : dialogTurn(config, state, input, ctx);
}

/** An answering machine picked up: leave the message after the beep, or hang up (the config decides). */
export function reminderVoicemail(config: BotConfig, state: ReminderDialogState, ctx: DialogContext): DialogStep {
  const t = begin(config, state, ctx);
  t.state.outcome = O.voicemail;
  if (state.reminder.call.voicemail === 'message') t.says.push(P.voicemail(config, state.reminder.call, t.today, t.pack));
  return finish(t, 'bot');
}

/** Field holding why the call was taken for a machine (core/amd's reason: «beep», «phrase «…»», «long greeting 3.1 s»). */
export const VOICEMAIL_REASON_FIELD = 'voicemail_reason';

/**
 * An outbound call answered by an answering machine or a call-screening assistant (core/amd): a reminder call leaves
 * its message (or hangs up, as configured); any other call ends with nothing said. Outcome `voicemail`, the reason in
 * the fields.
 */
export function answeredByMachine(config: BotConfig, state: DialogState, verdict: { kind: string; reason: string }, ctx: DialogContext): DialogStep {
  const reason = verdict.kind === 'screening' ? `call screening: ${verdict.reason}` : verdict.reason;
  const step: DialogStep = isReminderState(state)
    ? reminderVoicemail(config, state, ctx)
    : { state: { ...state, phase: 'ended', endedBy: 'bot', outcome: O.voicemail }, actions: [{ type: 'end', endedBy: 'bot' }] };
  return { ...step, state: { ...step.state, fields: { ...step.state.fields, [VOICEMAIL_REASON_FIELD]: reason } } };
}

interface RTurn {
  config: BotConfig;
  state: ReminderDialogState;
  says: string[];
  request: DialogAction | null;
  end: EndedBy | null;
  today: string;
  pack: ReturnType<typeof languagePack>;
  parse: ParseContext;
}

const fieldNames = (config: BotConfig) => config.booking?.fields ?? { service: 'service', date: 'date', time: 'time' };

function begin(config: BotConfig, state: ReminderDialogState, ctx: DialogContext): RTurn {
  const next: ReminderDialogState = { ...state, fields: { ...state.fields }, reminder: { ...state.reminder, offers: [...state.reminder.offers] } };
  return {
    config,
    state: next,
    says: [],
    request: null,
    end: null,
    today: localDate(ctx.now, config.timezone),
    pack: languagePack(config.language),
    parse: { now: ctx.now, timezone: config.timezone, businessHours: config.business_hours as ParseContext['businessHours'] },
  };
}

function finish(t: RTurn, endedBy?: EndedBy): DialogStep {
  if (endedBy) {
    t.state.phase = 'ended';
    t.state.endedBy = endedBy;
    t.state.reminder.stage = 'done';
  } else if (t.state.phase === 'idle') t.state.phase = 'open';
  const actions: DialogAction[] = [];
  if (t.says.length) {
    const text = t.says.join(' ');
    t.state.lastReply = text;
    actions.push({ type: 'say', text, source: 'scripted' });
  }
  if (t.request) actions.push(t.request);
  if (endedBy) actions.push({ type: 'end', endedBy });
  return { state: t.state, actions };
}

const end = (t: RTurn, text: string, outcome: string | null): DialogStep => {
  if (outcome) t.state.outcome = outcome;
  t.says.push(text);
  return finish(t, 'bot');
};

function reminderTurn(config: BotConfig, state: ReminderDialogState, input: DialogInput, ctx: DialogContext): DialogStep {
  if (state.phase === 'ended') return { state, actions: [] };
  const t = begin(config, state, ctx);
  const r = t.state.reminder;
  switch (input.type) {
    case 'start':
      t.says.push(P.opening(config, r.call, t.today, t.pack));
      return finish(t);
    case 'silence':
      return miss(t, true);
    case 'booking_result':
      return bookingResult(t, input.result);
    case 'speech':
      t.state.callerTurns += 1;
      return speech(t, input.text);
    default:
      return finish(t);
  }
}

function miss(t: RTurn, silent = false): DialogStep {
  const r = t.state.reminder;
  r.misses += 1;
  if (r.misses >= MISSES_BEFORE_GIVING_UP) {
    if (silent) {
      t.says.push(P.goodbye);
      return finish(t, 'silence');
    }
    return end(t, P.giveUp, O.callback);
  }
  t.says.push(r.stage === 'ask' ? P.repeat : r.stage === 'no' ? P.moveOrCancel : r.stage === 'pick' ? P.askTime : P.askDay);
  return finish(t);
}

function speech(t: RTurn, text: string): DialogStep {
  const lower = lowerSameLength(text);
  const r = t.state.reminder;
  if (DO_NOT_CALL_RE.test(lower)) return end(t, P.doNotCall, O.doNotCall);
  if (WRONG_PERSON_RE.test(lower)) return end(t, P.wrongPerson, O.wrongPerson);
  const dates = extractDates(text, t.parse).map((d) => d.value);
  const times = extractTimes(text, t.parse).map((x) => x.value);
  if (r.stage === 'pick') {
    const picked = times.length ? null : pickedOffer(r.offers, text);
    if (picked) return move(t, picked.date, picked.time);
    if (times.length) return move(t, dates[0] ?? r.date ?? r.call.date, times[0]!);
  }
  if (CANCEL_RE.test(lower) && manageIntent(text) !== 'move') return cancel(t);
  if (manageIntent(text) === 'move' || ((r.stage === 'when' || r.stage === 'pick') && (dates.length || times.length))) {
    const date = dates[0] ?? r.date;
    if (!date && !times.length) {
      r.stage = 'when';
      t.says.push(P.askDay);
      return finish(t);
    }
    return move(t, date ?? r.call.date, times[0] ?? r.call.time);
  }
  if (r.stage === 'ask' || r.stage === 'no') {
    const yesNo = detectYesNo(text);
    if (NOT_COMING_RE.test(lower) || (yesNo === 'no' && !COMING_RE.test(lower))) {
      if (r.stage === 'no') return end(t, P.goodbye, null);
      r.stage = 'no';
      r.misses = 0;
      t.says.push(P.moveOrCancel);
      return finish(t);
    }
    if (r.stage === 'ask' && (COMING_RE.test(lower) || yesNo === 'yes')) return end(t, P.confirmed, O.confirmed);
  }
  if (isGoodbye(text)) return end(t, P.goodbye, null);
  return miss(t);
}

function cancel(t: RTurn): DialogStep {
  t.state.reminder.waiting = 'cancel';
  t.request = { type: 'booking_request', op: { op: 'cancel', bookingId: t.state.reminder.call.booking_id } };
  return finish(t);
}

function move(t: RTurn, date: string, time: string): DialogStep {
  const r = t.state.reminder;
  r.waiting = 'move';
  r.date = date;
  r.time = time;
  r.offers = [];
  t.request = {
    type: 'booking_request',
    op: { op: 'move', bookingId: r.call.booking_id, idempotencyKey: `reminder:move:${t.state.callerTurns}`, date, time, staff: r.call.staff },
  };
  return finish(t);
}

function bookingResult(t: RTurn, result: BookingOpResult | null): DialogStep {
  const r = t.state.reminder;
  const waiting = r.waiting;
  r.waiting = null;
  if (waiting === 'cancel' && result?.status === 'cancelled') {
    record(t, result.booking);
    return end(t, P.cancelled, O.cancelled);
  }
  if (waiting === 'move' && result?.status === 'booked') {
    record(t, result.booking);
    const b = result.booking;
    return end(t, P.moved(P.booking({ service: b.service, date: b.date, time: b.time, staff: b.staffName }, t.today, t.pack)), O.moved);
  }
  if (waiting === 'move' && result?.status === 'taken') {
    r.offers = result.alternatives.slice(0, t.config.booking?.offer_count ?? 2);
    r.stage = r.offers.length ? 'pick' : 'when';
    r.misses = 0;
    t.says.push(P.taken(r.time ?? r.call.time, r.offers));
    return finish(t);
  }
  return end(t, P.failed, O.callback);
}

function record(t: RTurn, b: BookingRecord): void {
  const f = fieldNames(t.config);
  Object.assign(t.state.fields, { [f.service]: b.service.toLowerCase(), [f.date]: b.date, [f.time]: b.time, booking_id: b.id });
  if (b.staffName) t.state.fields.staff = b.staffName;
}
