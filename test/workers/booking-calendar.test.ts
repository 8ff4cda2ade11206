import { describe, expect, it } from 'vitest';
import { afterSat, SAT, salonWithCalendar } from './booking-support.ts';
import { api, createCompany } from './support.ts';

const times = (slots: { time: string }[]) => [...new Set(slots.map((s) => s.time))];

describe('built-in calendar: services, staff, hours', () => {
  it('CRUD of services and staff, weekly hours per master', async () => {
    const { bot, key, services, staff } = await salonWithCalendar();

    const list = await api('GET', `/bots/${bot.id}/services`, { key });
    expect(list.body.services.map((s: any) => [s.name, s.duration_min, s.price])).toEqual([['Женская стрижка', 90, 2000], ['Маникюр', 60, 1500]]);
    const patched = await api('PATCH', `/bots/${bot.id}/services/${services.mani}`, { key, body: { duration_min: 45 } });
    expect(patched.body).toMatchObject({ name: 'Маникюр', duration_min: 45, synonyms: ['ногти'] });

    const team = await api('GET', `/bots/${bot.id}/staff`, { key });
    expect(team.body.staff).toEqual([
      { id: staff.olga, name: 'Ольга', service_ids: expect.arrayContaining([services.mani, services.cut]) },
      { id: staff.marina, name: 'Марина', service_ids: [services.mani] },
    ]);
    const hours = await api('GET', `/bots/${bot.id}/staff/${staff.marina}/hours`, { key });
    expect(hours.body).toMatchObject({ sat: { open: '10:00', close: '19:00' }, sun: null });

    expect((await api('DELETE', `/bots/${bot.id}/staff/${staff.marina}`, { key })).status).toBe(204);
    expect((await api('GET', `/bots/${bot.id}/staff`, { key })).body.staff).toHaveLength(1);
  });

  it('names the problem: unknown service ids, bad hours, unknown staff', async () => {
    const { bot, key, staff } = await salonWithCalendar();
    const badStaff = await api('POST', `/bots/${bot.id}/staff`, { key, body: { name: 'Света', service_ids: ['svc_nope'] } });
    expect(badStaff.status).toBe(422);
    expect(badStaff.body.error.details).toEqual([{ path: 'json.service_ids', message: 'no service svc_nope' }]);
    const badHours = await api('PUT', `/bots/${bot.id}/staff/${staff.olga}/hours`, { key, body: { mon: { open: '19:00', close: '10:00' } } });
    expect(badHours.status).toBe(422);
    expect(JSON.stringify(badHours.body.error.details)).toContain('open must be before close');
    expect((await api('PUT', `/bots/${bot.id}/staff/stf_nope/hours`, { key, body: {} })).status).toBe(404);
  });

  it('imports services from a CSV price list, updating names that exist', async () => {
    const { bot, key } = await salonWithCalendar();
    const csv = 'Услуга;Длительность;Цена;Синонимы\nМаникюр;75;1700;ногти\nПедикюр;90 мин;2 200 ₽;ноги|педикюрчик\nМассаж;;3000;\n';
    const res = await api('POST', `/bots/${bot.id}/services/import`, { key, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 1, updated: 1, issues: [{ line: 4, message: '"Массаж": duration is not a number of minutes' }] });
    const list = (await api('GET', `/bots/${bot.id}/services`, { key })).body.services;
    expect(list.map((s: any) => [s.name, s.duration_min, s.price])).toEqual([['Женская стрижка', 90, 2000], ['Маникюр', 75, 1700], ['Педикюр', 90, 2200]]);
    const bad = await api('POST', `/bots/${bot.id}/services/import`, { key, body: 'Цена\n100', headers: { 'content-type': 'text/csv' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_price_list');
  });

  it("another company sees neither the calendar nor its availability", async () => {
    const { bot, staff } = await salonWithCalendar();
    const other = await createCompany('Чужой салон');
    expect((await api('GET', `/bots/${bot.id}/services`, { key: other.key })).status).toBe(404);
    expect((await api('PUT', `/bots/${bot.id}/staff/${staff.olga}/hours`, { key: other.key, body: {} })).status).toBe(404);
    expect((await api('GET', `/bots/${bot.id}/availability?service=маникюр&date=${SAT}`, { key: other.key })).status).toBe(404);
  });
});

describe('GET /bots/{id}/availability', () => {
  it('free slots by the service as a caller says it, for one master or any', async () => {
    const { bot, key } = await salonWithCalendar();
    const any = await api('GET', `/bots/${bot.id}/availability?service=${encodeURIComponent('на маникюр')}&date=${SAT}`, { key });
    expect(any.status).toBe(200);
    expect(any.body).toMatchObject({ status: 'ok', service: 'Маникюр', date: SAT, requested: null, alternatives: [], next_dates: [] });
    expect(times(any.body.free).slice(0, 3)).toEqual(['10:00', '10:30', '11:00']);
    expect(any.body.free.filter((s: any) => s.time === '10:00').map((s: any) => s.staff_name)).toEqual(['Ольга', 'Марина']);

    const olga = await api('GET', `/bots/${bot.id}/availability?service=${encodeURIComponent('стрижка')}&date=${SAT}&staff=${encodeURIComponent('к ольге')}`, { key });
    expect(new Set(olga.body.free.map((s: any) => s.staff_name))).toEqual(new Set(['Ольга']));
    expect(olga.body.free.at(-1).time).toBe('17:30');
  });

  it('a taken time gets the nearest alternatives; an exception closes the day and points to the next dates', async () => {
    const { bot, key, staff } = await salonWithCalendar();
    for (const [time, who] of [['15:00', 'Ольга'], ['15:00', 'Марина'], ['13:30', 'Марина'], ['16:00', 'Ольга']] as const) {
      const r = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'маникюр', date: SAT, time, staff: who } });
      expect(r.status).toBe(201);
    }
    const res = await api('GET', `/bots/${bot.id}/availability?service=${encodeURIComponent('маникюр')}&date=${SAT}&time=15:00`, { key });
    expect(res.body.requested).toBeNull();
    expect(times(res.body.alternatives)).toEqual(['14:00', '16:00']);

    await api('POST', `/bots/${bot.id}/exceptions`, { key, body: { date: SAT, staff_id: null, note: 'санитарный день' } });
    await api('POST', `/bots/${bot.id}/exceptions`, { key, body: { date: afterSat(2), staff_id: staff.olga } });
    const closed = await api('GET', `/bots/${bot.id}/availability?service=${encodeURIComponent('стрижку')}&date=${SAT}`, { key });
    expect(closed.body).toMatchObject({ free: [], next_dates: [afterSat(3), afterSat(4), afterSat(5)] });
  });

  it('free dates for a service skip Sundays, holidays and days a master is off', async () => {
    const { bot, key, staff } = await salonWithCalendar();
    await api('POST', `/bots/${bot.id}/exceptions`, { key, body: { date: afterSat(3), staff_id: null, note: 'праздник' } });
    await api('POST', `/bots/${bot.id}/exceptions`, { key, body: { date: afterSat(4), staff_id: staff.olga } });
    const cut = await api('GET', `/bots/${bot.id}/availability/dates?service=${encodeURIComponent('стрижку')}&from=${SAT}&days=6`, { key });
    expect(cut.body).toEqual({ service: 'стрижку', dates: [SAT, afterSat(2), afterSat(5)] });
    const mani = await api('GET', `/bots/${bot.id}/availability/dates?service=${encodeURIComponent('маникюр')}&from=${SAT}&days=6`, { key });
    expect(mani.body.dates).toEqual([SAT, afterSat(2), afterSat(4), afterSat(5)]);
    expect((await api('GET', `/bots/${bot.id}/availability/dates?service=x&from=${SAT}&days=100`, { key })).status).toBe(422);
  });

  it('unknown service or master is a 422 naming it', async () => {
    const { bot, key } = await salonWithCalendar();
    const svc = await api('GET', `/bots/${bot.id}/availability?service=${encodeURIComponent('татуировка')}&date=${SAT}`, { key });
    expect(svc.status).toBe(422);
    expect(svc.body.error).toMatchObject({ code: 'unknown_service', message: expect.stringContaining('татуировка') });
    const who = await api('GET', `/bots/${bot.id}/availability?service=${encodeURIComponent('маникюр')}&date=${SAT}&staff=${encodeURIComponent('Светлана')}`, { key });
    expect(who.body.error.code).toBe('unknown_staff');
    expect((await api('GET', `/bots/${bot.id}/availability?service=x&date=первое`, { key })).status).toBe(422);
  });
});

describe('appointments', () => {
  it('booking, overlap refused with alternatives (409), list and cancel frees the time', async () => {
    const { bot, key } = await salonWithCalendar();
    const made = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'Женская стрижка', date: SAT, time: '12:00', phone: '8 (916) 123-45-67', name: 'Анна' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ service: 'Женская стрижка', date: SAT, time: '12:00', staff_name: 'Ольга', phone: '+79161234567', status: 'confirmed' });

    const overlap = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'стрижка', date: SAT, time: '13:00' } });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.code).toBe('slot_taken');
    expect(times(overlap.body.error.details.alternatives)).toEqual(['13:30', '14:00']);

    const listed = await api('GET', `/bots/${bot.id}/appointments?from=${SAT}&to=${SAT}`, { key });
    expect(listed.body.appointments).toEqual([expect.objectContaining({ id: made.body.id, source: 'api', call_id: null })]);
    const cancelled = await api('DELETE', `/bots/${bot.id}/appointments/${made.body.id}`, { key });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'стрижка', date: SAT, time: '13:00' } })).status).toBe(201);
  });
});
