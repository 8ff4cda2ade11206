import { endCall, pendingQuestion, say, type Turn } from './turn.ts';

/** The caller stayed silent past the timeout: check the line and repeat the question once, then say goodbye. */
export function handleSilence(t: Turn): void {
  const s = t.state;
  s.knowledge = null;
  s.silences += 1;
  if (s.silences >= 2) return endCall(t, t.pack.phrases.silenceGoodbye, 'silence');
  say(t, t.pack.phrases.areYouThere(pendingQuestion(t)));
}
