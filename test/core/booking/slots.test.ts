import { describe, expect, it } from 'vitest';
import {
  freeDates,
  freeSlots,
  matchService,
  matchStaff,
  nearestAlternatives,
  slotAt,
  spreadTimes,
  type CalendarSnapshot,
} from '../../../core/booking/index.ts';
import { salonCalendar } from '../engine/booking-host.ts';

// Friday 27 November 2026; Saturday 28; Sunday 29.
const FRI = '2026-11-27';
const SAT = '2026-11-28';
const SUN = '2026-11-29';

function salon(patch: Partial<CalendarSnapshot> = {}): CalendarSnapshot {
  const weekdays = [1, 2, 3, 4, 5, 6];
  return {
    services: salonCalendar().services,
    staff: [
      { id: 'olga', name: 'Ольга', serviceIds: ['mani', 'cut'] },
      { id: 'marina', name: 'Марина Соколова', serviceIds: ['mani'] },
    ],
    hours: [
      ...weekdays.map((weekday) => ({ staffId: 'olga', weekday, open: '10:00', close: '19:00' })),
      ...weekdays.filter((d) => d !== 6).map((weekday) => ({ staffId: 'marina', weekday, open: '12:00', close: '20:00' })),
    ],
    exceptions: [],
    busy: [],
    ...patch,
  };
}

const times = (slots: { time: string }[]) => slots.map((s) => s.time);

describe('freeSlots', () => {
  const cases: { name: string; cal: CalendarSnapshot; q: Parameters<typeof freeSlots>[1]; first: string[]; count?: number }[] = [
    { name: 'one master, 60-min service, 30-min step, last start fits before close', cal: salon(), q: { serviceId: 'mani', date: SAT }, first: ['10:00', '10:30'], count: 17 },
    { name: 'two masters on a weekday: both offered, in time order', cal: salon(), q: { serviceId: 'mani', date: FRI, staffId: null }, first: ['10:00', '10:30', '11:00', '11:30', '12:00', '12:00'] },
    { name: 'only the master asked for', cal: salon(), q: { serviceId: 'mani', date: FRI, staffId: 'marina' }, first: ['12:00', '12:30'], count: 15 },
    { name: 'a 90-min service ends by closing', cal: salon(), q: { serviceId: 'cut', date: SAT }, first: ['10:00'], count: 16 },
    { name: 'Sunday: nobody works', cal: salon(), q: { serviceId: 'mani', date: SUN }, first: [], count: 0 },
    { name: 'notBefore hides the past of today', cal: salon(), q: { serviceId: 'mani', date: SAT, notBefore: `${SAT} 17:15` }, first: ['17:30', '18:00'], count: 2 },
    { name: 'notBefore on a later day hides the whole date', cal: salon(), q: { serviceId: 'mani', date: FRI, notBefore: `${SAT} 09:00` }, first: [], count: 0 },
    { name: 'unknown service: nothing', cal: salon(), q: { serviceId: 'nails-art', date: SAT }, first: [], count: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const slots = freeSlots(c.cal, c.q);
      expect(times(slots).slice(0, c.first.length)).toEqual(c.first);
      if (c.count !== undefined) expect(slots).toHaveLength(c.count);
    });
  }

  it('a booking blocks every start that would overlap it, not the ones that touch it', () => {
    const cal = salon({ busy: [{ staffId: 'olga', date: SAT, start: '15:00', end: '16:00' }] });
    const slots = times(freeSlots(cal, { serviceId: 'mani', date: SAT }));
    expect(slots).toContain('14:00');
    expect(slots).not.toContain('14:30');
    expect(slots).not.toContain('15:00');
    expect(slots).not.toContain('15:30');
    expect(slots).toContain('16:00');
  });

  it('a day off for one master (exception) and special short hours for everyone', () => {
    const off = salon({ exceptions: [{ staffId: 'olga', date: FRI, open: null, close: null }] });
    expect(new Set(freeSlots(off, { serviceId: 'mani', date: FRI }).map((s) => s.staffId))).toEqual(new Set(['marina']));
    const short = salon({ exceptions: [{ staffId: null, date: SAT, open: '10:00', close: '13:00' }] });
    expect(times(freeSlots(short, { serviceId: 'mani', date: SAT }))).toEqual(['10:00', '10:30', '11:00', '11:30', '12:00']);
    const holiday = salon({ exceptions: [{ staffId: 'olga', date: SUN, open: '11:00', close: '13:00' }] });
    expect(times(freeSlots(holiday, { serviceId: 'mani', date: SUN }))).toEqual(['11:00', '11:30', '12:00']);
  });

  it('slotAt finds the requested time only when it is free', () => {
    const cal = salon({ busy: [{ staffId: 'olga', date: SAT, start: '15:00', end: '16:00' }] });
    expect(slotAt(cal, { serviceId: 'mani', date: SAT }, '15:00')).toBeNull();
    expect(slotAt(cal, { serviceId: 'mani', date: SAT }, '16:00')).toMatchObject({ staffId: 'olga', staffName: 'Ольга' });
  });
});

describe('nearestAlternatives', () => {
  const cal = salon({
    busy: [
      { staffId: 'olga', date: SAT, start: '10:00', end: '16:30' },
      { staffId: 'olga', date: SAT, start: '17:30', end: '18:00' },
    ],
  });
  const slots = freeSlots(cal, { serviceId: 'mani', date: SAT });

  const cases: [string, number, string[]][] = [
    ['15:00', 2, ['16:30', '18:00']],
    ['19:00', 2, ['16:30', '18:00']],
    ['16:30', 1, ['18:00']],
    ['10:00', 3, ['16:30', '18:00']],
  ];
  for (const [time, n, want] of cases) {
    it(`${time} taken → ${want.join(', ')}`, () => expect(times(nearestAlternatives(slots, time, n))).toEqual(want));
  }

  it('ties go to the later time; one entry per time even with two masters', () => {
    const both = freeSlots(salon({ busy: [{ staffId: 'olga', date: FRI, start: '14:00', end: '15:00' }, { staffId: 'marina', date: FRI, start: '12:00', end: '16:00' }] }), { serviceId: 'mani', date: FRI });
    expect(times(nearestAlternatives(both, '14:00', 2))).toEqual(['13:00', '15:00']);
    expect(times(nearestAlternatives(both, '14:30', 1))).toEqual(['15:00']);
  });
});

describe('freeDates and spreadTimes', () => {
  it('skips Sunday and a holiday', () => {
    const cal = salon({ exceptions: [{ staffId: null, date: '2026-11-30', open: null, close: null }] });
    expect(freeDates(cal, { serviceId: 'cut', from: SAT, days: 4 })).toEqual([SAT, '2026-12-01']);
  });

  it('reads out first, middle and last time of a day', () => {
    expect(times(spreadTimes(freeSlots(salon(), { serviceId: 'mani', date: SAT }), 3))).toEqual(['10:00', '14:00', '18:00']);
  });
});

describe('matching the caller words to services and staff', () => {
  const cal = salon();
  const cases: [string, string | null][] = [
    ['ну эээ на маникюр', 'mani'],
    ['хочу подстричься', 'cut'],
    ['женскую стрижку короче', 'cut'],
    ['ногти сделать', 'mani'],
    ['cut', 'cut'],
    ['педикюр', null],
    ['стрижку', 'cut'],
  ];
  for (const [said, id] of cases) it(`"${said}" → ${id}`, () => expect(matchService(cal.services, said)?.id ?? null).toBe(id));

  it('part of a name when no name is said whole: the shorter name among equals', () => {
    const services = [
      { id: 'w', name: 'Стрижка женская', synonyms: [] },
      { id: 'm', name: 'Стрижка мужская', synonyms: [] },
      { id: 'k', name: 'Стрижка', synonyms: [] },
      { id: 'b', name: 'Борода и усы', synonyms: [] },
    ];
    expect(matchService(services, 'ну подстричь эээ стрижку')?.id).toBe('k');
    expect(matchService(services, 'мужскую стрижку')?.id).toBe('m');
    expect(matchService(services.slice(0, 2), 'стрижку хочу')?.id).toBe('w');
    expect(matchService(services, 'бороду')?.id).toBe('b');
    expect(matchService(services, 'женскую')?.id).toBe('w');
    expect(matchService(services, 'маникюр')).toBeNull();
  });

  it('finds masters by any declined form of the name', () => {
    expect(matchStaff(cal.staff, 'к ольге')?.id).toBe('olga');
    expect(matchStaff(cal.staff, 'у марины можно')?.id).toBe('marina');
    expect(matchStaff(cal.staff, 'к соколовой')?.id).toBe('marina');
    expect(matchStaff(cal.staff, 'к светлане')).toBeNull();
  });
});
