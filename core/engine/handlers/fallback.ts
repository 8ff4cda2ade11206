import { canTransfer } from './handoff.ts';
import { endCall, type Turn } from './turn.ts';

export const NO_INTENT = 'no_intent';

/**
 * Counts replies in a row that understood nothing (source `fallback`): the second is replaced by an offer of a
 * person (or a callback), the third ends the call politely with outcome `no_intent` (unless one is already set).
 * Runs after a caller's turn and after a knowledge answer; a turn still waiting for knowledge counts nothing yet.
 */
export function escalateFallbacks(t: Turn): void {
  const { out, state: s } = t;
  if (out.end || out.knowledgeQuery !== null || s.phase === 'ended') return;
  const fallback = out.says.some((x) => x.source === 'fallback');
  if (!fallback) {
    s.fallbacks = 0;
    return;
  }
  s.fallbacks = (s.fallbacks ?? 0) + 1;
  if (s.fallbacks === 2) {
    out.says = [{ text: t.pack.phrases.offerHandoff(canTransfer(t), t.config.handoff?.title), source: 'fallback' }];
    s.offer = 'handoff';
  } else if (s.fallbacks >= 3) {
    out.says = [];
    s.outcome ??= NO_INTENT;
    endCall(t, t.pack.phrases.noIntentGoodbye, 'bot');
  }
}
