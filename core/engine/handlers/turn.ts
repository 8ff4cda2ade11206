import type { EndedBy, ReplySource } from '../../call-result.ts';
import type { BotConfig, Scenario } from '../../config/bot-config.ts';
import type { ParseContext } from '../../parse/index.ts';
import { CALLBACK_SCENARIO, callbackScenario } from '../callback-scenario.ts';
import type { LanguagePack } from '../templates/index.ts';
import type { DialogAction, DialogState } from '../types.ts';

/** What one turn produces before it becomes actions. */
export interface TurnOutput {
  says: { text: string; source: ReplySource }[];
  knowledgeQuery: string | null;
  end: EndedBy | null;
  /** Where to transfer the call (handoff), said after the last phrase and before the end. */
  transfer?: string | null;
  /** A booking-system request (availability or booking), sent after anything said this turn. */
  request?: Extract<DialogAction, { type: 'availability_request' | 'booking_request' }> | null;
}

/** Everything a handler needs for one turn; `state` is the turn's own copy and is changed in place. */
export interface Turn {
  config: BotConfig;
  pack: LanguagePack;
  parse: ParseContext;
  /** Today in the bot's timezone (`YYYY-MM-DD`), computed on first use. */
  today(): string;
  state: DialogState;
  out: TurnOutput;
  /** Re-prompts by field for this turn (a `pattern_prompt` after a refused value). */
  reprompts?: Record<string, string>;
}

/** Adds a phrase to the reply. */
export function say(t: Turn, text: string, source: ReplySource = 'scripted'): void {
  t.out.says.push({ text, source });
}

/** Asks a question and remembers it for reprompts. */
export function ask(t: Turn, question: string, source: ReplySource = 'scripted'): void {
  say(t, question, source);
  t.state.lastQuestion = question;
}

/** Says the last words and ends the call. */
export function endCall(t: Turn, text: string, endedBy: EndedBy): void {
  say(t, text);
  t.state.phase = 'ended';
  t.state.pending = null;
  t.state.endedBy = endedBy;
  t.state.knowledge = null;
  t.out.end = endedBy;
}

/** The question to repeat: the pending one, else the generic "how can I help". */
export function pendingQuestion(t: Turn): string {
  return t.state.lastQuestion ?? t.pack.phrases.howCanIHelp;
}

/** The active scenario, if any. */
export function activeScenario(t: Turn): Scenario | null {
  const name = t.state.scenario;
  if (!name) return null;
  return t.config.scenarios.find((s) => s.name === name) ?? (name === CALLBACK_SCENARIO ? callbackScenario(t.pack) : null);
}
