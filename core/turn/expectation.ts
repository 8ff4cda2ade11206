import type { BotConfig, EnumOption } from '../config/bot-config.ts';
import { fieldKind, type FieldKind } from '../engine/field-kind.ts';
import type { DialogState } from '../engine/types.ts';

/**
 * What the bot is waiting to hear, as far as end-of-turn is concerned:
 * a yes/no to a read-back, a value of one field, or anything (an open question).
 */
export type TurnExpectation =
  | { kind: 'open' }
  | { kind: 'confirm' }
  | { kind: 'field'; field: FieldKind; options?: readonly EnumOption[] };

/**
 * The expectation for the caller's next turn on the engine's current state.
 * @example expectationOf(config, { ...state, phase: 'collecting', scenario: 'booking', pending: 'phone' }) // { kind: 'field', field: 'phone' }
 */
export function expectationOf(config: BotConfig, state: Pick<DialogState, 'phase' | 'scenario' | 'pending'>): TurnExpectation {
  if (state.phase === 'confirming') return { kind: 'confirm' };
  if (state.phase !== 'collecting' || !state.pending) return { kind: 'open' };
  const scenario = config.scenarios.find((s) => s.name === state.scenario);
  const field = scenario?.collect_fields.find((f) => f.name === state.pending);
  if (!field) return { kind: 'open' };
  const kind = fieldKind(field);
  return kind === 'enum' && field.options ? { kind: 'field', field: kind, options: field.options } : { kind: 'field', field: kind };
}
