import type { Scenario } from '../../config/bot-config.ts';
import { namedPlace, wantsSomethingElse } from '../../parse/index.ts';
import { fieldKind } from '../field-kind.ts';
import { collectsFields, declinedScenario, knowledgeEnabled, looksLikeQuestion, matchScenarios } from '../intent.ts';
import { freeTextRemainder } from '../remainder.ts';
import { activateScenario, extract } from './collect.ts';
import { completeScenario, declineScenario } from './complete.ts';
import { placeAsked } from './global.ts';
import { answerOwnFacts, requestKnowledge } from './knowledge.ts';
import { ask, say, type Turn } from './turn.ts';

/**
 * A caller utterance with no scenario in progress: the scenario whose triggers match best; else the one
 * the utterance gives values for ("на завтра на маникюр можно?", unless it is a question such as
 * "а вы в воскресенье работаете?"); a refused scenario ("не хочу записываться") is acknowledged; else the
 * knowledge base; else the fallback.
 */
export function handleOpen(t: Turn, text: string): void {
  const s = t.state;
  s.phase = 'open';
  const matches = matchScenarios(t.config, text);
  let best = matches[0];
  // "Почём замена масла?": a question ties towards the knowledge base.
  const kb = matches.find((m) => m.scenario.use_knowledge_base);
  if (best && kb && kb.score >= best.score && looksLikeQuestion(text, t.pack)) best = kb;
  // "сколько стоит аренда зала": a question the config's own facts answer is answered, even if it names a booking.
  if (best && kb && best !== kb && looksLikeQuestion(text, t.pack) && answerOwnFacts(t, text)) return;
  if (best && collectsFields(best.scenario)) return activateScenario(t, best.scenario, text, best.spans);
  // "не хочу записываться": a refusal, answered as one rather than with the fallback.
  const declined = best ? null : declinedScenario(t.config, text, null);
  if (declined) return declineScenario(t, declined);
  if (best?.scenario.use_knowledge_base) {
    s.scenario ??= best.scenario.name;
    return requestKnowledge(t, text, true);
  }
  if (best) {
    s.scenario = best.scenario.name;
    return completeScenario(t, best.scenario, false);
  }
  const question = looksLikeQuestion(text, t.pack);
  // A service or a pet named in passing ("хочу купить шампунь для щенка") is no request to book.
  const implied = (question && knowledgeEnabled(t.config, null)) || wantsSomethingElse(text) ? null : impliedScenario(t, text);
  if (implied) return activateScenario(t, implied, text, [], true);
  // "алло это ателье по ремонту обуви" at the start of a call: another business was meant.
  if (s.callerTurns <= 2 && placeAsked(t, namedPlace(text), false)) return;
  // "алло", "да", "здравствуйте": nothing to search for, just invite the request.
  if (freeTextRemainder(text, [], t.pack, []) === '') {
    say(t, t.pack.phrases.listening);
    return ask(t, t.pack.phrases.howCanIHelp);
  }
  if (knowledgeEnabled(t.config, null)) return requestKnowledge(t, text, question);
  if (question && answerOwnFacts(t, text)) return;
  say(t, t.config.fallback, 'fallback');
}

const IMPLYING_KINDS = new Set(['date', 'time', 'enum', 'phone']);

/** The field scenario the utterance gives the most dates, times, phones or enum options for. */
function impliedScenario(t: Turn, text: string): Scenario | null {
  let best: Scenario | null = null;
  let bestCount = 0;
  for (const scenario of t.config.scenarios) {
    if (!collectsFields(scenario)) continue;
    const kinds = new Map(scenario.collect_fields.map((f) => [f.name, fieldKind(f)]));
    const hits = extract(t, scenario, text, { pending: null, textCandidate: null, cut: [] });
    const count = hits.filter((h) => IMPLYING_KINDS.has(kinds.get(h.field) ?? 'text')).length;
    if (count > bestCount) [best, bestCount] = [scenario, count];
  }
  return best;
}
