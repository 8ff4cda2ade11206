import {
  addDays,
  dayAnswer,
  matchService,
  matchStaff,
  nearestAlternatives,
  type AvailabilityAnswer,
  type AvailabilityQuery,
  type BookingOpResult,
  type BookingRecord,
  type Slot,
} from '../../core/booking/index.ts';
import { BookingError, normalizePhone, type BookingProvider, type CreateOp, type MoveOp } from './provider.ts';
import { YclientsClientBlacklisted, YclientsSlotTaken, type YclientsClient, type YcRecord } from './yclients-client.ts';

const ANY_STAFF = 0;

/** A salon's schedule in YCLIENTS or Altegio (the same online-booking API) behind the booking interface. */
export class YclientsProvider implements BookingProvider {
  constructor(
    private readonly api: YclientsClient,
    private readonly companyId: number,
    readonly name: 'yclients' | 'altegio' = 'yclients',
  ) {}

  private async resolve(q: { service: string; staff?: string | null }) {
    const services = (await this.api.bookServices(this.companyId)).map((s) => ({ id: String(s.id), name: s.title, synonyms: [] as string[] }));
    const service = matchService(services, q.service);
    if (!service) throw new BookingError('unknown_service', `no YCLIENTS service matches "${q.service}"`);
    if (!q.staff) return { service, staffId: ANY_STAFF, staffName: '' };
    const staff = (await this.api.bookStaff(this.companyId, { serviceIds: [Number(service.id)] })).filter((s) => s.bookable !== false);
    const named = matchStaff(staff.map((s) => ({ id: String(s.id), name: s.name })), q.staff);
    if (!named) throw new BookingError('unknown_staff', `nobody named "${q.staff}" does ${service.name}`);
    return { service, staffId: Number(named.id), staffName: named.name };
  }

  private async times(serviceId: string, staffId: number, staffName: string, date: string, now: string): Promise<(Slot & { datetime: string })[]> {
    const times = await this.api.bookTimes(this.companyId, staffId, date, [Number(serviceId)]);
    const [today, clock] = now.split(' ');
    return times
      .filter((t) => date > (today ?? '') || (date === today && t.time >= (clock ?? '')))
      .map((t) => ({ date, time: t.time, staffId: String(staffId), staffName, datetime: t.datetime }));
  }

  async availability(q: AvailabilityQuery, now: string): Promise<AvailabilityAnswer> {
    const { service, staffId, staffName } = await this.resolve(q);
    const free = (await this.times(service.id, staffId, staffName, q.date, now)).map(({ datetime: _d, ...s }) => s);
    const nextDates = free.length ? [] : (await this.datesBetween(service.id, staffId, addDays(q.date, 1), addDays(q.date, 14), now)).slice(0, 3);
    return dayAnswer(q, service.name, free, nextDates);
  }

  async freeDates(q: { service: string; staff?: string | null; from: string; days: number }, now: string): Promise<string[]> {
    const { service, staffId } = await this.resolve(q);
    return this.datesBetween(service.id, staffId, q.from, addDays(q.from, q.days - 1), now);
  }

  /** book_dates filters by month only (its documented `date`): one request per month of the range, the range cut here. */
  private async datesBetween(serviceId: string, staffId: number, from: string, to: string, now: string): Promise<string[]> {
    const months: string[] = [];
    for (let m = `${from.slice(0, 7)}-01`; m <= to && months.length < 3; m = addDays(`${m.slice(0, 7)}-28`, 4).slice(0, 7) + '-01') months.push(m);
    const dates = new Set<string>();
    for (const month of months) {
      for (const d of await this.api.bookDates(this.companyId, { serviceIds: [Number(serviceId)], staffId: staffId || undefined, date: month })) dates.add(d);
    }
    return [...dates].filter((d) => d >= from && d >= now.slice(0, 10) && d <= to).sort();
  }

  async create(op: CreateOp, now: string): Promise<BookingOpResult> {
    const { service, staffId, staffName } = await this.resolve(op);
    if (op.phone) {
      // A retried confirmation (same call, same slot) finds the record it already made instead of booking twice.
      const existing = (await this.findByPhone(op.phone, now)).find((r) => r.date === op.date && r.time === op.time && r.service === service.name);
      if (existing) return { status: 'booked', booking: existing };
    }
    const free = await this.times(service.id, staffId, staffName, op.date, now);
    const slot = free.find((s) => s.time === op.time);
    const alternatives = () => nearestAlternatives(free, op.time, 2).map(({ datetime: _d, ...s }) => s);
    if (!slot) return { status: 'taken', alternatives: alternatives() };
    try {
      const made = await this.api.bookRecord(this.companyId, {
        phone: op.phone ? normalizePhone(op.phone) : '', fullname: op.name ?? 'Клиент (звонок)', comment: 'Запись голосовым ботом', apiId: op.idempotencyKey,
        serviceId: Number(service.id), staffId, datetime: slot.datetime,
      });
      return {
        status: 'booked',
        booking: { id: String(made.record_id), service: service.name, date: op.date, time: op.time, staffName: staffName || null, phone: op.phone ? normalizePhone(op.phone) : null, status: 'confirmed' },
      };
    } catch (e) {
      if (e instanceof YclientsClientBlacklisted) return blacklisted();
      if (!(e instanceof YclientsSlotTaken)) throw e;
      const fresh = await this.times(service.id, staffId, staffName, op.date, now);
      return { status: 'taken', alternatives: nearestAlternatives(fresh, op.time, 2).map(({ datetime: _d, ...s }) => s) };
    }
  }

  async findByPhone(phone: string, now: string): Promise<BookingRecord[]> {
    const clients = (await this.api.clientsByPhone(this.companyId, normalizePhone(phone))).slice(0, 3);
    const out: BookingRecord[] = [];
    for (const c of clients) {
      for (const r of await this.api.records(this.companyId, { clientId: c.id, startDate: now.slice(0, 10) })) {
        if (!r.deleted) out.push(toRecord(r, c.phone ?? phone));
      }
    }
    return out.sort((a, b) => `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`));
  }

  async cancel(bookingId: string): Promise<BookingOpResult> {
    const id = Number(bookingId);
    if (!Number.isInteger(id)) throw new BookingError('not_found', 'booking not found');
    const record = await this.api.record(this.companyId, id);
    await this.api.deleteRecord(this.companyId, id);
    return { status: 'cancelled', booking: { ...toRecord(record, record.client?.phone ?? null), status: 'cancelled' } };
  }

  async move(op: MoveOp, now: string): Promise<BookingOpResult> {
    const id = Number(op.bookingId);
    if (!Number.isInteger(id)) throw new BookingError('not_found', 'booking not found');
    const record = await this.api.record(this.companyId, id);
    const serviceId = String(record.services[0]?.id ?? '');
    const staffName = record.staff?.name ?? '';
    const free = await this.times(serviceId, record.staff_id, staffName, op.date, now);
    const slot = free.find((s) => s.time === op.time);
    const taken = (): BookingOpResult => ({ status: 'taken', alternatives: nearestAlternatives(free, op.time, 2).map(({ datetime: _d, ...s }) => s) });
    if (!slot) return taken();
    try {
      await this.api.moveRecord(this.companyId, id, slot.datetime);
    } catch (e) {
      if (e instanceof YclientsSlotTaken) return taken();
      if (e instanceof YclientsClientBlacklisted) return blacklisted();
      throw e;
    }
    return { status: 'booked', booking: { ...toRecord(record, record.client?.phone ?? null), date: op.date, time: op.time } };
  }
}

/** Nothing was booked and the bot must not retry: a person takes the request (the engine makes it a callback). */
const blacklisted = (): BookingOpResult => ({ status: 'error', message: 'YCLIENTS refused the booking for this client (blacklisted): an administrator must handle it' });

function toRecord(r: YcRecord, phone: string | null): BookingRecord {
  return {
    id: String(r.id),
    service: r.services.map((s) => s.title).join(', '),
    date: r.datetime.slice(0, 10),
    time: r.datetime.slice(11, 16),
    staffName: r.staff?.name ?? null,
    phone: phone ? normalizePhone(phone) : null,
    status: r.deleted ? 'cancelled' : 'confirmed',
  };
}
