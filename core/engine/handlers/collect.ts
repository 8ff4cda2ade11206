import type { Scenario } from '../../config/bot-config.ts';
import { extractFieldValues, type FieldHit } from '../extract.ts';
import { fieldKind } from '../field-kind.ts';
import { collectsFields, knowledgeEnabled, looksLikeQuestion, matchScenarios, triggerSpans } from '../intent.ts';
import type { Span } from '../remainder.ts';
import { completeScenario, declineScenario } from './complete.ts';
import { readBack, spokenValue } from './confirm.ts';
import { requestKnowledge } from './knowledge.ts';
import { activeScenario, ask, pendingQuestion, say, type Turn } from './turn.ts';

/**
 * Makes a field-collecting scenario (booking, qualification, callback) active and takes every value
 * the triggering utterance already gave ("запишите на маникюр в пятницу в 11" fills three fields).
 */
export function activateScenario(t: Turn, scenario: Scenario, text: string | null, cut: readonly Span[]): void {
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
    applyHits(t, extract(t, scenario, text, { pending: null, textCandidate, cut }));
  }
  askNextOrConfirm(t, scenario);
}

/** A caller utterance while the bot is asking for a field. */
export function handleCollecting(t: Turn, text: string): void {
  const scenario = activeScenario(t);
  if (!scenario) return;
  const s = t.state;
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
  const hits =
    typed === pending ? typedHits : extract(t, scenario, text, { pending, textCandidate: restated, cut });
  const answered = hits.some((h) => h.field === s.pending);
  if (question && !answered && knowledgeEnabled(t.config, scenario)) return requestKnowledge(t, text, true);
  if (hits.length) {
    applyHits(t, hits);
    if (!answered && s.pending) {
      const said = scenario.collect_fields.flatMap((f) => hits.filter((h) => h.field === f.name));
      say(t, t.pack.phrases.noted(said.map((h) => spokenValue(t, scenario, h))));
    }
    return askNextOrConfirm(t, scenario);
  }
  say(t, t.pack.phrases.notUnderstood(pendingQuestion(t)), 'fallback');
}

/** The scenario's first field when it is free text (the thing asked for: "маникюр", "Киа Рио"). */
function openingTextField(scenario: Scenario): string | null {
  const first = scenario.collect_fields[0];
  return first && fieldKind(first) === 'text' ? first.name : null;
}

/** Asks for the first missing required field, else reads the values back (or completes without confirmation). */
export function askNextOrConfirm(t: Turn, scenario: Scenario): void {
  const s = t.state;
  const next = scenario.collect_fields.find((f) => f.required && s.fields[f.name] === undefined);
  if (next) {
    s.phase = 'collecting';
    s.pending = next.name;
    return ask(t, next.prompt);
  }
  s.pending = null;
  if (scenario.confirm === false) return completeScenario(t, scenario, false);
  s.phase = 'confirming';
  ask(t, readBack(t, scenario));
}

/** Stores recognised values (a later value for the same field replaces an earlier one). */
export function applyHits(t: Turn, hits: readonly FieldHit[]): void {
  for (const h of hits) t.state.fields[h.field] = h.value;
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
