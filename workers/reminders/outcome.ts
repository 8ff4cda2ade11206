import { and, eq } from 'drizzle-orm';
import { REMINDER_ID_FIELD, REMINDER_OUTCOMES as O } from '../../core/engine/reminder-call.ts';
import { db, schema } from '../db/client.ts';
import type { CallFacts } from '../postcall/call-facts.ts';
import { reminderBot } from './bot-reminders.ts';
import { scheduleRetry } from './dial.ts';
import { addToDoNotCall } from './do-not-call.ts';

const STATUS_OF: Record<string, 'confirmed' | 'cancelled' | 'rescheduled' | 'declined'> = {
  [O.confirmed]: 'confirmed',
  [O.cancelled]: 'cancelled',
  [O.moved]: 'rescheduled',
  [O.doNotCall]: 'declined',
  [O.wrongPerson]: 'declined',
  [O.callback]: 'declined',
};

/**
 * A finished reminder call updates its reminder (and the appointment): confirmed → the booking is marked confirmed by
 * the customer; «больше не звоните» → the number goes on the do-not-call list; a message left on an answering machine
 * ends the reminder; no outcome (silence, a machine the bot hung up on) is an unanswered try. Cancel and move were
 * done by the booking system during the call. Only a reminder still `dialing` changes, so a redelivered job is a no-op.
 */
export async function applyReminderResult(d1: D1Database, facts: Pick<CallFacts, 'id' | 'companyId' | 'outcome' | 'fields'>): Promise<void> {
  const reminderId = facts.fields[REMINDER_ID_FIELD];
  if (typeof reminderId !== 'string') return;
  const d = db(d1);
  const r = schema.reminders;
  const row = await d.select().from(r).where(and(eq(r.id, reminderId), eq(r.companyId, facts.companyId))).get();
  if (!row || row.status !== 'dialing') return;
  const now = Date.now();
  const status = facts.outcome ? STATUS_OF[facts.outcome] : undefined;
  if (facts.outcome === O.voicemail || !status) {
    const bot = await d.select({ id: schema.bots.id, companyId: schema.bots.companyId, configJson: schema.bots.configJson }).from(schema.bots).where(eq(schema.bots.id, row.botId)).get();
    const cfg = bot ? reminderBot(bot) : null;
    const messageLeft = facts.outcome === O.voicemail && (cfg?.config.reminders.voicemail ?? 'message') === 'message';
    if (messageLeft) {
      await d.update(r).set({ status: 'voicemail', resultCallId: facts.id, lastError: null, updatedAt: now }).where(eq(r.id, row.id));
      return;
    }
    await scheduleRetry(d, row, cfg?.config.reminders.tries ?? 1, cfg?.timing.retryAfterMin ?? 60, facts.outcome === O.voicemail ? 'answering machine' : 'answered, no answer to the reminder');
    await d.update(r).set({ resultCallId: facts.id }).where(eq(r.id, row.id));
    return;
  }
  await d.update(r).set({ status, resultCallId: facts.id, lastError: null, updatedAt: now }).where(and(eq(r.id, row.id), eq(r.status, 'dialing')));
  if (status === 'confirmed' && row.source === 'builtin') {
    await d.update(schema.calendarBookings).set({ customerConfirmedAt: now, updatedAt: now }).where(eq(schema.calendarBookings.id, row.bookingRef));
  }
  if (facts.outcome === O.doNotCall) await addToDoNotCall(d, row.companyId, row.phone, 'попросили больше не звонить', facts.id);
}
