import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Reminder calls, the do-not-call list and instant notifications (migrations/0006_reminders_notifications.sql).
const createdAt = () => integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

/** Where a company's instant notifications go; events are JSON arrays of NOTIFICATION_EVENTS. */
export const notificationSettings = sqliteTable('notification_settings', {
  companyId: text('company_id').primaryKey(),
  telegramChatId: text('telegram_chat_id'),
  telegramEventsJson: text('telegram_events_json').notNull().default('[]'),
  /** Exolve sender: an alpha name or a mobile number bought in Exolve; null: no SMS. */
  smsSender: text('sms_sender'),
  smsEventsJson: text('sms_events_json').notNull().default('[]'),
  updatedAt: integer('updated_at').notNull(),
});

export const NOTIFICATION_CHANNELS = ['telegram', 'sms'] as const;
export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const notificationDeliveries = sqliteTable(
  'notification_deliveries',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    callId: text('call_id').notNull(),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    event: text('event').notNull(),
    /** Telegram chat id or the customer's phone (E.164). */
    target: text('target').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    nextAttemptAt: integer('next_attempt_at'),
    deliveredAt: integer('delivered_at'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_event_uq').on(t.callId, t.channel, t.event),
    index('notification_deliveries_company_idx').on(t.companyId, t.createdAt),
  ],
);

/** Numbers that asked not to be called again; every outbound path checks this list. */
export const doNotCall = sqliteTable(
  'do_not_call',
  {
    companyId: text('company_id').notNull(),
    phone: text('phone').notNull(),
    reason: text('reason'),
    callId: text('call_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.phone] })],
);

export const REMINDER_STATUSES = [
  'pending', 'dialing', 'confirmed', 'cancelled', 'rescheduled', 'voicemail', 'unreached', 'declined', 'skipped', 'failed',
] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** One reminder call per booking and appointment time. Dates and times are local to the bot's time zone. */
export const reminders = sqliteTable(
  'reminders',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    botId: text('bot_id').notNull(),
    source: text('source', { enum: ['builtin', 'yclients'] }).notNull(),
    /** calendar_bookings.id, or the YCLIENTS record id. */
    bookingRef: text('booking_ref').notNull(),
    phone: text('phone').notNull(),
    name: text('name'),
    service: text('service'),
    staff: text('staff'),
    date: text('date').notNull(),
    time: text('time').notNull(),
    status: text('status', { enum: REMINDER_STATUSES }).notNull().default('pending'),
    tries: integer('tries').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    /** LiveKit room of the latest dial. */
    room: text('room'),
    resultCallId: text('result_call_id'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('reminders_booking_uq').on(t.botId, t.bookingRef, t.date, t.time),
    index('reminders_status_next_idx').on(t.status, t.nextAttemptAt),
    index('reminders_company_idx').on(t.companyId, t.date),
  ],
);

/** Every dial of a reminder; the per-company daily cap counts these. */
export const reminderAttempts = sqliteTable(
  'reminder_attempts',
  {
    id: text('id').primaryKey(),
    reminderId: text('reminder_id').notNull(),
    companyId: text('company_id').notNull(),
    room: text('room'),
    dialedAt: integer('dialed_at').notNull(),
    result: text('result'),
  },
  (t) => [index('reminder_attempts_company_dialed_idx').on(t.companyId, t.dialedAt)],
);
