import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { BookingRecord, CalendarSnapshot, Service, Staff } from '../../core/booking/index.ts';
import { fromMinutes } from '../../core/booking/index.ts';
import { db } from '../db/client.ts';
import * as cal from '../db/schema-booking.ts';
import { selectByIds } from '../lib/d1-params.ts';
import { newId } from '../lib/ids.ts';

export type ServiceRow = typeof cal.bookingServices.$inferSelect;
export type BookingRow = typeof cal.calendarBookings.$inferSelect;

export const toService = (r: ServiceRow): Service => ({
  id: r.id,
  name: r.name,
  synonyms: JSON.parse(r.synonymsJson) as string[],
  durationMin: r.durationMin,
  price: r.price,
});

/** One bot's services, staff, hours, exceptions and confirmed bookings for dates `from`..`to`, in one D1 batch. */
export async function loadSnapshot(d1: D1Database, botId: string, from: string, to: string): Promise<CalendarSnapshot> {
  const d = db(d1);
  const [services, staff, links, hours, exceptions, busy] = await d.batch([
    d.select().from(cal.bookingServices).where(eq(cal.bookingServices.botId, botId)),
    d.select().from(cal.bookingStaff).where(eq(cal.bookingStaff.botId, botId)),
    d.select({ staffId: cal.bookingStaffServices.staffId, serviceId: cal.bookingStaffServices.serviceId })
      .from(cal.bookingStaffServices).innerJoin(cal.bookingStaff, eq(cal.bookingStaff.id, cal.bookingStaffServices.staffId))
      .where(eq(cal.bookingStaff.botId, botId)),
    d.select().from(cal.bookingHours).where(eq(cal.bookingHours.botId, botId)),
    d.select().from(cal.bookingExceptions).where(and(eq(cal.bookingExceptions.botId, botId), gte(cal.bookingExceptions.date, from), lte(cal.bookingExceptions.date, to))),
    d.select({ staffId: cal.calendarBookings.staffId, date: cal.calendarBookings.date, startMin: cal.calendarBookings.startMin, endMin: cal.calendarBookings.endMin })
      .from(cal.calendarBookings)
      .where(and(eq(cal.calendarBookings.botId, botId), eq(cal.calendarBookings.status, 'confirmed'), gte(cal.calendarBookings.date, from), lte(cal.calendarBookings.date, to))),
  ]);
  const staffList: Staff[] = staff
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map((s) => ({ id: s.id, name: s.name, serviceIds: links.filter((l) => l.staffId === s.id).map((l) => l.serviceId) }));
  return {
    services: services.map(toService),
    staff: staffList,
    hours: hours.map((h) => ({ staffId: h.staffId, weekday: h.weekday, open: h.open, close: h.close })),
    exceptions: exceptions.map((e) => ({ staffId: e.staffId, date: e.date, open: e.open, close: e.close })),
    busy: busy.map((b) => ({ staffId: b.staffId, date: b.date, start: fromMinutes(b.startMin), end: fromMinutes(b.endMin) })),
  };
}

export interface NewBooking {
  companyId: string;
  botId: string;
  serviceId: string;
  staffId: string;
  date: string;
  startMin: number;
  endMin: number;
  phone: string | null;
  name: string | null;
  callId: string | null;
  idempotencyKey: string | null;
  source: 'call' | 'api';
}

/** D1's UNIQUE failure, also when wrapped (`cause`). */
export function uniqueViolation(e: unknown): string | null {
  for (let err = e as { message?: string; cause?: unknown } | undefined, i = 0; err && i < 4; err = err.cause as typeof err, i++) {
    const m = /UNIQUE constraint failed: ([\w.,\s]+)/.exec(String(err.message ?? ''));
    if (m) return m[1] ?? '';
  }
  return null;
}

/**
 * Inserts the booking only if no confirmed booking of that staff member overlaps it — one statement, so D1's
 * serialized writes make concurrent confirmations of one slot produce exactly one row. Returns the new id, or
 * null when the time is taken. A replayed idempotency key throws D1's UNIQUE error (see `uniqueViolation`).
 */
export async function insertIfFree(d1: D1Database, b: NewBooking, now: number): Promise<string | null> {
  const id = newId('bkg');
  const res = await d1.prepare(
    `INSERT INTO calendar_bookings (id, company_id, bot_id, service_id, staff_id, date, start_min, end_min, status, phone, name, call_id, idempotency_key, source, updated_at)
     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'confirmed', ?9, ?10, ?11, ?12, ?13, ?14
     WHERE NOT EXISTS (SELECT 1 FROM calendar_bookings WHERE staff_id = ?5 AND date = ?6 AND status = 'confirmed' AND start_min < ?8 AND end_min > ?7)`,
  ).bind(id, b.companyId, b.botId, b.serviceId, b.staffId, b.date, b.startMin, b.endMin, b.phone, b.name, b.callId, b.idempotencyKey, b.source, now).run();
  return res.meta.changes === 1 ? id : null;
}

/** Moves a confirmed booking if the new time overlaps no other confirmed booking of that staff member (one statement). */
export async function moveIfFree(d1: D1Database, id: string, to: { staffId: string; date: string; startMin: number; endMin: number }, now: number): Promise<boolean> {
  const res = await d1.prepare(
    `UPDATE calendar_bookings SET staff_id = ?2, date = ?3, start_min = ?4, end_min = ?5, updated_at = ?6
     WHERE id = ?1 AND status = 'confirmed'
       AND NOT EXISTS (SELECT 1 FROM calendar_bookings o WHERE o.id <> ?1 AND o.staff_id = ?2 AND o.date = ?3 AND o.status = 'confirmed' AND o.start_min < ?5 AND o.end_min > ?4)`,
  ).bind(id, to.staffId, to.date, to.startMin, to.endMin, now).run();
  return res.meta.changes === 1;
}

/** Bookings with their service and staff names, as the wire record. */
export async function bookingRecords(d1: D1Database, rows: readonly BookingRow[]): Promise<BookingRecord[]> {
  if (!rows.length) return [];
  const d = db(d1);
  const [services, staff] = await Promise.all([
    selectByIds(rows.map((r) => r.serviceId), (ids) =>
      d.select({ id: cal.bookingServices.id, name: cal.bookingServices.name }).from(cal.bookingServices).where(inArray(cal.bookingServices.id, ids)).all()),
    selectByIds(rows.map((r) => r.staffId), (ids) =>
      d.select({ id: cal.bookingStaff.id, name: cal.bookingStaff.name }).from(cal.bookingStaff).where(inArray(cal.bookingStaff.id, ids)).all()),
  ]);
  const serviceNames = new Map(services.map((s) => [s.id, s.name]));
  const staffNames = new Map(staff.map((s) => [s.id, s.name]));
  return rows.map((r) => ({
    id: r.id,
    service: serviceNames.get(r.serviceId) ?? r.serviceId,
    date: r.date,
    time: fromMinutes(r.startMin),
    staffName: staffNames.get(r.staffId) ?? null,
    phone: r.phone,
    status: r.status,
  }));
}
