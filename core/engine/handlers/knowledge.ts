import { canTransfer } from './handoff.ts';
import { ask, say, type Turn } from './turn.ts';

/** Asks the host for a knowledge-base answer; the reply comes as a `knowledge_result` input. */
export function requestKnowledge(t: Turn, query: string, questionLike: boolean): void {
  t.state.knowledge = { query, questionLike };
  t.out.knowledgeQuery = query;
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
    return say(t, phrases.noInformation(phrases.personOffer(canTransfer(t))), 'fallback');
  }
  if (!resume) return say(t, t.config.fallback, 'fallback');
  say(t, request.questionLike ? phrases.noInformation(resume) : phrases.notUnderstood(resume), 'fallback');
}
