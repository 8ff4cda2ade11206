import { and, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Env } from '../env.ts';
import { schema, type Db } from '../db/client.ts';
import { newId } from '../lib/ids.ts';
import type { CallRow } from '../postcall/call-facts.ts';
import { recordsForCall } from '../postcall/records.ts';
import { eventForOutcome, type NotificationEvent } from './events.ts';
import { loadNotificationSettings } from './settings.ts';
import { smsProvider } from './sms.ts';
import type { SendOutcome } from './send-result.ts';
import { sendTelegramMessage, telegramOptions } from './telegram.ts';
import { customerSms, ownerMessage, type NoticeFacts } from './texts.ts';

export type NotificationRow = typeof schema.notificationDeliveries.$inferSelect;
/** As for webhooks: one attempt at a time per message (the lease outlasts the provider timeout). */
const LEASE_MS = 30_000;

/** Where the owner opens a call in the panel. */
export function panelCallLink(env: Pick<Env, 'PUBLIC_BASE_URL'>, callId: string): string {
  return `${(env.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '')}/app/#/call/${encodeURIComponent(callId)}`;
}

async function noticeFacts(d: Db, env: Env, call: CallRow): Promise<NoticeFacts> {
  const [{ booking, lead }, company] = await Promise.all([
    recordsForCall(d, call.id),
    d.select({ name: schema.companies.name }).from(schema.companies).where(eq(schema.companies.id, call.companyId)).get(),
  ]);
  const fields = JSON.parse(call.fieldsJson || '{}') as Record<string, string | number | undefined>;
  const text = (v: unknown) => (v === undefined || v === null || String(v).trim() === '' ? null : String(v));
  return {
    company: company?.name ?? 'Компания',
    service: booking?.service ?? text(fields.service),
    date: booking?.date ?? text(fields.date),
    time: booking?.time ?? text(fields.time),
    name: booking?.name ?? lead?.name ?? text(fields.name),
    phone: booking?.phone ?? lead?.phone ?? text(fields.phone) ?? call.callerNumber,
    reason: text(fields.reason) ?? text(fields.comment) ?? lead?.intent ?? null,
    link: panelCallLink(env, call.id),
  };
}

/**
 * The notification rows a processed call asks for, by the company's settings: the owner's Telegram message and the
 * customer's SMS (phone calls only). Safe to repeat: rows are unique per call, channel and event.
 * Returns the call's notifications still pending.
 */
export async function ensureNotifications(d: Db, env: Env, call: CallRow): Promise<NotificationRow[]> {
  const event = eventForOutcome(call.outcome);
  const t = schema.notificationDeliveries;
  if (event) {
    const settings = await loadNotificationSettings(d, call.companyId);
    const wanted: { channel: 'telegram' | 'sms'; target: string; body: string }[] = [];
    const facts = settings.telegram || settings.sms ? await noticeFacts(d, env, call) : null;
    if (facts && settings.telegram?.events.includes(event)) {
      wanted.push({ channel: 'telegram', target: settings.telegram.chatId, body: ownerMessage(event, facts) });
    }
    const sms = facts && settings.sms?.events.includes(event) && call.channel === 'phone' ? customerSms(event, facts) : null;
    if (facts?.phone && sms && /^\+\d{10,15}$/.test(facts.phone)) wanted.push({ channel: 'sms', target: facts.phone, body: sms });
    const now = Date.now();
    for (const w of wanted) {
      await d.insert(t).values({ id: newId('ntf'), companyId: call.companyId, callId: call.id, event, ...w, updatedAt: now }).onConflictDoNothing();
    }
  }
  return d.select().from(t).where(and(eq(t.callId, call.id), eq(t.status, 'pending'))).all();
}

async function send(env: Env, d: Db, row: NotificationRow): Promise<SendOutcome> {
  if (row.channel === 'telegram') {
    const opts = telegramOptions(env);
    if (!opts) return { ok: false, messageId: null, error: 'TELEGRAM_BOT_TOKEN is not set', permanent: true };
    return sendTelegramMessage(opts, row.target, row.body);
  }
  const provider = smsProvider(env);
  if (!provider) return { ok: false, messageId: null, error: 'no SMS provider: set EXOLVE_API_KEY', permanent: true };
  const settings = await loadNotificationSettings(d, row.companyId);
  if (!settings.sms) return { ok: false, messageId: null, error: 'SMS switched off for the company', permanent: true };
  return provider.send({ from: settings.sms.sender, to: row.target, text: row.body });
}

export type NotificationAttempt = { outcome: 'delivered' | 'retry' | 'failed' | 'busy' | 'skipped'; retryAfterSeconds?: number };

/** One attempt of a stored notification: claim (lease) → provider → status. Never sends a delivered one again. */
export async function attemptNotification(env: Env, d: Db, row: NotificationRow, retryDelaySeconds: number): Promise<NotificationAttempt> {
  const t = schema.notificationDeliveries;
  const now = Date.now();
  const claimed = await d.update(t)
    .set({ attempts: sql`${t.attempts} + 1`, nextAttemptAt: now + LEASE_MS, lastError: null, updatedAt: now })
    .where(and(eq(t.id, row.id), eq(t.status, 'pending'), or(isNull(t.nextAttemptAt), lte(t.nextAttemptAt, now), isNotNull(t.lastError))))
    .returning({ attempts: t.attempts })
    .get();
  if (!claimed) {
    const current = await d.select({ status: t.status }).from(t).where(eq(t.id, row.id)).get();
    return { outcome: current?.status === 'pending' ? 'busy' : 'skipped' };
  }
  const result = await send(env, d, row);
  const done = Date.now();
  const wait = Math.max(retryDelaySeconds, result.retryAfterSeconds ?? 0);
  await d.update(t).set(result.ok
    ? { status: 'delivered', deliveredAt: done, providerMessageId: result.messageId, lastError: null, nextAttemptAt: null, updatedAt: done }
    : { status: result.permanent ? 'failed' : 'pending', lastError: result.error, nextAttemptAt: result.permanent ? null : done + wait * 1000, updatedAt: done })
    .where(eq(t.id, row.id));
  if (result.ok) return { outcome: 'delivered' };
  console.warn(JSON.stringify({ msg: 'notification not sent', id: row.id, channel: row.channel, attempt: claimed.attempts, error: result.error }));
  return result.permanent ? { outcome: 'failed' } : { outcome: 'retry', ...(result.retryAfterSeconds ? { retryAfterSeconds: result.retryAfterSeconds } : {}) };
}

/** Notifications of a processed call: rows made once, each pending one attempted. */
export async function deliverNotifications(env: Env, d: Db, call: CallRow, retryDelaySeconds: number): Promise<NotificationAttempt[]> {
  const pending = await ensureNotifications(d, env, call);
  return Promise.all(pending.map((row) => attemptNotification(env, d, row, retryDelaySeconds)));
}

/** After the queue gave up: the call's pending notifications become `failed`; returns why, for the dead letter. */
export async function failPendingNotifications(d: Db, callId: string): Promise<string[]> {
  const t = schema.notificationDeliveries;
  const failed = await d.update(t).set({ status: 'failed', nextAttemptAt: null, updatedAt: Date.now() })
    .where(and(eq(t.callId, callId), eq(t.status, 'pending')))
    .returning({ id: t.id, channel: t.channel, attempts: t.attempts, lastError: t.lastError })
    .all();
  return failed.map((f) => `${f.channel} notification ${f.id} failed after ${f.attempts} attempts (${f.lastError ?? 'no response'})`);
}

export type { NotificationEvent };
