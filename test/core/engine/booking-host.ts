import {
  addDays,
  dayAnswer,
  freeDates,
  freeSlots,
  matchService,
  matchStaff,
  nearestAlternatives,
  toMinutes,
  fromMinutes,
  type AvailabilityAnswer,
  type AvailabilityQuery,
  type BookingOp,
  type BookingOpResult,
  type BookingRecord,
  type BusyInterval,
  type CalendarSnapshot,
  type HoursException,
} from '../../../core/booking/index.ts';
import { BookingConfigSchema } from '../../../core/config/booking-config.ts';
import { createDialog, dialogTurn, type DialogInput, type DialogState } from '../../../core/engine/index.ts';
import type { BotConfig } from '../../../core/config/index.ts';
import { NOW, loadConfig } from './harness.ts';

const NOW_LOCAL = '2026-11-25 10:00';

/** The salon bot with real bookings switched on. */
export function bookingSalon(): BotConfig {
  return loadConfig('salon-bot-1', { booking: BookingConfigSchema.parse({ provider: 'builtin' }) });
}

/** A salon calendar: manicure 60 min (Ольга, Марина), haircut 90 min (Ольга); Mon–Sat 10–19. */
export function salonCalendar(): CalendarSnapshot & { busy: BusyInterval[]; exceptions: HoursException[] } {
  const days = [1, 2, 3, 4, 5, 6];
  return {
    services: [
      { id: 'mani', name: 'Маникюр', synonyms: ['ногти'], durationMin: 60, price: 1500 },
      { id: 'cut', name: 'Женская стрижка', synonyms: ['стрижка', 'подстричься'], durationMin: 90, price: 2000 },
    ],
    staff: [
      { id: 'olga', name: 'Ольга', serviceIds: ['mani', 'cut'] },
      { id: 'marina', name: 'Марина', serviceIds: ['mani'] },
    ],
    hours: days.flatMap((weekday) => [
      { staffId: 'olga', weekday, open: '10:00', close: '19:00' },
      { staffId: 'marina', weekday, open: '10:00', close: '19:00' },
    ]),
    exceptions: [],
    busy: [],
  };
}

interface Booked extends BookingRecord { staffId: string; serviceId: string; key: string | null }

/**
 * What the agent-host and the Worker do for the engine, over an in-memory calendar computed with core/booking:
 * availability, create (idempotent by key), find by phone, cancel, move.
 */
export class FakeBookingHost {
  readonly bookings: Booked[] = [];
  readonly requests: (AvailabilityQuery | BookingOp)[] = [];
  /** Called right before a create is carried out (e.g. someone else takes the slot). */
  beforeCreate: (() => void) | null = null;
  constructor(readonly cal = salonCalendar()) {}

  private resolve(q: { service: string; staff?: string | null }) {
    const service = matchService(this.cal.services, q.service);
    const staff = q.staff ? matchStaff(this.cal.staff, q.staff) : null;
    return { service, staff };
  }

  availability(q: AvailabilityQuery): AvailabilityAnswer {
    this.requests.push(q);
    const { service, staff } = this.resolve(q);
    const empty = { service: null, date: q.date, free: [], requested: null, alternatives: [], nextDates: [] };
    if (!service) return { status: 'unknown_service', ...empty };
    if (q.staff && !staff) return { status: 'unknown_staff', ...empty };
    const free = freeSlots(this.cal, { serviceId: service.id, date: q.date, staffId: staff?.id ?? null, notBefore: NOW_LOCAL });
    const nextDates = free.length ? [] : freeDates(this.cal, { serviceId: service.id, staffId: staff?.id ?? null, notBefore: NOW_LOCAL, from: addDays(q.date, 1), days: 14 }).slice(0, 3);
    return dayAnswer(q, service.name, free, nextDates);
  }

  /** Someone else books a slot (another call, the admin). */
  take(staffId: string, date: string, start: string, minutes = 60) {
    this.cal.busy.push({ staffId, date, start, end: fromMinutes(toMinutes(start) + minutes) });
  }

  booking(op: BookingOp): BookingOpResult {
    this.requests.push(op);
    switch (op.op) {
      case 'create': {
        const replay = this.bookings.find((b) => b.key === op.idempotencyKey);
        if (replay) return { status: 'booked', booking: replay };
        this.beforeCreate?.();
        const { service, staff } = this.resolve(op);
        const free = freeSlots(this.cal, { serviceId: service!.id, date: op.date, staffId: staff?.id ?? null, notBefore: NOW_LOCAL });
        const slot = free.find((s) => s.time === op.time);
        if (!slot) return { status: 'taken', alternatives: nearestAlternatives(free, op.time, 2) };
        this.take(slot.staffId, op.date, op.time, service!.durationMin);
        const b: Booked = { id: `b${this.bookings.length + 1}`, service: service!.name, date: op.date, time: op.time, staffName: slot.staffName, phone: op.phone ?? null, status: 'confirmed', staffId: slot.staffId, serviceId: service!.id, key: op.idempotencyKey };
        this.bookings.push(b);
        return { status: 'booked', booking: b };
      }
      case 'find':
        return { status: 'found', bookings: this.bookings.filter((b) => b.phone === op.phone && b.status === 'confirmed') };
      case 'cancel': {
        const b = this.bookings.find((x) => x.id === op.bookingId)!;
        b.status = 'cancelled';
        this.cal.busy = this.cal.busy.filter((x) => !(x.staffId === b.staffId && x.date === b.date && x.start === b.time));
        return { status: 'cancelled', booking: b };
      }
      case 'move': {
        const b = this.bookings.find((x) => x.id === op.bookingId)!;
        const service = this.cal.services.find((s) => s.id === b.serviceId)!;
        const free = freeSlots(this.cal, { serviceId: service.id, date: op.date, staffId: b.staffId, notBefore: NOW_LOCAL });
        if (!free.some((s) => s.time === op.time)) return { status: 'taken', alternatives: nearestAlternatives(free, op.time, 2) };
        this.cal.busy = this.cal.busy.filter((x) => !(x.staffId === b.staffId && x.date === b.date && x.start === b.time));
        this.take(b.staffId, op.date, op.time, service.durationMin);
        Object.assign(b, { date: op.date, time: op.time });
        return { status: 'booked', booking: b };
      }
    }
  }
}

export interface BookingRun {
  replies: string[];
  state: DialogState;
  transcript: string;
}

/** Plays caller lines; availability and booking requests are answered by the host at once. */
export function runBookingDialogue(config: BotConfig, lines: readonly string[], host: FakeBookingHost, opts: { callerNumber?: string } = {}): BookingRun {
  let state = createDialog(config, opts);
  const replies: string[] = [];
  const log: string[] = [];
  const play = (input: DialogInput): void => {
    const step = dialogTurn(config, JSON.parse(JSON.stringify(state)) as DialogState, input, { now: NOW });
    state = step.state;
    for (const a of step.actions) {
      if (a.type === 'say') {
        replies.push(a.text);
        log.push(`Бот: ${a.text}`);
      } else if (a.type === 'availability_request') play({ type: 'availability_result', answer: host.availability(a.query) });
      else if (a.type === 'booking_request') play({ type: 'booking_result', result: host.booking(a.op) });
    }
  };
  play({ type: 'start' });
  for (const line of lines) {
    if (state.phase === 'ended') break;
    log.push(`Клиент: ${line}`);
    play({ type: 'speech', text: line });
  }
  return { replies, state, transcript: log.join('\n') };
}
