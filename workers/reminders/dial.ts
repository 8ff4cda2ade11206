import { and, eq, sql } from 'drizzle-orm';
import { minutesSinceMidnight, reminderDue } from '../../core/reminders/schedule.ts';
import type { ReminderCall } from '../../core/engine/reminder-call.ts';
import { localWallClock } from '../booking/provider.ts';
import { fromMinutes } from '../../core/booking/time.ts';
import { db, schema, type Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import { newId } from '../lib/ids.ts';
import { LivekitCallError, livekitAccess, WorkerLivekitSip } from '../telephony/livekit-sip.ts';
import { reminderBot } from './bot-reminders.ts';
import { onDoNotCallList } from './do-not-call.ts';

/** Reminder calls per company and local day unless the company set its own cap. */
export const DEFAULT_DAILY_CAP = 200;
/** How long the callee's phone rings before the try counts as unanswered. */
export const RINGING_TIMEOUT_S = 30;

type ReminderRow = typeof schema.reminders.$inferSelect;
export type DialResult = 'dialed' | 'busy' | 'no_answer' | 'retry_later' | 'skipped' | 'capped' | 'failed';

/** SIP answers that mean "try again later": busy, no answer, temporarily unavailable, declined by the user. */
const BUSY = new Set([486, 600]);
const NO_ANSWER = new Set([408, 480, 487, 603]);

const set = (d: Db, id: string, values: Partial<ReminderRow>) =>
  d.update(schema.reminders).set({ ...values, updatedAt: Date.now() }).where(eq(schema.reminders.id, id));

/** Next try after an unanswered one, or `unreached` when the tries are used up. */
export async function scheduleRetry(d: Db, row: Pick<ReminderRow, 'id' | 'tries'>, tries: number, retryAfterMin: number, why: string): Promise<void> {
  if (row.tries >= tries) await set(d, row.id, { status: 'unreached', lastError: why, nextAttemptAt: null });
  else await set(d, row.id, { status: 'pending', lastError: why, nextAttemptAt: Date.now() + retryAfterMin * 60_000 });
}

/** The built-in appointment still holds this time (not cancelled or moved since the reminder was planned). */
async function stillBooked(d: Db, row: ReminderRow): Promise<boolean> {
  if (row.source !== 'builtin') return true;
  const c = schema.calendarBookings;
  const b = await d.select({ date: c.date, startMin: c.startMin, status: c.status }).from(c).where(eq(c.id, row.bookingRef)).get();
  return !!b && b.status === 'confirmed' && b.date === row.date && fromMinutes(b.startMin) === row.time;
}

/**
 * Counts this dial against the company's daily cap in the same statement that checks it, so concurrent consumers can
 * never exceed the cap. Returns false when the cap is reached.
 */
async function takeDailySlot(env: Env, row: ReminderRow, dayStart: number, at: number): Promise<boolean> {
  const res = await env.DB.prepare(
    `INSERT INTO reminder_attempts (id, reminder_id, company_id, dialed_at)
     SELECT ?1, ?2, ?3, ?4
     WHERE (SELECT count(*) FROM reminder_attempts WHERE company_id = ?3 AND dialed_at >= ?5)
         < coalesce((SELECT reminder_daily_cap FROM companies WHERE id = ?3), ?6)`,
  ).bind(newId('rat'), row.id, row.companyId, at, dayStart, DEFAULT_DAILY_CAP).run();
  return (res.meta.changes ?? 0) > 0;
}

/**
 * Dials one reminder (the queue consumer's work): claim it, then check — still booked, not on the do-not-call list,
 * still due, under the company's daily cap — and place the call through the bot's outbound trunk, waiting for an
 * answer. Busy or no answer schedules the next try (`tries`, `retry_after`); an answered call's result comes back as
 * a CallResult and is applied by the post-call job.
 */
export async function dialReminder(env: Env, reminderId: string, at = Date.now()): Promise<DialResult> {
  const d = db(env.DB);
  const r = schema.reminders;
  const row = await d.update(r).set({ status: 'dialing', tries: sql`${r.tries} + 1`, updatedAt: Date.now() })
    .where(and(eq(r.id, reminderId), eq(r.status, 'pending'))).returning().get();
  if (!row) return 'skipped';
  const botRow = await d.select({ id: schema.bots.id, companyId: schema.bots.companyId, configJson: schema.bots.configJson, deletedAt: schema.bots.deletedAt })
    .from(schema.bots).where(eq(schema.bots.id, row.botId)).get();
  const bot = botRow && botRow.deletedAt === null ? reminderBot(botRow) : null;
  if (!bot) return (await set(d, row.id, { status: 'skipped', lastError: 'the bot no longer places reminder calls' }), 'skipped');
  if (!(await stillBooked(d, row))) return (await set(d, row.id, { status: 'skipped', lastError: 'the booking was cancelled or moved' }), 'skipped');
  if (await onDoNotCallList(d, row.companyId, row.phone)) return (await set(d, row.id, { status: 'skipped', lastError: 'the number is on the do-not-call list' }), 'skipped');
  const nowLocal = localWallClock(new Date(at), bot.config.timezone);
  const due = reminderDue(row, nowLocal, bot.timing);
  if (!due.due) {
    // Give the try back: the next cron run inside the window picks it up again.
    await set(d, row.id, due.reason === 'too_late'
      ? { status: 'skipped', lastError: 'the appointment is too close to call' }
      : { status: 'pending', tries: row.tries - 1, nextAttemptAt: null });
    return due.reason === 'too_late' ? 'skipped' : 'retry_later';
  }
  const dayStart = at - minutesSinceMidnight(nowLocal) * 60_000 - (at % 60_000);
  if (!(await takeDailySlot(env, row, dayStart, at))) {
    await set(d, row.id, { status: 'pending', tries: row.tries - 1, lastError: 'the daily cap of reminder calls is reached', nextAttemptAt: dayStart + 86_400_000 });
    return 'capped';
  }
  const access = livekitAccess(env);
  const trunkId = env.LIVEKIT_SIP_OUTBOUND_TRUNK_ID?.trim();
  if (!('access' in access) || !trunkId) {
    const missing = [...('missing' in access ? access.missing : []), ...(trunkId ? [] : ['LIVEKIT_SIP_OUTBOUND_TRUNK_ID'])];
    await set(d, row.id, { status: 'failed', lastError: `outbound calls are not configured: set ${missing.join(', ')}` });
    return 'failed';
  }
  const from = await d.select({ number: schema.phoneNumbers.number }).from(schema.phoneNumbers).where(eq(schema.phoneNumbers.botId, bot.id)).get();
  const reminder: ReminderCall = {
    id: row.id, booking_id: row.bookingRef, service: row.service ?? 'услуга', date: row.date, time: row.time,
    staff: row.staff, name: row.name, voicemail: bot.config.reminders.voicemail,
  };
  try {
    const call = await new WorkerLivekitSip(access.access).dialOut({
      to: row.phone, botId: bot.id, outboundTrunkId: trunkId, ...(from ? { fromNumber: from.number } : {}),
      metadata: { company_id: row.companyId, reminder }, waitUntilAnswered: true, ringingTimeoutS: RINGING_TIMEOUT_S,
    });
    await set(d, row.id, { room: call.room, lastError: null });
    await attemptResult(d, row.id, at, 'answered', call.room);
    return 'dialed';
  } catch (e) {
    const sip = e instanceof LivekitCallError ? e.sipStatusCode : undefined;
    const result = sip && BUSY.has(sip) ? 'busy' : sip && NO_ANSWER.has(sip) ? 'no_answer' : 'error';
    await attemptResult(d, row.id, at, result, null);
    const why = result === 'error' ? (e as Error).message.slice(0, 300) : `${result === 'busy' ? 'busy' : 'no answer'} (SIP ${sip})`;
    await scheduleRetry(d, row, bot.config.reminders.tries, bot.timing.retryAfterMin, why);
    return result === 'error' ? 'failed' : result;
  }
}

async function attemptResult(d: Db, reminderId: string, at: number, result: string, room: string | null): Promise<void> {
  const t = schema.reminderAttempts;
  await d.update(t).set({ result, room }).where(and(eq(t.reminderId, reminderId), eq(t.dialedAt, at)));
}
