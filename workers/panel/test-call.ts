// A test call from the panel: the bot's scenario engine driven by typed lines, with its knowledge and booking requests
// carried out for real (the bot's calendar), and the finished conversation stored as a `web` call like a phone call.
import type { AvailabilityAnswer, AvailabilityQuery, BookingOp, BookingOpResult } from '../../core/booking/index.ts';
import type { BotConfig } from '../../core/config/index.ts';
import type { CallResult, Turn } from '../../core/call-result.ts';
import { dialogTurn, type DialogInput, type DialogState } from '../../core/engine/index.ts';
import { extractiveAnswer } from '../../core/knowledge/answer.ts';
import { businessNow, providerFor } from '../booking/select.ts';
import type { Env } from '../env.ts';
import { KnowledgeService } from '../knowledge/service.ts';
import type { BotRow } from '../api/tenancy.ts';

/** What the signed token of a test call carries besides the dialog state. */
export interface TestCallMeta {
  callId: string;
  startedAt: string;
  turns: Turn[];
}

/** Knowledge and booking round trips one line may take (ask → offer → ask again …). */
const MAX_ROUND_TRIPS = 6;

export class TestCallRun {
  readonly said: { role: 'bot' | 'caller'; text: string }[] = [];

  constructor(
    private readonly env: Env,
    private readonly bot: BotRow,
    private readonly config: BotConfig,
    private readonly meta: TestCallMeta,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async say(state: DialogState, text: string): Promise<DialogState> {
    if (state.phase === 'ended') return state;
    this.#record('caller', text);
    return this.turn(state, text.trim() === '<silence>' ? { type: 'silence' } : { type: 'speech', text });
  }

  async turn(state: DialogState, input: DialogInput): Promise<DialogState> {
    let step = dialogTurn(this.config, state, input, { now: this.now() });
    for (let i = 0; i <= MAX_ROUND_TRIPS; i++) {
      let next: DialogInput | null = null;
      for (const action of step.actions) {
        if (action.type === 'say') this.#record('bot', action.text, action.source);
        if (action.type === 'knowledge_request') next = { type: 'knowledge_result', answer: await this.#answer(action.query) };
        if (action.type === 'availability_request') next = { type: 'availability_result', answer: await this.#availability(action.query) };
        if (action.type === 'booking_request') next = { type: 'booking_result', result: await this.#book(action.op) };
      }
      if (!next || i === MAX_ROUND_TRIPS) break;
      step = dialogTurn(this.config, step.state, next, { now: this.now() });
    }
    return step.state;
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

  #record(role: 'bot' | 'caller', text: string, source?: Turn['source']): void {
    this.said.push({ role, text });
    this.meta.turns.push({ role, text, at: this.now().toISOString(), ...(source ? { source } : {}) });
  }

  async #answer(question: string): Promise<string | null> {
    const hits = await new KnowledgeService(this.env).search(this.bot.id, question, 3).catch(() => []);
    return extractiveAnswer(question, hits.map((h) => h.text));
  }

  async #availability(q: AvailabilityQuery): Promise<AvailabilityAnswer | null> {
    try {
      return await providerFor(this.env, this.bot).availability(q, businessNow(this.bot));
    } catch {
      return null; // the engine answers as on a call whose booking system is down
    }
  }

  async #book(op: BookingOp): Promise<BookingOpResult | null> {
    try {
      const provider = providerFor(this.env, this.bot);
      const now = businessNow(this.bot);
      switch (op.op) {
        case 'create':
          return await provider.create({ ...op, idempotencyKey: `${this.meta.callId}:${op.idempotencyKey}` }, now, { callId: this.meta.callId });
        case 'find':
          return { status: 'found', bookings: await provider.findByPhone(op.phone, now) };
        case 'cancel':
          return await provider.cancel(op.bookingId);
        case 'move':
          return await provider.move({ ...op, idempotencyKey: `${this.meta.callId}:${op.idempotencyKey}` }, now);
      }
    } catch {
      return null;
    }
  }
}
