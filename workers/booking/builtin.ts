import { and, asc, eq, gte } from 'drizzle-orm';
import {
  addDays,
  dayAnswer,
  freeDates,
  freeSlots,
  matchService,
  matchStaff,
  nearestAlternatives,
  toMinutes,
  type AvailabilityAnswer,
  type AvailabilityQuery,
  type BookingOpResult,
  type BookingRecord,
  type CalendarSnapshot,
  type Slot,
} from '../../core/booking/index.ts';
import { db } from '../db/client.ts';
import * as cal from '../db/schema-booking.ts';
import { bookingRecords, insertIfFree, loadSnapshot, moveIfFree, uniqueViolation } from './calendar-store.ts';
import { BookingError, normalizePhone, type BookingProvider, type CreateOp, type MoveOp } from './provider.ts';

/** A big salon's day (10 masters × 48 half-hours) fits; the agent-host asks about an exact time beyond it. */
const MAX_FREE = 480;
const NEXT_DATES_WINDOW = 14;

/** The built-in D1 calendar of one bot. */
export class BuiltinProvider implements BookingProvider {
  readonly name = 'builtin' as const;
  constructor(
    private readonly d1: D1Database,
    private readonly bot: { id: string; companyId: string },
    private readonly clock: () => number = Date.now,
  ) {}

  private resolve(snap: CalendarSnapshot, q: { service: string; staff?: string | null }) {
    const service = matchService(snap.services, q.service);
    if (!service) throw new BookingError('unknown_service', `no service matches "${q.service}"`);
    const staff = q.staff ? matchStaff(snap.staff.filter((s) => s.serviceIds.includes(service.id)), q.staff) : null;
    if (q.staff && !staff) throw new BookingError('unknown_staff', `nobody named "${q.staff}" does ${service.name}`);
    return { service, staffId: staff?.id ?? null };
  }

  async availability(q: AvailabilityQuery, now: string): Promise<AvailabilityAnswer> {
    const snap = await loadSnapshot(this.d1, this.bot.id, q.date, q.date);
    const { service, staffId } = this.resolve(snap, q);
    const slotQuery = { serviceId: service.id, date: q.date, staffId, notBefore: now };
    const free = freeSlots(snap, slotQuery);
    let nextDates: string[] = [];
    if (!free.length) {
      const wide = await loadSnapshot(this.d1, this.bot.id, addDays(q.date, 1), addDays(q.date, NEXT_DATES_WINDOW));
      nextDates = freeDates(wide, { ...slotQuery, from: addDays(q.date, 1), days: NEXT_DATES_WINDOW }).slice(0, 3);
    }
    return { ...dayAnswer(q, service.name, free, nextDates), free: free.slice(0, MAX_FREE) };
  }

  async freeDates(q: { service: string; staff?: string | null; from: string; days: number }, now: string): Promise<string[]> {
    const snap = await loadSnapshot(this.d1, this.bot.id, q.from, addDays(q.from, q.days - 1));
    const { service, staffId } = this.resolve(snap, q);
    return freeDates(snap, { serviceId: service.id, staffId, notBefore: now, from: q.from, days: q.days });
  }

  async create(op: CreateOp, now: string, meta: { callId?: string | null }): Promise<BookingOpResult> {
    const replay = await this.byKey(op.idempotencyKey);
    if (replay) return { status: 'booked', booking: replay };
    const snap = await loadSnapshot(this.d1, this.bot.id, op.date, op.date);
    const { service, staffId } = this.resolve(snap, op);
    const free = freeSlots(snap, { serviceId: service.id, date: op.date, staffId, notBefore: now });
    const startMin = toMinutes(op.time);
    for (const slot of free.filter((s) => s.time === op.time)) {
      try {
        const id = await insertIfFree(this.d1, {
          companyId: this.bot.companyId, botId: this.bot.id, serviceId: service.id, staffId: slot.staffId, date: op.date,
          startMin, endMin: startMin + service.durationMin, phone: op.phone ? normalizePhone(op.phone) : null, name: op.name ?? null,
          callId: meta.callId ?? null, idempotencyKey: op.idempotencyKey, source: meta.callId ? 'call' : 'api',
        }, this.clock());
        if (id) return { status: 'booked', booking: await this.record(id) };
      } catch (e) {
        const what = uniqueViolation(e);
        if (what === null) throw e;
        if (what.includes('idempotency_key')) {
          const again = await this.byKey(op.idempotencyKey);
          if (again) return { status: 'booked', booking: again };
        }
      }
    }
    // Taken (or never free): offer the nearest free times from a fresh read.
    const fresh = await loadSnapshot(this.d1, this.bot.id, op.date, op.date);
    return { status: 'taken', alternatives: nearestAlternatives(freeSlots(fresh, { serviceId: service.id, date: op.date, staffId, notBefore: now }), op.time, 2) };
  }

  async findByPhone(phone: string, now: string): Promise<BookingRecord[]> {
    const today = now.slice(0, 10);
    const rows = await db(this.d1).select().from(cal.calendarBookings)
      .where(and(eq(cal.calendarBookings.botId, this.bot.id), eq(cal.calendarBookings.phone, normalizePhone(phone)), eq(cal.calendarBookings.status, 'confirmed'), gte(cal.calendarBookings.date, today)))
      .orderBy(asc(cal.calendarBookings.date), asc(cal.calendarBookings.startMin)).all();
    return bookingRecords(this.d1, rows);
  }

  async cancel(bookingId: string): Promise<BookingOpResult> {
    const d = db(this.d1);
    const row = await d.update(cal.calendarBookings).set({ status: 'cancelled', updatedAt: this.clock() })
      .where(and(eq(cal.calendarBookings.id, bookingId), eq(cal.calendarBookings.botId, this.bot.id))).returning().get();
    if (!row) throw new BookingError('not_found', 'booking not found');
    const [booking] = await bookingRecords(this.d1, [row]);
    return { status: 'cancelled', booking: booking! };
  }

  async move(op: MoveOp, now: string): Promise<BookingOpResult> {
    const current = await db(this.d1).select().from(cal.calendarBookings)
      .where(and(eq(cal.calendarBookings.id, op.bookingId), eq(cal.calendarBookings.botId, this.bot.id))).get();
    if (!current || current.status !== 'confirmed') throw new BookingError('not_found', 'booking not found');
    const startMin = toMinutes(op.time);
    if (current.date === op.date && current.startMin === startMin) return { status: 'booked', booking: await this.record(current.id) };
    const snap = await loadSnapshot(this.d1, this.bot.id, op.date, op.date);
    const { service, staffId } = this.resolve(snap, { service: current.serviceId, staff: op.staff });
    // The booking's own time counts as free when moving within the same day.
    const own = { ...snap, busy: snap.busy.filter((b) => !(b.date === current.date && b.staffId === current.staffId && toMinutes(b.start) === current.startMin)) };
    const free = freeSlots(own, { serviceId: service.id, date: op.date, staffId, notBefore: now });
    const candidates: Slot[] = [...free.filter((s) => s.time === op.time && s.staffId === current.staffId), ...free.filter((s) => s.time === op.time && s.staffId !== current.staffId)];
    for (const slot of candidates) {
      if (await moveIfFree(this.d1, current.id, { staffId: slot.staffId, date: op.date, startMin, endMin: startMin + service.durationMin }, this.clock())) {
        return { status: 'booked', booking: await this.record(current.id) };
      }
    }
    return { status: 'taken', alternatives: nearestAlternatives(free, op.time, 2) };
  }

  private async record(id: string): Promise<BookingRecord> {
    const row = await db(this.d1).select().from(cal.calendarBookings).where(eq(cal.calendarBookings.id, id)).get();
    if (!row) throw new BookingError('not_found', 'booking not found');
    return (await bookingRecords(this.d1, [row]))[0]!;
  }

  private async byKey(key: string): Promise<BookingRecord | null> {
    const row = await db(this.d1).select().from(cal.calendarBookings)
      .where(and(eq(cal.calendarBookings.botId, this.bot.id), eq(cal.calendarBookings.idempotencyKey, key))).get();
    return row ? ((await bookingRecords(this.d1, [row]))[0] ?? null) : null;
  }
}
