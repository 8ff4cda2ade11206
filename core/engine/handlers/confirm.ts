import type { CollectField, Scenario } from '../../config/bot-config.ts';
import { detectYesNo, dictatedDigits } from '../../parse/index.ts';
import { lowerSameLength, stemWord, tokenize } from '../../text/index.ts';
import { fieldKind } from '../field-kind.ts';
import { knowledgeEnabled, looksLikeQuestion, matchScenarios, triggerSpans } from '../intent.ts';
import { formatValueForSpeech } from '../speech-format.ts';
import { applyHits, askNextOrConfirm, extract } from './collect.ts';
import { completeScenario, declineScenario } from './complete.ts';
import { requestKnowledge } from './knowledge.ts';
import { activeScenario, ask, endCall, say, type Turn } from './turn.ts';

/** "не X, а Y" or a bare "нет, Y": only then may a free-text value change during confirmation. */
const CORRECTION = /(^|[\s,])не\s[^]*?[\s,]а\s/iu;
const BARE_NO = /^\s*нет[\s,.!:;—-]+(\S[^]*)$/u;
const MAX_BARE_WORDS = 4;

/** "Давайте проверим: маникюр, в пятницу, 27 ноября, в 11:00, телефон +7 916 123-45-67. Всё верно?" */
export function readBack(t: Turn, scenario: Scenario): string {
  const parts: string[] = [];
  for (const f of scenario.collect_fields) {
    const value = t.state.fields[f.name];
    if (value === undefined) continue;
    parts.push(formatValueForSpeech(value, fieldKind(f), f.name, t.today(), t.pack, f));
  }
  return t.pack.phrases.readBack(parts);
}

/** One recognised value as the bot says it back. */
export function spokenValue(t: Turn, scenario: Scenario, hit: { field: string; value: string | number }): string {
  const f = scenario.collect_fields.find((x) => x.name === hit.field);
  return f ? formatValueForSpeech(hit.value, fieldKind(f), f.name, t.today(), t.pack, f) : String(hit.value);
}

/**
 * Answer to the read-back: "да" completes; new values ("нет, не в три, а в четыре", "перенесите на пятницу",
 * "нет, педикюр") replace old ones and are read back again; a bare "нет" asks what to change, "нет, время другое"
 * asks for that field again; a refusal ("не хочу записываться") drops the scenario.
 */
export function handleConfirming(t: Turn, text: string, bye: boolean): void {
  const scenario = activeScenario(t);
  if (!scenario) return;
  const yesNo = detectYesNo(text);
  const own = triggerSpans(scenario, text);
  const single = singleTextField(scenario);
  const correction = single && (CORRECTION.test(text) || isBareCorrection(t, scenario, text)) ? single.name : null;
  const hits = extract(t, scenario, text, { pending: null, textCandidate: correction, cut: [...own.spans, ...own.negated] });
  if (hits.length) {
    applyHits(t, hits);
    return askNextOrConfirm(t, scenario);
  }
  if (own.score === 0 && own.negated.length > 0) return declineScenario(t, scenario);
  if (yesNo === 'yes') return completeScenario(t, scenario, bye);
  if (bye) return endCall(t, t.pack.phrases.callerGoodbye, 'caller');
  if (yesNo === 'no') return askToChange(t, scenario, text);
  if (looksLikeQuestion(text, t.pack) || matchScenarios(t.config, text, (s) => s.use_knowledge_base).length) {
    if (knowledgeEnabled(t.config, scenario)) return requestKnowledge(t, text, true);
  }
  say(t, t.pack.phrases.notUnderstood(t.state.lastQuestion ?? readBack(t, scenario)), 'fallback');
}

/** Answer to "Что нужно исправить?": a new value, or the name of a field to ask again. */
export function handleChanging(t: Turn, text: string): void {
  const scenario = activeScenario(t);
  if (!scenario) return;
  const own = triggerSpans(scenario, text);
  const hits = extract(t, scenario, text, { pending: null, textCandidate: null, cut: own.spans });
  if (hits.length) {
    applyHits(t, hits);
    return askNextOrConfirm(t, scenario);
  }
  if (detectYesNo(text) === 'yes' && !namedField(t, scenario, text)) return completeScenario(t, scenario, false);
  if (askNamedField(t, scenario, text)) return;
  const single = singleTextField(scenario);
  if (single) {
    const free = extract(t, scenario, text, { pending: single.name, textCandidate: null, cut: own.spans });
    if (free.length) {
      applyHits(t, free);
      return askNextOrConfirm(t, scenario);
    }
  }
  t.state.phase = 'changing';
  say(t, t.pack.phrases.notUnderstood(t.pack.phrases.askWhatToChange), 'fallback');
}

function askToChange(t: Turn, scenario: Scenario, text: string): void {
  if (askNamedField(t, scenario, text)) return;
  t.state.phase = 'changing';
  t.state.pending = null;
  ask(t, t.pack.phrases.askWhatToChange);
}

/** "время неправильное" → forgets the time and asks for it again. */
function askNamedField(t: Turn, scenario: Scenario, text: string): boolean {
  const field = namedField(t, scenario, text);
  if (!field) return false;
  delete t.state.fields[field.name];
  // "телефон другой восемь девятьсот три": the start of the new number is kept for the next turn.
  const digits = fieldKind(field) === 'phone' ? trailingDigits(text) : null;
  if (digits && /^[789]/.test(digits) && digits.length < 11) {
    t.state.phase = 'collecting';
    t.state.pending = field.name;
    t.state.phoneDigits = digits;
    t.state.lastQuestion = field.prompt;
    say(t, t.pack.phrases.phoneGoOn);
    return true;
  }
  askNextOrConfirm(t, scenario);
  return true;
}

/** The digits dictated at the end of an utterance ("нет телефон другой восемь девятьсот три" → "8903"). */
function trailingDigits(text: string): string | null {
  const words = text.trim().split(/\s+/);
  let best: string | null = null;
  for (let i = words.length - 1; i >= 0; i--) {
    const d = dictatedDigits(words.slice(i).join(' '));
    if (d === null) break;
    best = d;
  }
  return best;
}

/** The field the caller names ("дату", "номер телефона", "услугу"), by its type's or its own words. */
function namedField(t: Turn, scenario: Scenario, text: string): CollectField | null {
  const stems = new Set(tokenize(text).map(stemWord));
  const names = t.pack.understanding.fieldNames;
  for (const f of scenario.collect_fields) {
    const words = [...(names[f.name] ?? []), ...(names[fieldKind(f)] ?? [])];
    if (words.some((w) => stems.has(stemWord(w)))) return f;
  }
  return null;
}

/**
 * "нет, педикюр": a short new value right after "нет", with no field named ("нет, время другое"), no yes/no
 * ("нет, не так") and no word that cannot be a value ("нет, подождите").
 */
function isBareCorrection(t: Turn, scenario: Scenario, text: string): boolean {
  const rest = BARE_NO.exec(lowerSameLength(text))?.[1];
  if (!rest || detectYesNo(rest) !== null || namedField(t, scenario, rest)) return false;
  const words = tokenize(rest);
  const { notValues } = t.pack.understanding;
  return words.length > 0 && words.length <= MAX_BARE_WORDS && !words.some((w) => w === 'не' || notValues.has(w));
}

function singleTextField(scenario: Scenario): CollectField | null {
  const texts = scenario.collect_fields.filter((f) => fieldKind(f) === 'text');
  return texts.length === 1 ? (texts[0] ?? null) : null;
}
