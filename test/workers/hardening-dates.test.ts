import { describe, expect, it } from 'vitest';
import { api, SERVICE_TOKEN } from './support.ts';
import { SAT, salonWithCalendar } from './booking-support.ts';

const year = (n: number) => String(new Date().getUTCFullYear() + n);

describe('hardening: only real calendar dates inside the booking horizon', { timeout: 60_000 }, () => {
  it('refuses month 13, 30 February and year 9999 in availability, with 422 naming the field', async () => {
    const { bot, key } = await salonWithCalendar();
    for (const date of [`${year(0)}-13-01`, `${year(1)}-02-30`, `${year(1)}-04-31`, '2099-02-30', '9999-01-01']) {
      const res = await api('GET', `/bots/${bot.id}/availability?service=${encodeURIComponent('маникюр')}&date=${date}`, { key });
      expect(res.status, `${date}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: expect.stringContaining('date') }));
      const internal = await api('POST', `/internal/bots/${bot.id}/availability`, { key: SERVICE_TOKEN, body: { service: 'маникюр', date } });
      expect(internal.status, `internal ${date}`).toBe(422);
    }
  });

  it('books 2 March once: 30 February no longer rolls into it', async () => {
    const { bot, key } = await salonWithCalendar();
    const feb30 = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'маникюр', date: `${year(1)}-02-30`, time: '11:00', staff: 'Ольга' } });
    expect(feb30.status).toBe(422);
    const mar2 = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'маникюр', date: `${year(1)}-03-02`, time: '11:00', staff: 'Ольга' } });
    expect([201, 409], JSON.stringify(mar2.body)).toContain(mar2.status); // 2 March may be a day off; never a second booking
  });

  it('refuses a booking, a move or free dates more than two years ahead, and keeps nearer ones', async () => {
    const { bot, key } = await salonWithCalendar();
    const far = `${year(3)}-03-01`;
    const booked = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'маникюр', date: far, time: '11:00' } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(422);
    expect(booked.body.error.code).toBe('date_out_of_range');
    const dates = await api('GET', `/bots/${bot.id}/availability/dates?service=${encodeURIComponent('маникюр')}&from=${far}`, { key });
    expect(dates.status).toBe(422);
    const internal = await api('POST', `/internal/bots/${bot.id}/bookings`, {
      key: SERVICE_TOKEN,
      body: { idempotency_key: 'call_far:booking', service: 'маникюр', date: far, time: '11:00', phone: '+79161234567' },
    });
    expect(internal.status, JSON.stringify(internal.body)).toBe(422);
    const near = await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'маникюр', date: SAT, time: '11:00' } });
    expect(near.status, JSON.stringify(near.body)).toBe(201);
  });

  it('the bot refuses a date two years ahead in the chat and offers the nearest days', async () => {
    const { bot, key } = await salonWithCalendar();
    const res = await api('POST', `/bots/${bot.id}/chat`, {
      key,
      body: { now: '2026-11-25T10:00:00+03:00', lines: ['запишите на маникюр на первое марта две тысячи тридцатого года'] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reply).toContain('Так далеко вперёд мы не записываем');
    expect(res.body.fields.date).toBeUndefined();
  });
});
