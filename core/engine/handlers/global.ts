import { askedBusiness, asksForTitle, detectGlobalIntent, detectYesNo } from '../../parse/index.ts';
import { scoreKeywords, stemWord, tokenize } from '../../text/index.ts';
import { askNextOrConfirm } from './collect.ts';
import { declineScenario } from './complete.ts';
import { canTransfer, startCallback, startHandoff } from './handoff.ts';
import { activeScenario, ask, endCall, pendingQuestion, say, type Turn } from './turn.ts';

export const WRONG_NUMBER = 'wrong_number';

const IN_SCENARIO = new Set(['collecting', 'confirming', 'changing']);

/**
 * What a caller may say at any step, before the step's own handling: the answer to an offer of a person, a request
 * for a person, a wrong number, "повторите", "давайте сначала", "отмена". Returns true when the turn was handled.
 */
export function handleGlobal(t: Turn, text: string): boolean {
  const s = t.state;
  if (s.offer === 'handoff') {
    s.offer = null;
    const yesNo = detectYesNo(text);
    const intent = detectGlobalIntent(text);
    if (yesNo === 'yes' && intent === null) {
      if (canTransfer(t)) startHandoff(t);
      else startCallback(t, false);
      return true;
    }
    if (yesNo === 'no' && intent === null && text.trim().split(/\s+/).length <= 3) {
      s.fallbacks = 0;
      say(t, t.pack.phrases.handoffDeclined(pendingQuestion(t)));
      return true;
    }
  }
  if (asksConfigPerson(t, text)) {
    startHandoff(t);
    return true;
  }
  switch (detectGlobalIntent(text)) {
    case 'person':
      startHandoff(t);
      return true;
    case 'wrong_number':
      return wrongNumber(t, text);
    case 'repeat':
      say(t, s.lastReply ?? pendingQuestion(t));
      return true;
    case 'restart':
      return restart(t);
    case 'cancel':
      return cancel(t);
    default:
      return false;
  }
}

/** "я не туда попал": which business this is and goodbye; "это стоматология?" asked of one: yes, it is. */
function wrongNumber(t: Turn, text: string): boolean {
  return placeAsked(t, askedBusiness(text), true);
}

/**
 * The caller named the business they think they called: this one ("это стоматология?" asked of the clinic) is
 * confirmed; another one is a wrong number, answered with which business this is and goodbye. `sure`: the caller
 * said it was a wrong number; otherwise an unknown place that shares no word with this business is one.
 */
export function placeAsked(t: Turn, asked: string | null, sure: boolean): boolean {
  const name = t.config.company?.name ?? null;
  if (asked) {
    // Not sure (no "не туда попал"): a place that shares a word with what this bot offers is no other business.
    if (!sure && sharesOwnWords(t, asked)) return false;
    const identity = [t.config.company?.name, t.config.company?.description, t.config.greeting].join(' ');
    const stems = new Set(tokenize(identity).map(stemWord));
    if (tokenize(asked).some((w) => stems.has(stemWord(w)))) {
      say(t, t.pack.phrases.thisIsUs(name ?? t.config.greeting.replace(/^[^.!]*[.!]\s*/, '').split(/[.!]/)[0]!.trim()));
      t.state.lastQuestion = t.pack.phrases.howCanIHelp;
      return true;
    }
  } else if (!sure) return false;
  t.state.outcome ??= WRONG_NUMBER;
  endCall(t, t.pack.phrases.wrongNumber(name), 'bot');
  return true;
}

/** Whether a phrase shares a stem with the config's scenarios: their names, trigger keywords and field options. */
function sharesOwnWords(t: Turn, phrase: string): boolean {
  const own = t.config.scenarios.flatMap((sc) => [
    sc.name,
    ...sc.trigger_keywords,
    ...sc.collect_fields.flatMap((f) => (f.options ?? []).flatMap((o) => (typeof o === 'string' ? [o] : [o.value, ...o.synonyms]))),
  ]);
  const stems = new Set(tokenize(own.join(' ')).map(stemWord));
  // The head of the phrase only: "ателье по ремонту обуви" is an atelier, whatever it repairs.
  const head = phrase.split(/\s(?:по|для|на|в|во|с|со|у|от|при)\s/)[0]!;
  return tokenize(head).some((w) => w.length > 2 && stems.has(stemWord(w)));
}

/** The config's own words for a person: its emergency `handoff.keywords` ("потоп") or its `handoff.title` asked for. */
function asksConfigPerson(t: Turn, text: string): boolean {
  const handoff = t.config.handoff;
  if (!handoff) return false;
  if (handoff.keywords?.length && scoreKeywords(text, handoff.keywords).score > 0) return true;
  return handoff.title !== undefined && asksForTitle(text, handoff.title);
}

/** "давайте сначала": the active scenario's values are dropped and its first question asked again. */
function restart(t: Turn): boolean {
  const s = t.state;
  const scenario = activeScenario(t);
  if (!scenario || !IN_SCENARIO.has(s.phase)) return false;
  for (const f of scenario.collect_fields) delete s.fields[f.name];
  s.skipped = [];
  s.pending = null;
  s.phoneDigits = '';
  say(t, t.pack.phrases.restart);
  askNextOrConfirm(t, scenario);
  return true;
}

/** "отмена", "я передумала": the scenario in progress (or just completed) is dropped. */
function cancel(t: Turn): boolean {
  const s = t.state;
  const scenario = activeScenario(t);
  if (!scenario) return false;
  if (IN_SCENARIO.has(s.phase)) {
    declineScenario(t, scenario);
    return true;
  }
  if (s.phase === 'wrapping_up' && s.outcome !== null && s.outcome === scenario.on_complete) {
    s.outcome = null;
    s.phase = 'collecting';
    declineScenario(t, scenario);
    return true;
  }
  if (s.phase === 'open') {
    ask(t, t.pack.phrases.howCanIHelp);
    return true;
  }
  return false;
}
