import type { BusyInterval, CalendarSnapshot, Slot, Staff } from './types.ts';
import { addDays, fromMinutes, toMinutes, weekdayOf } from './time.ts';

/** What to look for: a service on a date, optionally with one staff member. */
export interface SlotQuery {
  serviceId: string;
  date: string;
  staffId?: string | null;
  /** Local `YYYY-MM-DD HH:MM` before which nothing is offered (now, plus any lead time). */
  notBefore?: string | null;
}

const DEFAULT_STEP_MIN = 30;

/**
 * The opening interval of one staff member on a date in minutes, or null (day off). The staff member's own dated
 * exception replaces the weekly hours; a company-wide one (staffId null) closes the day or narrows the hours.
 */
export function workingInterval(cal: CalendarSnapshot, staffId: string, date: string): [number, number] | null {
  const own = cal.exceptions.find((e) => e.date === date && e.staffId === staffId);
  if (own) return own.open === null || own.close === null ? null : [toMinutes(own.open), toMinutes(own.close)];
  const week = cal.hours.find((h) => h.staffId === staffId && h.weekday === weekdayOf(date));
  if (!week) return null;
  const all = cal.exceptions.find((e) => e.date === date && e.staffId === null);
  if (!all) return [toMinutes(week.open), toMinutes(week.close)];
  if (all.open === null || all.close === null) return null;
  const open = Math.max(toMinutes(week.open), toMinutes(all.open));
  const close = Math.min(toMinutes(week.close), toMinutes(all.close));
  return open < close ? [open, close] : null;
}

/** Staff who do the service (all of them, or just the one asked for). */
export function staffFor(cal: CalendarSnapshot, serviceId: string, staffId?: string | null): Staff[] {
  return cal.staff.filter((s) => s.serviceIds.includes(serviceId) && (!staffId || s.id === staffId));
}

const overlaps = (start: number, end: number, b: BusyInterval) => start < toMinutes(b.end) && toMinutes(b.start) < end;

/**
 * Free start times for a service on a date, earliest first (several staff at one time: in staff order).
 * A slot fits fully inside opening hours and overlaps no busy interval of that staff member.
 * @example freeSlots(cal, { serviceId: 'manicure', date: '2026-11-27' }) // [{ time: '10:00', staffName: 'Ольга', … }, …]
 */
export function freeSlots(cal: CalendarSnapshot, q: SlotQuery): Slot[] {
  const service = cal.services.find((s) => s.id === q.serviceId);
  if (!service) return [];
  const step = cal.stepMin ?? DEFAULT_STEP_MIN;
  const [minDate, minTime] = q.notBefore?.split(' ') ?? [];
  if (minDate && q.date < minDate) return [];
  const earliest = minDate === q.date && minTime ? toMinutes(minTime) : 0;
  const out: Slot[] = [];
  for (const person of staffFor(cal, service.id, q.staffId)) {
    const open = workingInterval(cal, person.id, q.date);
    if (!open) continue;
    const busy = cal.busy.filter((b) => b.staffId === person.id && b.date === q.date);
    for (let start = open[0]; start + service.durationMin <= open[1]; start += step) {
      if (start < earliest) continue;
      if (busy.some((b) => overlaps(start, start + service.durationMin, b))) continue;
      out.push({ date: q.date, time: fromMinutes(start), staffId: person.id, staffName: person.name });
    }
  }
  return out.sort((a, b) => a.time.localeCompare(b.time));
}

/** Whether `time` on the query's date is free (with any staff member, or the one asked for); returns that slot. */
export function slotAt(cal: CalendarSnapshot, q: SlotQuery, time: string): Slot | null {
  return freeSlots(cal, q).find((s) => s.time === time) ?? null;
}

/** Dates from `from` (inclusive, `days` of them) with at least one free slot for the service. */
export function freeDates(cal: CalendarSnapshot, q: Omit<SlotQuery, 'date'> & { from: string; days: number }): string[] {
  const out: string[] = [];
  for (let i = 0; i < q.days; i++) {
    const date = addDays(q.from, i);
    if (freeSlots(cal, { ...q, date }).length) out.push(date);
  }
  return out;
}

/**
 * Up to `count` distinct free times nearest to the requested one (ties: the later first), returned in time order.
 * @example nearestAlternatives(slots, '15:00', 2) // 16:30, 18:00 when 14:00–16:00 is taken and 13:00 is far
 */
export function nearestAlternatives<T extends Slot>(slots: readonly T[], time: string, count = 2): T[] {
  const want = toMinutes(time);
  const byTime = new Map<string, T>();
  for (const s of slots) if (s.time !== time && !byTime.has(s.time)) byTime.set(s.time, s);
  const ranked = [...byTime.values()].sort((a, b) => {
    const da = Math.abs(toMinutes(a.time) - want);
    const db = Math.abs(toMinutes(b.time) - want);
    return da - db || toMinutes(b.time) - toMinutes(a.time);
  });
  return ranked.slice(0, count).sort((a, b) => a.time.localeCompare(b.time));
}

/**
 * The `ok` availability answer for one day from its free slots: the asked time if free, else its two nearest free
 * times; `nextDates` (free days after it) matter only when the day is full.
 */
export function dayAnswer<T extends Slot>(q: { date: string; time?: string | null | undefined }, service: string, free: T[], nextDates: string[]) {
  const requested = q.time ? (free.find((s) => s.time === q.time) ?? null) : null;
  const alternatives = q.time && !requested ? nearestAlternatives(free, q.time, 2) : [];
  return { status: 'ok' as const, service, date: q.date, free, requested, alternatives, nextDates: free.length ? [] : nextDates };
}

/** A few times spread over the day (first, middle, last …) to read out for "когда свободно в субботу?". */
export function spreadTimes(slots: readonly Slot[], count = 3): Slot[] {
  const unique: Slot[] = [];
  for (const s of slots) if (!unique.some((u) => u.time === s.time)) unique.push(s);
  if (unique.length <= count) return unique;
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (unique.length - 1)) / (count - 1)));
  return [...picked].map((i) => unique[i]!);
}
