// A test call from the panel: the bot's scenario engine driven by typed lines, with its knowledge and booking requests
// answered for real (the bot's calendar, as in a call), and the finished conversation stored as a `web` call.
import type { BotConfig } from '../../core/config/index.ts';
import type { CallResult, Turn } from '../../core/call-result.ts';
import { driveTurn, type DialogInput, type DialogState, type TurnServices } from '../../core/engine/index.ts';
import { extractiveAnswer } from '../../core/knowledge/answer.ts';
import { botBookingServices } from '../booking/engine-services.ts';
import type { Env } from '../env.ts';
import { KnowledgeService } from '../knowledge/service.ts';
import type { BotRow } from '../api/tenancy.ts';

/** What the signed token of a test call carries besides the dialog state. */
export interface TestCallMeta {
  callId: string;
  startedAt: string;
  turns: Turn[];
}

export class TestCallRun {
  readonly said: { role: 'bot' | 'caller'; text: string }[] = [];
  readonly #services: TurnServices;

  constructor(
    env: Env,
    private readonly bot: BotRow,
    private readonly config: BotConfig,
    private readonly meta: TestCallMeta,
    private readonly now: () => Date = () => new Date(),
  ) {
    const knowledge = new KnowledgeService(env);
    // A booking made in the call is keyed and linked by the call id: a repeated request never books twice.
    const booking = botBookingServices(env, bot, config, now(), { write: true, keyOf: (op) => `${meta.callId}:${'idempotencyKey' in op ? op.idempotencyKey : op.op}`, callId: meta.callId });
    this.#services = {
      knowledge: async (q) => extractiveAnswer(q, (await knowledge.search(bot.id, q, 3)).map((h) => h.text)),
      ...booking,
    };
  }

  say(state: DialogState, text: string): Promise<DialogState> {
    if (state.phase === 'ended') return Promise.resolve(state);
    this.#record('caller', text);
    return this.turn(state, text.trim() === '<silence>' ? { type: 'silence' } : { type: 'speech', text });
  }

  async turn(state: DialogState, input: DialogInput): Promise<DialogState> {
    const turn = await driveTurn(this.config, state, input, { now: this.now() }, this.#services);
    if (turn.reply) this.#record('bot', turn.reply);
    return turn.state;
  }

  /** The CallResult of the conversation so far (ended by the bot, or by the person hanging up). */
  result(state: DialogState): CallResult {
    return {
      call_id: this.meta.callId,
      bot_id: this.bot.id,
      started_at: this.meta.startedAt,
      ended_at: this.now().toISOString(),
      caller_number: null,
      called_number: null,
      direction: 'inbound',
      channel: 'web',
      turns: this.meta.turns,
      scenario: state.scenario,
      fields: state.fields,
      outcome: state.outcome,
      ended_by: state.phase === 'ended' ? (state.endedBy ?? 'bot') : 'caller',
      metrics: [],
    };
  }

  #record(role: 'bot' | 'caller', text: string): void {
    this.said.push({ role, text });
    this.meta.turns.push({ role, text, at: this.now().toISOString() });
  }
}
