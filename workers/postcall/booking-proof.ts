import { eq } from 'drizzle-orm';
import { BOOKING_ID_FIELD, CALLBACK_OUTCOME, CALLBACK_REASON_FIELD } from '../../core/engine/index.ts';
import { bookingConfigOf } from '../booking/select.ts';
import { db, schema } from '../db/client.ts';

/** Why a `booking_created` without a booking in the calendar is stored as a callback request. */
export const UNCONFIRMED_BOOKING_REASON = 'запись не подтверждена системой записи: администратору нужно перезвонить клиенту';

type Fields = Record<string, string | number>;

/**
 * A bot with `booking:` reports a booking only when its booking system holds it: the built-in calendar has a
 * confirmed appointment made by this call, or (external systems) the agent-host got the booking's id back. Anything
 * else — an older agent-host, a simulator without the booking system, a host whose booking never went through —
 * becomes a callback request with the reason, so no summary, bookings row, conversion or webhook claims it.
 * Returns the outcome and fields to store (the same objects when nothing changes).
 */
export async function provenOutcome(d1: D1Database, botId: string, callId: string, outcome: string | null, fields: Fields): Promise<{ outcome: string | null; fields: Fields }> {
  if (outcome !== 'booking_created') return { outcome, fields };
  const bot = await db(d1).select({ id: schema.bots.id, companyId: schema.bots.companyId, configJson: schema.bots.configJson })
    .from(schema.bots).where(eq(schema.bots.id, botId)).get();
  const booking = bot ? bookingConfigOf(bot) : null;
  if (!bot || !booking) return { outcome, fields };
  const held = booking.provider === 'builtin'
    ? (await d1.prepare(`SELECT id FROM calendar_bookings WHERE bot_id = ? AND call_id = ? AND status = 'confirmed' LIMIT 1`).bind(bot.id, callId).first()) !== null
    : fields[BOOKING_ID_FIELD] !== undefined;
  return held ? { outcome, fields } : { outcome: CALLBACK_OUTCOME, fields: { ...fields, [CALLBACK_REASON_FIELD]: UNCONFIRMED_BOOKING_REASON } };
}
