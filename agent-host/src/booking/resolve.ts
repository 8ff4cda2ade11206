import type { DialogAction, DialogInput, DialogStep } from '../../../core/engine/index.ts';
import type { CallBooking } from './call-booking.ts';

/** A turn never chains more booking round-trips than this (check → offer → check is two). */
const MAX_ROUND_TRIPS = 4;

/**
 * Carries out the engine's booking requests of a step (availability, book, find, cancel, move) and feeds the answers
 * back as inputs, like knowledge results; what the engine said before a request opens the final reply.
 * Without a booking client every request is answered with null (the engine then goes on as a plain request).
 */
export async function resolveBookingRequests(step: DialogStep, turn: (input: DialogInput) => DialogStep, booking: CallBooking | null): Promise<DialogStep> {
  const said: string[] = [];
  for (let i = 0; i < MAX_ROUND_TRIPS; i++) {
    const req = step.actions.find((a) => a.type === 'availability_request' || a.type === 'booking_request');
    if (!req) break;
    for (const a of step.actions) if (a.type === 'say') said.push(a.text);
    const input: DialogInput =
      req.type === 'availability_request'
        ? { type: 'availability_result', answer: booking ? await booking.availability(req.query) : null }
        : { type: 'booking_result', result: booking && req.type === 'booking_request' ? await booking.execute(req.op) : null };
    step = turn(input);
  }
  if (!said.length) return step;
  const say = step.actions.find((a) => a.type === 'say');
  const text = [...said, ...(say?.type === 'say' ? [say.text] : [])].join(' ');
  const merged: DialogAction = { type: 'say', text, source: say?.type === 'say' ? say.source : 'scripted' };
  return { state: step.state, actions: [merged, ...step.actions.filter((a) => a.type !== 'say')] };
}
