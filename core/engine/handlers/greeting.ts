import { activeScenario, say, type Turn } from './turn.ts';
import { askNextOrConfirm } from './collect.ts';
import { greetingWithNotice } from '../notices.ts';

/**
 * Start of the call: the config's greeting, said once. A dialog created for one scenario
 * (an outbound call) follows it with that scenario's first question.
 */
export function handleStart(t: Turn): void {
  if (t.state.phase !== 'idle') return;
  t.state.phase = 'open';
  say(t, greetingWithNotice(t.config));
  const scenario = activeScenario(t);
  if (scenario?.collect_fields.length) {
    t.state.phase = 'collecting';
    askNextOrConfirm(t, scenario);
  }
}
