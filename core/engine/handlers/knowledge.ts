import { answerFromConfig } from '../config-facts.ts';
import { canTransfer } from './handoff.ts';
import { ask, say, type Turn } from './turn.ts';

/**
 * Answers from the config's own facts (hours, address, listed prices) when it has them; else asks the host for a
 * knowledge-base answer, which comes back as a `knowledge_result` input.
 */
export function requestKnowledge(t: Turn, query: string, questionLike: boolean): void {
  t.state.knowledge = { query, questionLike };
  const own = answerFromConfig(t, query);
  if (own) return handleKnowledgeResult(t, own);
  t.out.knowledgeQuery = query;
}

/** A question the config answers by itself, for bots without a knowledge base; false when it does not. */
export function answerOwnFacts(t: Turn, query: string): boolean {
  const own = answerFromConfig(t, query);
  if (!own) return false;
  t.state.knowledge = { query, questionLike: true };
  handleKnowledgeResult(t, own);
  return true;
}

/**
 * The host's knowledge answer. With an answer: say it, then return to the pending question if a scenario
 * is in progress, else ask whether anything else is needed. Without: for a clear question, "no information" and
 * an offer of a person (or a callback); for anything else the config's fallback phrase; mid-scenario, a short
 * apology and the question.
 */
export function handleKnowledgeResult(t: Turn, answer: string | null): void {
  const s = t.state;
  const request = s.knowledge;
  if (!request) return;
  s.knowledge = null;
  const inScenario = s.phase === 'collecting' || s.phase === 'confirming' || s.phase === 'changing';
  const resume = inScenario ? s.lastQuestion : null;
  const text = answer?.trim();
  if (text) {
    say(t, text, 'knowledge');
    if (resume) return say(t, t.pack.phrases.backToQuestion(resume));
    s.phase = 'wrapping_up';
    return ask(t, t.pack.phrases.anythingElse);
  }
  const { phrases } = t.pack;
  if (!resume && request.questionLike) {
    // The question was heard; the documents just do not answer it: never "не поняла" here.
    s.offer = 'handoff';
    return say(t, phrases.noInformation(phrases.personOffer(canTransfer(t), t.config.handoff?.title)), 'fallback');
  }
  if (!resume) return say(t, t.config.fallback, 'fallback');
  say(t, request.questionLike ? phrases.noInformation(resume) : phrases.notUnderstood(resume), 'fallback');
}
