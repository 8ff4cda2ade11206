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

/** Trigger spans of one scenario in the text (cut from free-text values). */
export function triggerSpans(scenario: Scenario, text: string): { score: number; spans: Span[] } {
  if (!scenario.trigger_keywords.length) return { score: 0, spans: [] };
  const { score, matches } = scoreKeywords(text, scenario.trigger_keywords);
  return { score, spans: matches.map((m) => ({ start: m.start, end: m.end })) };
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
  return questionPhrases.some((p) => padded.includes(` ${p} `));
}
