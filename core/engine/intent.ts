import type { BotConfig, Scenario } from '../config/bot-config.ts';
import { normalizeText } from '../text/normalize.ts';
import { scoreKeywords } from '../text/keywords.ts';
import type { Span } from './remainder.ts';
import type { LanguagePack } from './templates/index.ts';

/** A scenario whose trigger keywords the caller used, with the spans of those words. */
export interface ScenarioMatch {
  scenario: Scenario;
  score: number;
  spans: Span[];
}

/** A scenario that collects fields (booking, qualification, callback) rather than only answering. */
export const collectsFields = (s: Scenario): boolean => s.collect_fields.length > 0;

/** Whether unmatched questions may go to the knowledge base. */
export function knowledgeEnabled(config: BotConfig, active: Scenario | null): boolean {
  return Boolean(active?.use_knowledge_base) || config.scenarios.some((s) => s.use_knowledge_base);
}

/** Scenarios whose triggers match, best first (config order breaks ties). */
export function matchScenarios(config: BotConfig, text: string, only?: (s: Scenario) => boolean): ScenarioMatch[] {
  const out: ScenarioMatch[] = [];
  for (const scenario of config.scenarios) {
    if (only && !only(scenario)) continue;
    if (!scenario.trigger_keywords.length) continue;
    const { score, matches } = scoreKeywords(text, scenario.trigger_keywords);
    if (score > 0) out.push({ scenario, score, spans: matches.map((m) => ({ start: m.start, end: m.end })) });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Trigger words of one scenario in a text: said (`spans`) and said negated (`negated`, "не хочу записываться"). */
export interface TriggerSpans {
  score: number;
  spans: Span[];
  negated: Span[];
}

const toSpan = (m: Span): Span => ({ start: m.start, end: m.end });

/** Trigger spans of one scenario in the text (cut from free-text values). */
export function triggerSpans(scenario: Scenario, text: string): TriggerSpans {
  if (!scenario.trigger_keywords.length) return { score: 0, spans: [], negated: [] };
  const { score, matches, negated } = scoreKeywords(text, scenario.trigger_keywords);
  return { score, spans: matches.map(toSpan), negated: negated?.map(toSpan) ?? [] };
}

/**
 * The field-collecting scenario the caller refuses ("не хочу записываться"): its triggers are said only negated.
 * `prefer` is checked first (the active scenario).
 */
export function declinedScenario(config: BotConfig, text: string, prefer: Scenario | null): Scenario | null {
  const candidates = prefer ? [prefer, ...config.scenarios.filter((s) => s !== prefer)] : config.scenarios;
  for (const scenario of candidates) {
    if (!collectsFields(scenario)) continue;
    const own = triggerSpans(scenario, text);
    if (own.score === 0 && own.negated.length > 0) return scenario;
  }
  return null;
}

/**
 * Whether an utterance asks something ("а сколько…", "где вы находитесь", "а у вас есть парковка")
 * rather than answers; a question mark alone does not count ("можно на завтра?" is an answer).
 */
export function looksLikeQuestion(text: string, pack: LanguagePack): boolean {
  const norm = normalizeText(text);
  if (!norm) return false;
  const { questionWords, questionPhrases } = pack.understanding;
  if (norm.split(' ').some((w) => questionWords.has(w))) return true;
  const padded = ` ${norm} `;
  return questionPhrases.some((p) => padded.includes(` ${p} `)) || pack.understanding.questionPatterns.some((re) => re.test(norm));
}
