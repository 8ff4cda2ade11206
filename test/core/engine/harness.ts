import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EndedBy, ReplySource } from '../../../core/call-result.ts';
import { parseBotConfigText, type BotConfig } from '../../../core/config/index.ts';
import {
  createDialog,
  dialogTurn,
  type DialogAction,
  type DialogInput,
  type DialogState,
  type FieldValue,
} from '../../../core/engine/index.ts';

/** Wednesday, 25 November 2026, 10:00 Moscow time. */
export const NOW = new Date('2026-11-25T10:00:00+03:00');

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A scenario config from scenarios/, with optional overrides. */
export function loadConfig(name: 'salon-bot-1' | 'dental-clinic' | 'car-service', patch: Partial<BotConfig> = {}): BotConfig {
  const parsed = parseBotConfigText(readFileSync(`${root}scenarios/${name}.yaml`, 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  return { ...parsed.config, ...patch };
}

/** A config of a business the engine was not tuned on (scenarios/unseen/), with optional overrides. */
export function loadUnseenConfig(name: string, patch: Partial<BotConfig> = {}): BotConfig {
  const parsed = parseBotConfigText(readFileSync(`${root}scenarios/unseen/${name}.yaml`, 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  return { ...parsed.config, ...patch };
}

/** Knowledge answers by the question's lower-cased text fragment; unknown questions get null. */
export type FakeKnowledge = Record<string, string | null>;

export interface DialogueRun {
  outcome: string | null;
  fields: Record<string, FieldValue>;
  endedBy: EndedBy | null;
  /** Bot replies in order, the greeting first. */
  replies: string[];
  sources: ReplySource[];
  knowledgeQueries: string[];
  transcript: string;
  state: DialogState;
  /** Every action of every turn, in order. */
  actions: DialogAction[];
}

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

/**
 * Plays caller lines through the public engine API: `<silence>` is a silence, knowledge requests are
 * answered from `knowledge`. The state goes through JSON and is frozen between turns, proving it is
 * plain data and never mutated in place.
 */
export function runDialogue(
  config: BotConfig,
  lines: readonly string[],
  knowledge: FakeKnowledge = {},
  opts: { caller?: string; now?: Date } = {},
): DialogueRun {
  const now = opts.now ?? NOW;
  let state = createDialog(config, opts.caller ? { callerNumber: opts.caller } : {});
  const actions: DialogAction[] = [];
  const replies: string[] = [];
  const sources: ReplySource[] = [];
  const knowledgeQueries: string[] = [];
  const log: string[] = [];
  const play = (input: DialogInput): void => {
    const step = dialogTurn(config, deepFreeze(JSON.parse(JSON.stringify(state)) as DialogState), input, { now });
    state = step.state;
    actions.push(...step.actions);
    for (const action of step.actions) {
      if (action.type === 'say') {
        replies.push(action.text);
        sources.push(action.source);
        log.push(`Бот: ${action.text}`);
      } else if (action.type === 'knowledge_request') {
        knowledgeQueries.push(action.query);
        const q = action.query.toLowerCase();
        const key = Object.keys(knowledge).find((k) => q.includes(k.toLowerCase()));
        play({ type: 'knowledge_result', answer: key === undefined ? null : (knowledge[key] ?? null) });
      }
    }
  };
  play({ type: 'start' });
  for (const line of lines) {
    if (state.phase === 'ended') break;
    log.push(`Клиент: ${line}`);
    play(line === '<silence>' ? { type: 'silence' } : { type: 'speech', text: line });
  }
  return {
    outcome: state.outcome,
    fields: state.fields,
    endedBy: state.endedBy,
    replies,
    sources,
    knowledgeQueries,
    transcript: log.join('\n'),
    state,
    actions,
  };
}
