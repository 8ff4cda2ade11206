import { isGoodbye } from '../../parse/index.ts';
import { handleCollecting } from './collect.ts';
import { handleChanging, handleConfirming } from './confirm.ts';
import { handleWrappingUp } from './complete.ts';
import { handleGlobal } from './global.ts';
import { handleBookingSpeech } from './booking-turns.ts';
import { handleOpen } from './open.ts';
import { endCall, type Turn } from './turn.ts';

/**
 * A caller utterance: counted against `max_turns` (the bot answers at most that many, then says goodbye),
 * a goodbye ends the call, anything else goes to the handler of the current phase.
 */
export function handleSpeech(t: Turn, text: string): void {
  const s = t.state;
  s.knowledge = null;
  s.silences = 0;
  s.callerTurns += 1;
  if (s.callerTurns > t.config.max_turns) return endCall(t, t.pack.phrases.maxTurnsGoodbye, 'max_turns');
  if (handleBookingSpeech(t, text)) return;
  if (handleGlobal(t, text)) return;
  const bye = isGoodbye(text);
  switch (s.phase) {
    case 'confirming':
      return handleConfirming(t, text, bye);
    case 'wrapping_up':
      return handleWrappingUp(t, text, bye);
    default:
      break;
  }
  if (bye) return endCall(t, t.pack.phrases.callerGoodbye, 'caller');
  if (s.phase === 'collecting') return handleCollecting(t, text);
  if (s.phase === 'changing') return handleChanging(t, text);
  handleOpen(t, text);
}
