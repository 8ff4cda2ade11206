import { nearestAlternatives, type AvailabilityAnswer, type AvailabilityQuery, type BookingOp, type BookingOpResult } from '../../../core/booking/index.ts';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import { midSentence } from '../../../core/text/mid-sentence.ts';
import type { DialogState } from '../../../core/engine/index.ts';
import type { BookingClient } from './client.ts';

const keyOf = (q: AvailabilityQuery) => [q.service, q.date, q.time ?? '', q.staff ?? ''].join('|');

/**
 * One call's booking access: availability prefetched the moment the service and the date are known and cached for
 * the call (a day's answer serves every time asked on it), bookings keyed by the call id so a retry never books twice.
 */
export class CallBooking {
  readonly #cache = new Map<string, Promise<AvailabilityAnswer | null>>();
  constructor(
    private readonly client: BookingClient,
    private readonly botId: string,
    private readonly callId: string,
    private readonly config: BotConfig,
  ) {}

  /** Starts the lookup for the service and date the state holds (no-op when unknown or already asked). */
  prefetch(state: Readonly<DialogState>): void {
    const b = this.config.booking;
    if (!b) return;
    const service = state.fields[b.fields.service];
    const date = state.fields[b.fields.date];
    if (service === undefined || date === undefined) return;
    void this.#day({ service: String(service), date: String(date), staff: state.booking?.staff ?? null });
  }

  #day(q: AvailabilityQuery): Promise<AvailabilityAnswer | null> {
    const key = keyOf({ ...q, time: null });
    let hit = this.#cache.get(key);
    if (!hit) {
      hit = this.client.availability(this.botId, { ...q, time: null });
      this.#cache.set(key, hit);
      // A failed lookup is not remembered: the next turn asks again. The engine then stores the service as the
      // booking system names it, so the day's answer also serves that name.
      void hit.then((a) => {
        if (a === null) return this.#cache.delete(key);
        if (a.status === 'ok' && a.service) this.#cache.set(keyOf({ ...q, service: midSentence(a.service), time: null }), hit!);
        return undefined;
      });
    }
    return hit;
  }

  /** Free slots for the query, answered from the day's cached lookup (the asked time and its alternatives computed here). */
  async availability(q: AvailabilityQuery): Promise<AvailabilityAnswer | null> {
    const day = await this.#day(q);
    if (!day || day.status !== 'ok' || !q.time) return day;
    const requested = day.free.find((s) => s.time === q.time) ?? null;
    // Free in the day's lookup: answered here (the final booking is checked atomically by the Worker anyway).
    if (requested) return { ...day, requested, alternatives: [] };
    // Not in it (taken, or past a capped list): the Worker answers the exact time with its nearest alternatives.
    return (await this.client.availability(this.botId, q)) ?? { ...day, requested: null, alternatives: nearestAlternatives(day.free, q.time, this.config.booking?.offer_count ?? 2) };
  }

  /** Runs a booking operation; the engine's key (`booking:1`) gets the call id in front. Slots changed: cache dropped. */
  async execute(op: BookingOp): Promise<BookingOpResult | null> {
    const keyed = 'idempotencyKey' in op ? { ...op, idempotencyKey: `${this.callId}:${op.idempotencyKey}` } : op;
    const result = await this.client.execute(this.botId, keyed, this.callId);
    if (op.op !== 'find') this.#cache.clear();
    return result;
  }
}
