import type { Scenario } from '../../config/bot-config.ts';
import { answerPendingSpecial } from './pending.ts';
import { bookingGate } from './booking.ts';
import { extractFieldValues, type FieldHit } from '../extract.ts';
import { fieldKind } from '../field-kind.ts';
import { collectsFields, knowledgeEnabled, looksLikeQuestion, matchScenarios, triggerSpans } from '../intent.ts';
import type { Span } from '../remainder.ts';
import { completeScenario, declineScenario } from './complete.ts';
import { readBack, spokenValue } from './confirm.ts';
import { startHandoff } from './handoff.ts';
import { requestKnowledge } from './knowledge.ts';
import { formatPhoneForSpeech } from '../speech-format.ts';
import { refuseValue, type Refusal } from '../validate.ts';
import { placeDayPart, timesToOffer, vaguePart } from '../vague-time.ts';
import { activeScenario, ask, pendingQuestion, say, type Turn } from './turn.ts';

/**
 * Makes a field-collecting scenario (booking, qualification, callback) active and takes every value
 * the triggering utterance already gave ("запишите на маникюр в пятницу в 11" fills three fields).
 */
export function activateScenario(
  t: Turn,
  scenario: Scenario,
  text: string | null,
  cut: readonly Span[],
  implied = false,
): void {
  const s = t.state;
  if (s.outcome !== null && s.scenario === scenario.name) {
    for (const f of scenario.collect_fields) delete s.fields[f.name];
  }
  s.scenario = scenario.name;
  s.phase = 'collecting';
  s.pending = null;
  if (text !== null) {
    // Only a free-text field that opens the scenario is named with the request ("запишите на маникюр").
    const first = openingTextField(scenario);
    const textCandidate = first && s.fields[first] === undefined ? first : null;
    let hits = extract(t, scenario, text, { pending: null, textCandidate, cut });
    // No request word, and an option named ("у меня стучит что-то спереди" → диагностика): the rest of the words
    // describe that option, not the thing the opening field asks for (the car).
    if (implied && textCandidate && hits.some((h) => h.field !== textCandidate && isEnumField(scenario, h.field))) {
      hits = hits.filter((h) => h.field !== textCandidate);
    }
    applyHits(t, placeDayPart(t, scenario, text, hits));
  }
  askNextOrConfirm(t, scenario);
}

/** A caller utterance while the bot is asking for a field. */
export function handleCollecting(t: Turn, text: string): void {
  const scenario = activeScenario(t);
  if (!scenario) return;
  const s = t.state;
  if (answerPendingSpecial(t, scenario, text)) return;
  const own = triggerSpans(scenario, text);
  const askedByKb = own.score === 0 && matchScenarios(t.config, text, (x) => x.use_knowledge_base).length > 0;
  if (askedByKb) return requestKnowledge(t, text, true);

  const question = looksLikeQuestion(text, t.pack);
  const pendingField = scenario.collect_fields.find((f) => f.name === s.pending);
  // A question must not become the free-text answer ("а где вы находитесь?" is no service name).
  const pending = question && pendingField && fieldKind(pendingField) === 'text' ? null : s.pending;
  const typed = pendingField && fieldKind(pendingField) === 'text' ? null : pending;
  // The request said again ("хочу записаться на стрижку" while the day is asked) may name the opening text field anew.
  const restated = own.score > 0 ? openingTextField(scenario) : null;
  const cut = [...own.spans, ...own.negated];
  const typedHits = extract(t, scenario, text, { pending: typed, textCandidate: restated, cut });
  if (!typedHits.length && own.score === 0 && own.negated.length > 0) return declineScenario(t, scenario);
  const other = own.score === 0 ? matchScenarios(t.config, text, collectsFields)[0] : undefined;
  if (!typedHits.length && other && other.scenario.name !== scenario.name) {
    return activateScenario(t, other.scenario, text, other.spans);
  }
  const hits = placeDayPart(
    t,
    scenario,
    text,
    typed === pending ? typedHits : extract(t, scenario, text, { pending, textCandidate: restated, cut }),
  );
  // "вечером" while the time is asked: times in the evening are offered.
  if (!hits.length && s.dayPart && vaguePart(text)) return askNextOrConfirm(t, scenario);
  const answered = hits.some((h) => h.field === s.pending);
  if (question && !answered && knowledgeEnabled(t.config, scenario)) return requestKnowledge(t, text, true);
  if (hits.length) {
    const stored = applyHits(t, hits);
    if (s.phase === 'ended') return;
    if (!answered && s.pending && stored.length) {
      const said = scenario.collect_fields.flatMap((f) => stored.filter((h) => h.field === f.name));
      say(t, t.pack.phrases.noted(said.map((h) => spokenValue(t, scenario, h))));
    }
    return askNextOrConfirm(t, scenario);
  }
  say(t, t.pack.phrases.notUnderstood(pendingQuestion(t)), 'fallback');
}

function isEnumField(scenario: Scenario, name: string): boolean {
  const f = scenario.collect_fields.find((x) => x.name === name);
  return f !== undefined && fieldKind(f) === 'enum';
}

/** The scenario's first field when it is free text (the thing asked for: "маникюр", "Киа Рио"). */
function openingTextField(scenario: Scenario): string | null {
  const first = scenario.collect_fields[0];
  return first && fieldKind(first) === 'text' ? first.name : null;
}

/**
 * Asks for the first missing field (an optional one too, unless the caller skipped it), else reads the values back
 * (or completes without confirmation). A phone is first offered as the caller's own number when caller ID is known.
 */
export function askNextOrConfirm(t: Turn, scenario: Scenario): void {
  if (t.state.phase === 'ended' || bookingGate(t, scenario)) return;
  const s = t.state;
  const skipped = s.skipped ?? [];
  const next = scenario.collect_fields.find((f) => s.fields[f.name] === undefined && !skipped.includes(f.name));
  if (next) {
    s.phase = 'collecting';
    if (s.pending !== next.name) s.phoneDigits = '';
    s.pending = next.name;
    if (fieldKind(next) === 'phone' && s.caller) {
      s.offer = 'caller_phone';
      return ask(t, t.pack.phrases.askCallerPhone(formatPhoneForSpeech(s.caller)));
    }
    const offered = timesToOffer(t, next);
    if (offered.length && !t.reprompts?.[next.name]) return ask(t, t.pack.phrases.offerTimes(offered.map(t.pack.speech.time)));
    return ask(t, t.reprompts?.[next.name] ?? next.prompt);
  }
  s.pending = null;
  if (scenario.confirm === false || scenario.handoff) return completeScenario(t, scenario, false);
  s.phase = 'confirming';
  ask(t, readBack(t, scenario));
}

/**
 * Stores recognised values (a later value for the same field replaces an earlier one) that pass validation; a refused
 * value is not stored and the reason is said (the field is then asked again). A new date re-checks a time already
 * given for it. Returns the hits that were stored.
 */
export function applyHits(t: Turn, hits: readonly FieldHit[]): FieldHit[] {
  const scenario = activeScenario(t);
  const fields = t.state.fields;
  const stored: FieldHit[] = [];
  for (const h of hits) {
    const field = scenario?.collect_fields.find((f) => f.name === h.field);
    const refusal = field ? refuseValue(t, field, h.value, fields) : null;
    if (refusal) {
      refuse(t, h.field, refusal);
      continue;
    }
    fields[h.field] = h.value;
    stored.push(h);
    if (field && fieldKind(field) === 'date') recheckTime(t, scenario!, stored);
  }
  return stored;
}

function refuse(t: Turn, field: string, refusal: Refusal): void {
  if (refusal.handoff) return startHandoff(t);
  if (refusal.reason) say(t, refusal.reason);
  if (refusal.reprompt) (t.reprompts ??= {})[field] = refusal.reprompt;
  delete t.state.fields[field];
}

/** A time said earlier may fall outside the hours of a date said now: it is dropped with the reason. */
function recheckTime(t: Turn, scenario: Scenario, stored: FieldHit[]): void {
  for (const f of scenario.collect_fields) {
    const value = t.state.fields[f.name];
    if (fieldKind(f) !== 'time' || value === undefined) continue;
    const refusal = refuseValue(t, f, value, t.state.fields);
    if (!refusal) continue;
    refuse(t, f.name, refusal);
    const i = stored.findIndex((h) => h.field === f.name);
    if (i >= 0) stored.splice(i, 1);
  }
}

/** Runs the extractors with this turn's parse context and language. */
export function extract(
  t: Turn,
  scenario: Scenario,
  text: string,
  o: { pending: string | null; textCandidate: string | null; cut: readonly Span[] },
): FieldHit[] {
  return extractFieldValues(scenario, text, { parse: t.parse, pack: t.pack, filled: t.state.fields, ...o });
}
