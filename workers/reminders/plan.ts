import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { candidateDates, reminderDue } from '../../core/reminders/schedule.ts';
import { fromMinutes } from '../../core/booking/time.ts';
import { localWallClock } from '../booking/provider.ts';
import { db, schema, type Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import { newId } from '../lib/ids.ts';
import { reminderBots, type ReminderBot } from './bot-reminders.ts';

/** Message on REMINDER_QUEUE: dial one reminder. */
export interface ReminderJob {
  reminderId: string;
  /** When the cron planned it (epoch ms): the dial never runs on an earlier clock than the plan's. */
  plannedAt?: number;
}

/** A queued reminder is not queued again for this long (the consumer claims it well within). */
export const QUEUE_LEASE_MS = 20 * 60_000;

/** Built-in calendar appointments the bot's reminders may be due for: confirmed, with a phone, not yet confirmed by the customer. */
async function calendarCandidates(d: Db, bot: ReminderBot, nowLocal: string) {
  const { from, to } = candidateDates(nowLocal, bot.timing);
  const c = schema.calendarBookings;
  const rows = await d.select({
    id: c.id, date: c.date, startMin: c.startMin, phone: c.phone, name: c.name,
    service: schema.bookingServices.name, staff: schema.bookingStaff.name,
  })
    .from(c)
    .leftJoin(schema.bookingServices, eq(schema.bookingServices.id, c.serviceId))
    .leftJoin(schema.bookingStaff, eq(schema.bookingStaff.id, c.staffId))
    .where(and(eq(c.botId, bot.id), eq(c.status, 'confirmed'), gte(c.date, from), lte(c.date, to), isNull(c.customerConfirmedAt)))
    .all();
  return rows.filter((r) => r.phone).map((r) => ({ ref: r.id, date: r.date, time: fromMinutes(r.startMin), phone: r.phone!, name: r.name, service: r.service, staff: r.staff }));
}

/**
 * The Cron Trigger's part: for every bot with `reminders:`, the appointments whose reminder is due now (inside the
 * window, `before` ahead, in the bot's time zone) get a reminder row (once per booking and time), and every due
 * pending reminder goes on the queue. Dialing — the do-not-call list, the daily cap, the call — is the consumer's.
 */
export async function planReminders(env: Env, at: number, companyId?: string): Promise<{ created: number; queued: number }> {
  const d = db(env.DB);
  let created = 0;
  const due: string[] = [];
  for (const bot of await reminderBots(d, companyId)) {
    const nowLocal = localWallClock(new Date(at), bot.config.timezone);
    const now = Date.now();
    for (const b of await calendarCandidates(d, bot, nowLocal)) {
      if (!reminderDue(b, nowLocal, bot.timing).due) continue;
      const row = await d.insert(schema.reminders).values({
        id: newId('rem'), companyId: bot.companyId, botId: bot.id, source: 'builtin', bookingRef: b.ref,
        phone: b.phone, name: b.name, service: b.service, staff: b.staff, date: b.date, time: b.time, updatedAt: now,
      }).onConflictDoNothing().returning({ id: schema.reminders.id }).get();
      if (row) created++;
    }
    const r = schema.reminders;
    const pending = await d.select().from(r)
      .where(and(eq(r.botId, bot.id), eq(r.status, 'pending'), or(isNull(r.nextAttemptAt), lte(r.nextAttemptAt, at))))
      .all();
    for (const p of pending) {
      const decision = reminderDue(p, nowLocal, bot.timing);
      if (!decision.due) {
        if (decision.reason === 'too_late') {
          await d.update(r).set({ status: 'skipped', lastError: 'the appointment is too close to call', updatedAt: now }).where(and(eq(r.id, p.id), eq(r.status, 'pending')));
        }
        continue;
      }
      const leased = await d.update(r).set({ nextAttemptAt: at + QUEUE_LEASE_MS, updatedAt: now })
        .where(and(eq(r.id, p.id), eq(r.status, 'pending'))).returning({ id: r.id }).get();
      if (leased) due.push(leased.id);
    }
  }
  for (let i = 0; i < due.length; i += 100) {
    await env.REMINDER_QUEUE.sendBatch(due.slice(i, i + 100).map((reminderId) => ({ body: { reminderId, plannedAt: at } })));
  }
  return { created, queued: due.length };
}
