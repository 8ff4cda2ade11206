import type { Scenario } from '../../config/bot-config.ts';
import { detectYesNo } from '../../parse/index.ts';
import { fieldKind } from '../field-kind.ts';
import type { CompletionKind } from '../templates/index.ts';
import { handleOpen } from './open.ts';
import { bookBeforeComplete, requestCallback, unconfirmedBooking } from './booking.ts';
import { bookingPhrases } from './booking-phrases.ts';
import { startHandoff } from './handoff.ts';
import { ask, endCall, say, type Turn } from './turn.ts';

/**
 * Booking-like scenarios (they collect a date or a time) close with "вы записаны";
 * qualification and callback scenarios with "заявка принята".
 */
export function completionKind(scenario: Scenario): CompletionKind {
  return scenario.collect_fields.some((f) => ['date', 'time'].includes(fieldKind(f))) ? 'booking' : 'request';
}

/**
 * The caller confirmed: `on_complete` becomes the outcome, the bot says a short closing phrase and
 * asks whether anything else is needed (or says goodbye when the caller already did).
 */
export function completeScenario(t: Turn, scenario: Scenario, bye: boolean): void {
  if (bookBeforeComplete(t, scenario, bye)) return;
  const s = t.state;
  // A scenario the business routes to a person ("handoff: true"): what was collected goes with the call.
  if (scenario.handoff && !bye) {
    s.outcome = scenario.on_complete ?? s.outcome;
    s.pending = null;
    return startHandoff(t);
  }
  const unconfirmed = unconfirmedBooking(t, scenario);
  if (unconfirmed) requestCallback(t, bookingPhrases.notBookedReason);
  else s.outcome = scenario.on_complete ?? s.outcome;
  s.pending = null;
  const done = unconfirmed ? bookingPhrases.notBookedInSystem : t.pack.phrases.completed(completionKind(scenario));
  if (bye) return endCall(t, `${done} ${t.pack.phrases.callerGoodbye}`, 'caller');
  s.phase = 'wrapping_up';
  say(t, done);
  ask(t, t.pack.phrases.anythingElse);
}

/**
 * The caller refuses the scenario ("не хочу записываться", "я передумала, не надо записывать"): values collected
 * for it in this attempt are dropped, the outcome is kept, and the bot asks whether anything else is needed.
 */
export function declineScenario(t: Turn, scenario: Scenario): void {
  const s = t.state;
  const inProgress = s.phase === 'collecting' || s.phase === 'confirming' || s.phase === 'changing';
  if (inProgress && s.scenario === scenario.name) {
    for (const f of scenario.collect_fields) delete s.fields[f.name];
  }
  s.pending = null;
  s.phase = 'wrapping_up';
  say(t, t.pack.phrases.declined(completionKind(scenario)));
  ask(t, t.pack.phrases.anythingElse);
}

/** Answer to "Могу ещё чем-нибудь помочь?": "нет, спасибо" ends the call, anything else starts over. */
export function handleWrappingUp(t: Turn, text: string, bye: boolean): void {
  if (bye) return endCall(t, t.pack.phrases.callerGoodbye, 'caller');
  const yesNo = detectYesNo(text);
  if (yesNo === 'no') return endCall(t, t.pack.phrases.finalGoodbye, 'bot');
  t.state.phase = 'open';
  t.state.lastQuestion = null;
  if (yesNo === 'yes' && text.trim().split(/\s+/).length <= 2) return ask(t, t.pack.phrases.listening);
  handleOpen(t, text);
}
