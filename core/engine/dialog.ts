import type { BotConfig } from '../config/bot-config.ts';
import { localDate } from './calendar.ts';
import { handleStart } from './handlers/greeting.ts';
import { escalateFallbacks } from './handlers/fallback.ts';
import { handleKnowledgeResult } from './handlers/knowledge.ts';
import { handleAvailabilityInput, handleBookingInput } from './handlers/booking-turns.ts';
import { handleTransferFailed } from './handlers/handoff.ts';
import { handleSilence } from './handlers/silence.ts';
import { handleSpeech } from './handlers/speech.ts';
import type { Turn, TurnOutput } from './handlers/turn.ts';
import { languagePack } from './templates/index.ts';
import type { DialogAction, DialogContext, DialogInput, DialogOptions, DialogState, DialogStep } from './types.ts';

/**
 * A new dialog for a bot config; start it with a `{ type: 'start' }` turn (the greeting).
 * @throws Error when `opts.scenario` names no scenario with fields to collect.
 */
export function createDialog(config: BotConfig, opts: DialogOptions = {}): DialogState {
  if (opts.scenario !== undefined) {
    const scenario = config.scenarios.find((s) => s.name === opts.scenario);
    if (!scenario?.collect_fields.length) {
      throw new Error(`createDialog: scenario "${opts.scenario}" does not exist or collects no fields`);
    }
  }
  return {
    phase: 'idle',
    scenario: opts.scenario ?? null,
    pending: null,
    fields: {},
    outcome: null,
    endedBy: null,
    callerTurns: 0,
    silences: 0,
    lastQuestion: null,
    knowledge: null,
    fallbacks: 0,
    offer: null,
    caller: opts.callerNumber ?? null,
    phoneDigits: '',
    skipped: [],
    lastReply: null,
  };
}

/**
 * One turn of the dialog: a pure function of the config, the state, the input and `ctx.now`.
 * The given state is not changed; the returned one replaces it. After the call ended every input yields no actions, but for `transfer_failed` after a transfer.
 * @example
 * let state = createDialog(config);
 * ({ state } = dialogTurn(config, state, { type: 'start' }, { now }));           // greeting
 * const step = dialogTurn(config, state, { type: 'speech', text: 'Хочу записаться на маникюр' }, { now });
 * // step.actions → [{ type: 'say', text: 'На какой день?', source: 'scripted' }]
 */
export function dialogTurn(config: BotConfig, state: DialogState, input: DialogInput, ctx: DialogContext): DialogStep {
  const next: DialogState = { ...state, fields: { ...state.fields }, skipped: [...(state.skipped ?? [])] };
  // A failed transfer is the one input an ended call still takes (it reopens as a callback request).
  if (state.phase === 'ended' && input.type !== 'transfer_failed') return { state: next, actions: [] };
  const out: TurnOutput = { says: [], knowledgeQuery: null, end: null };
  let today: string | undefined;
  const turn: Turn = {
    config,
    pack: languagePack(config.language),
    parse: { now: ctx.now, timezone: config.timezone, businessHours: config.business_hours },
    today: () => (today ??= localDate(ctx.now, config.timezone)),
    state: next,
    out,
  };
  switch (input.type) {
    case 'start':
      handleStart(turn);
      break;
    case 'speech':
      handleSpeech(turn, input.text);
      escalateFallbacks(turn);
      break;
    case 'silence':
      handleSilence(turn);
      break;
    case 'knowledge_result':
      handleKnowledgeResult(turn, input.answer);
      escalateFallbacks(turn);
      break;
    case 'availability_result':
      handleAvailabilityInput(turn, input.answer);
      break;
    case 'booking_result':
      handleBookingInput(turn, input.result);
      break;
    case 'transfer_failed':
      handleTransferFailed(turn);
      break;
  }
  const actions = toActions(out);
  const said = actions.find((a) => a.type === 'say');
  // "повторите" repeats what the bot last said with meaning, not an apology for not understanding.
  if (said?.type === 'say' && (said.source !== 'fallback' || next.offer)) next.lastReply = said.text;
  return { state: next, actions };
}

function toActions(out: TurnOutput): DialogAction[] {
  if (out.knowledgeQuery !== null) return [{ type: 'knowledge_request', query: out.knowledgeQuery }];
  const actions: DialogAction[] = [];
  const first = out.says[0];
  if (first) actions.push({ type: 'say', text: out.says.map((s) => s.text).join(' '), source: first.source });
  if (out.request) return [...actions, out.request];
  if (out.transfer) actions.push({ type: 'transfer', to: out.transfer });
  if (out.end) actions.push({ type: 'end', endedBy: out.end });
  return actions;
}

/** The reply text of a step ('' when it says nothing), e.g. for logs and simple hosts. */
export function stepText(step: DialogStep): string {
  return step.actions.map((a) => (a.type === 'say' ? a.text : '')).join('');
}
