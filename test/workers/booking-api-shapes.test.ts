import { describe, expect, it } from 'vitest';
import { SAT, salonWithCalendar } from './booking-support.ts';
import { api } from './support.ts';

describe('booking API in the same shapes as the rest of the API and the config', () => {
  it('availability and appointments answer in snake_case', async () => {
    const { bot, key } = await salonWithCalendar();
    const made = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'маникюр', date: SAT, time: '10:00', staff: 'Ольга' } });
    expect(made.status).toBe(201);
    expect(Object.keys(made.body).sort()).toEqual(['date', 'id', 'phone', 'service', 'staff_name', 'status', 'time']);
    const free = await api('GET', `/bots/${bot.id}/availability?service=маникюр&date=${SAT}&time=10:00&staff=Ольга`, { key });
    expect(Object.keys(free.body).sort()).toEqual(['alternatives', 'date', 'free', 'next_dates', 'requested', 'service', 'status']);
    expect(free.body.alternatives[0]).toEqual({ date: SAT, time: expect.any(String), staff_id: expect.stringMatching(/^stf_/), staff_name: 'Ольга' });
    const taken = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'маникюр', date: SAT, time: '10:00', staff: 'Ольга' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.alternatives[0]).toHaveProperty('staff_name', 'Ольга');
    const list = await api('GET', `/bots/${bot.id}/appointments?from=${SAT}&to=${SAT}`, { key });
    expect(list.body.appointments[0]).toMatchObject({ staff_name: 'Ольга', call_id: null, source: 'api' });
  });

  it('staff hours take the config\'s schedule form ("mon-fri": "09:00-21:00", sun: closed)', async () => {
    const { bot, key, staff } = await salonWithCalendar();
    const put = await api('PUT', `/bots/${bot.id}/staff/${staff.marina}/hours`, { key, body: { 'mon-fri': '09:00-21:00', sat: '10:00-16:00', sun: 'closed' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ mon: { open: '09:00', close: '21:00' }, fri: { open: '09:00', close: '21:00' }, sat: { open: '10:00', close: '16:00' }, sun: null });
    const bad = await api('PUT', `/bots/${bot.id}/staff/${staff.marina}/hours`, { key, body: { 'mon-fri': '9 to 5' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'json.mon-fri', message: expect.stringContaining('HH:MM-HH:MM') });
  });

  it('staff services by id or by name; an unknown name is named in the 422', async () => {
    const { bot, key, services } = await salonWithCalendar();
    const svetlana = await api('POST', `/bots/${bot.id}/staff`, { key, body: { name: 'Светлана', services: ['Маникюр', 'стрижка'] } });
    expect(svetlana.status, JSON.stringify(svetlana.body)).toBe(201);
    expect(new Set(svetlana.body.service_ids)).toEqual(new Set([services.mani, services.cut]));
    const patched = await api('PATCH', `/bots/${bot.id}/staff/${svetlana.body.id}`, { key, body: { services: [services.mani] } });
    expect(patched.body.service_ids).toEqual([services.mani]);
    const bad = await api('POST', `/bots/${bot.id}/staff`, { key, body: { name: 'Вера', services: ['массаж спины'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: 'json.services', message: 'no service массаж спины' }]);
  });
});
