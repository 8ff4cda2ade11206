import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Built-in calendar (issue 12). Times are local to the bot's timezone: dates `YYYY-MM-DD`, times `HH:MM`,
// plus minute offsets for overlap checks. `bookings` (schema.ts) stays the post-call outcome row of a call.
const createdAt = () => integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const bookingServices = sqliteTable(
  'booking_services',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    botId: text('bot_id').notNull(),
    name: text('name').notNull(),
    synonymsJson: text('synonyms_json').notNull().default('[]'),
    durationMin: integer('duration_min').notNull(),
    price: real('price'),
    createdAt: createdAt(),
  },
  (t) => [index('booking_services_bot_idx').on(t.botId)],
);

/** Masters, doctors or resources (a chair, a lift). */
export const bookingStaff = sqliteTable(
  'booking_staff',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    botId: text('bot_id').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('booking_staff_bot_idx').on(t.botId)],
);

export const bookingStaffServices = sqliteTable(
  'booking_staff_services',
  {
    staffId: text('staff_id').notNull(),
    serviceId: text('service_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.serviceId] }), index('booking_staff_services_service_idx').on(t.serviceId)],
);

/** Weekly hours: one row per staff member and weekday (0 = Sunday). */
export const bookingHours = sqliteTable(
  'booking_hours',
  {
    staffId: text('staff_id').notNull(),
    botId: text('bot_id').notNull(),
    weekday: integer('weekday').notNull(),
    open: text('open').notNull(),
    close: text('close').notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.weekday] }), index('booking_hours_bot_idx').on(t.botId)],
);

/** Dated exceptions: a day off (open/close null) or special hours; staff_id null = the whole business. */
export const bookingExceptions = sqliteTable(
  'booking_exceptions',
  {
    id: text('id').primaryKey(),
    botId: text('bot_id').notNull(),
    staffId: text('staff_id'),
    date: text('date').notNull(),
    open: text('open'),
    close: text('close'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('booking_exceptions_bot_date_idx').on(t.botId, t.date)],
);

export const CALENDAR_BOOKING_STATUSES = ['confirmed', 'cancelled'] as const;

/**
 * Appointments in the built-in calendar. The partial unique indexes make a double booking of one start
 * and a replayed idempotency key impossible; overlapping starts are excluded by the conditional INSERT in
 * workers/booking/builtin-store.ts.
 */
export const calendarBookings = sqliteTable(
  'calendar_bookings',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    botId: text('bot_id').notNull(),
    serviceId: text('service_id').notNull(),
    staffId: text('staff_id').notNull(),
    date: text('date').notNull(),
    startMin: integer('start_min').notNull(),
    endMin: integer('end_min').notNull(),
    status: text('status', { enum: CALENDAR_BOOKING_STATUSES }).notNull().default('confirmed'),
    phone: text('phone'),
    name: text('name'),
    /** The call that made it (null for bookings made through the API). */
    callId: text('call_id'),
    idempotencyKey: text('idempotency_key'),
    source: text('source', { enum: ['call', 'api'] }).notNull().default('api'),
    /** When the customer confirmed they will come (a reminder call), migrations/0006. */
    customerConfirmedAt: integer('customer_confirmed_at'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('calendar_bookings_slot_uq').on(t.staffId, t.date, t.startMin).where(sql`${t.status} = 'confirmed'`),
    uniqueIndex('calendar_bookings_idem_uq').on(t.botId, t.idempotencyKey),
    index('calendar_bookings_bot_date_idx').on(t.botId, t.date),
    index('calendar_bookings_phone_idx').on(t.botId, t.phone),
  ],
);
