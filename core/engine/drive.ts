import type { AvailabilityAnswer, AvailabilityQuery, BookingOp, BookingOpResult } from '../booking/index.ts';
import type { BotConfig } from '../config/bot-config.ts';
import { dialogTurn } from './dialog.ts';
import type { DialogContext, DialogInput, DialogState } from './types.ts';

/**
 * What a host answers the engine's requests with. A missing service, a throw or null is "no answer": the engine
 * goes on without it (no knowledge → a fallback; no booking system → nothing booked, a callback request).
 */
export interface TurnServices {
  knowledge?(query: string): Promise<string | null>;
  availability?(query: AvailabilityQuery): Promise<AvailabilityAnswer | null>;
  booking?(op: BookingOp): Promise<BookingOpResult | null>;
}

/** One caller turn carried out: the state after it, what the bot said (one reply), and a transfer if any. */
export interface DrivenTurn {
  state: DialogState;
  /** Everything the bot said in answer to the input, in order, as one reply ('' when it said nothing). */
  reply: string;
  transferTo: string | null;
}

/** A turn never chains more request round-trips than this (knowledge, check → offer → check, book). */
const MAX_ROUND_TRIPS = 6;

const orNull = async <T>(run: (() => Promise<T | null>) | undefined): Promise<T | null> => {
  try {
    return run ? await run() : null;
  } catch {
    return null;
  }
};

/**
 * Runs one input through the engine and answers its knowledge and booking requests with `services` until the
 * engine needs nothing more — what a text host (the panel chat, config tests) does for a turn.
 * @example const t = await driveTurn(config, state, { type: 'speech', text: 'хочу на маникюр' }, { now }, {});
 */
export async function driveTurn(config: BotConfig, state: DialogState, input: DialogInput, ctx: DialogContext, services: TurnServices): Promise<DrivenTurn> {
  const said: string[] = [];
  let transferTo: string | null = null;
  let next: DialogInput | null = input;
  for (let round = 0; next && round <= MAX_ROUND_TRIPS; round++) {
    const step = dialogTurn(config, state, next, ctx);
    state = step.state;
    next = null;
    for (const a of step.actions) {
      if (a.type === 'say') said.push(a.text);
      else if (a.type === 'transfer') transferTo = a.to;
      else if (a.type === 'knowledge_request') next = { type: 'knowledge_result', answer: await orNull(services.knowledge && (() => services.knowledge!(a.query))) };
      else if (a.type === 'availability_request') next = { type: 'availability_result', answer: await orNull(services.availability && (() => services.availability!(a.query))) };
      else if (a.type === 'booking_request') next = { type: 'booking_result', result: await orNull(services.booking && (() => services.booking!(a.op))) };
    }
  }
  return { state, reply: said.join(' '), transferTo };
}
