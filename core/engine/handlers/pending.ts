import type { CollectField, Scenario } from '../../config/bot-config.ts';
import { detectYesNo, dictatedDigits, extractPhones, phoneFrom, refusesPhone, skipsQuestion } from '../../parse/index.ts';
import { CALLBACK_SCENARIO } from '../callback-scenario.ts';
import { fieldKind } from '../field-kind.ts';
import { freeTextRemainder } from '../remainder.ts';
import { applyHits, askNextOrConfirm } from './collect.ts';
import { canTransfer } from './handoff.ts';
import { ask, say, type Turn } from './turn.ts';

const MAX_SKIP_WORDS = 4;
const LEADING_FILLERS = /^(?:(?:ну|эээ|ээ|э|эм|так|короче|значит|да|а|вот|это)[\s,.]+)+/iu;

/**
 * Answers to the pending question that are not values: the caller's own number confirmed or declined, a phone
 * dictated in pieces over several turns, a refusal to give a phone, an optional question skipped.
 * Returns false when the utterance is for the usual extraction.
 */
export function answerPendingSpecial(t: Turn, scenario: Scenario, text: string): boolean {
  const s = t.state;
  const field = scenario.collect_fields.find((f) => f.name === s.pending);
  if (!field) return false;
  const phone = fieldKind(field) === 'phone';
  if (phone && s.offer === 'caller_phone') {
    const own = s.caller ?? null;
    s.offer = null;
    s.caller = null;
    const yesNo = refusesPhone(text) ? 'no' : detectYesNo(text);
    if (own && yesNo === 'yes' && extractPhones(text).length === 0 && dictatedDigits(text) === null) {
      applyHits(t, [{ field: field.name, value: own, start: 0, end: 0 }]);
      askNextOrConfirm(t, scenario);
      return true;
    }
    if (!refusesPhone(text) && yesNo === 'no' && extractPhones(text).length === 0 && dictatedDigits(text) === null) {
      ask(t, field.prompt);
      return true;
    }
  }
  if (scenario.name === CALLBACK_SCENARIO && fieldKind(field) === 'text') {
    // The reason for a callback is whatever the caller says, even words that would start a scenario.
    const reason = text.trim().replace(LEADING_FILLERS, '') || freeTextRemainder(text, [], t.pack, []);
    if (!reason) return false;
    applyHits(t, [{ field: field.name, value: reason, start: 0, end: 0 }]);
    askNextOrConfirm(t, scenario);
    return true;
  }
  if (phone && refusesPhone(text)) return refusePhone(t, scenario, field);
  if (phone) return phonePiece(t, scenario, field, text);
  if (!field.required && skipsQuestion(text) && text.trim().split(/\s+/).length <= MAX_SKIP_WORDS) {
    (s.skipped ??= []).push(field.name);
    say(t, t.pack.phrases.skipped);
    askNextOrConfirm(t, scenario);
    return true;
  }
  return false;
}

/** A phone in pieces: "восемь девятьсот шестнадцать" … "сто двадцать три сорок пять шестьдесят семь". */
function phonePiece(t: Turn, scenario: Scenario, field: CollectField, text: string): boolean {
  const s = t.state;
  if (extractPhones(text).length > 0) {
    s.phoneDigits = '';
    return false;
  }
  const digits = dictatedDigits(text);
  if (digits === null) return false;
  const joined = (s.phoneDigits ?? '') + digits;
  const value = phoneFrom(joined);
  if (value) {
    s.phoneDigits = '';
    applyHits(t, [{ field: field.name, value, start: 0, end: 0 }]);
    askNextOrConfirm(t, scenario);
    return true;
  }
  const target = joined.startsWith('9') ? 10 : 11;
  if (joined.length < target && /^[789]/.test(joined)) {
    s.phoneDigits = joined;
    say(t, t.pack.phrases.phoneGoOn);
    return true;
  }
  s.phoneDigits = '';
  ask(t, t.pack.phrases.phoneRestart);
  return true;
}

/** "не хочу оставлять номер": skipped when optional; else why it is needed, and a person offered when one can answer. */
function refusePhone(t: Turn, scenario: Scenario, field: CollectField): boolean {
  const s = t.state;
  s.phoneDigits = '';
  if (!field.required) {
    (s.skipped ??= []).push(field.name);
    say(t, t.pack.phrases.skipped);
    askNextOrConfirm(t, scenario);
    return true;
  }
  const transfer = canTransfer(t);
  if (transfer) s.offer = 'handoff';
  say(t, t.pack.phrases.phoneRequired(transfer ? t.pack.phrases.personOffer(true, t.config.handoff?.title) : ''));
  t.state.lastQuestion = field.prompt;
  return true;
}
