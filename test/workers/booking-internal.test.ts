import { describe, expect, it } from 'vitest';
import { SAT, salonWithCalendar } from './booking-support.ts';
import { SERVICE_TOKEN, api, scenarioText } from './support.ts';

const book = (botId: string, body: Record<string, unknown>) => api('POST', `/internal/bots/${botId}/bookings`, { key: SERVICE_TOKEN, body });

describe('internal booking routes (agent-host, service token)', () => {
  it('availability for the call, by the words the caller used, and only with the service token', async () => {
    const { bot, key } = await salonWithCalendar();
    const res = await api('POST', `/internal/bots/${bot.id}/availability`, { key: SERVICE_TOKEN, body: { service: 'ногти', date: SAT, time: '11:00', staff: 'марине' } });
    expect(res.status).toBe(200);
    expect(res.body.requested).toMatchObject({ time: '11:00', staffName: 'Марина' });
    expect((await api('POST', `/internal/bots/${bot.id}/availability`, { key, body: { service: 'ногти', date: SAT } })).status).toBe(401);
    expect((await api('POST', `/internal/bots/bot_nope/availability`, { key: SERVICE_TOKEN, body: { service: 'ногти', date: SAT } })).status).toBe(404);
  });

  it('a replayed confirmation (same idempotency key) returns the same booking; the call id is kept', async () => {
    const { bot, key } = await salonWithCalendar();
    const body = { idempotency_key: 'call_1:booking', call_id: 'call_1', service: 'маникюр', date: SAT, time: '12:00', phone: '+79161234567' };
    const first = await book(bot.id, body);
    const again = await book(bot.id, body);
    expect(first.body).toMatchObject({ status: 'booked', booking: { time: '12:00', service: 'Маникюр' } });
    expect(again.body.booking.id).toBe(first.body.booking.id);
    const listed = await api('GET', `/bots/${bot.id}/appointments?from=${SAT}`, { key });
    expect(listed.body.appointments).toEqual([expect.objectContaining({ call_id: 'call_1', source: 'call' })]);
  });

  it('find by phone, move to a free time, refuse a taken one, cancel', async () => {
    const { bot } = await salonWithCalendar();
    const made = await book(bot.id, { idempotency_key: 'c2:booking', service: 'стрижка', date: SAT, time: '12:00', staff: 'Ольга', phone: '8 916 555 44 33' });
    await book(bot.id, { idempotency_key: 'c3:booking', service: 'маникюр', date: SAT, time: '15:00', staff: 'Ольга', phone: '+79990000000' });
    const found = await api('GET', `/internal/bots/${bot.id}/bookings?phone=${encodeURIComponent('+7 (916) 555-44-33')}`, { key: SERVICE_TOKEN });
    expect(found.body.bookings).toEqual([expect.objectContaining({ id: made.body.booking.id, time: '12:00', staffName: 'Ольга' })]);

    const id = made.body.booking.id;
    const blocked = await api('POST', `/internal/bots/${bot.id}/bookings/${id}/move`, { key: SERVICE_TOKEN, body: { idempotency_key: 'c4:move', date: SAT, time: '14:30', staff: 'Ольга' } });
    expect(blocked.body.status).toBe('taken');
    expect(blocked.body.alternatives.map((s: any) => s.time)).toEqual(['13:30', '16:00']);
    const moved = await api('POST', `/internal/bots/${bot.id}/bookings/${id}/move`, { key: SERVICE_TOKEN, body: { idempotency_key: 'c4:move', date: SAT, time: '12:30' } });
    expect(moved.body).toMatchObject({ status: 'booked', booking: { id, time: '12:30' } });

    const cancelled = await api('POST', `/internal/bots/${bot.id}/bookings/${id}/cancel`, { key: SERVICE_TOKEN });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', booking: { id, status: 'cancelled' } });
    const after = await api('GET', `/internal/bots/${bot.id}/bookings?phone=89165554433`, { key: SERVICE_TOKEN });
    expect(after.body.bookings).toEqual([]);
  });
});

describe('no double booking', () => {
  it('50 simultaneous confirmations of one slot: exactly one booking, 49 offered alternatives', async () => {
    const { bot, key } = await salonWithCalendar();
    // Only Ольга does haircuts, so 12:00 is one slot.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => book(bot.id, { idempotency_key: `race_${i}:booking`, call_id: `race_${i}`, service: 'женская стрижка', date: SAT, time: '12:00', phone: `+7916000${String(i).padStart(4, '0')}` })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const booked = results.filter((r) => r.body.status === 'booked');
    const taken = results.filter((r) => r.body.status === 'taken');
    expect(booked).toHaveLength(1);
    expect(taken).toHaveLength(49);
    for (const t of taken) expect(t.body.alternatives.map((s: any) => s.time)).toEqual(['10:30', '13:30']);
    const day = await api('GET', `/bots/${bot.id}/appointments?from=${SAT}&to=${SAT}&status=confirmed`, { key });
    expect(day.body.appointments).toHaveLength(1);
  }, 120_000); // 50 round-trips through one D1 on a shared 2-core machine; the assertion is on counts, not time

  it('overlapping (not equal) starts of different services race too: one wins', async () => {
    const { bot, key } = await salonWithCalendar();
    const [a, b] = await Promise.all([
      book(bot.id, { idempotency_key: 'o1:booking', service: 'стрижка', date: SAT, time: '12:00', staff: 'Ольга' }),
      book(bot.id, { idempotency_key: 'o2:booking', service: 'маникюр', date: SAT, time: '12:30', staff: 'Ольга' }),
    ]);
    expect([a.body.status, b.body.status].sort()).toEqual(['booked', 'taken']);
    expect((await api('GET', `/bots/${bot.id}/appointments?from=${SAT}&status=confirmed`, { key })).body.appointments).toHaveLength(1);
  });
});

describe('provider selection', () => {
  it('a bot on YCLIENTS without the Worker secrets answers 503 naming them (tokens never live in configs)', async () => {
    const { company, bot } = await salonWithCalendar();
    const yaml = `${scenarioText('salon-bot-1.yaml')}\nbooking:\n  provider: yclients\n  yclients: { company_id: 4564 }\n`;
    const put = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: yaml, headers: { 'content-type': 'application/yaml' } });
    expect(put.status).toBe(200);
    const res = await api('POST', `/internal/bots/${bot.id}/availability`, { key: SERVICE_TOKEN, body: { service: 'маникюр', date: SAT } });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'misconfigured', message: expect.stringContaining('YCLIENTS_PARTNER_TOKEN') });
  });

  it('a config naming YCLIENTS without its company id is refused with the path', async () => {
    const { company, bot } = await salonWithCalendar();
    const yaml = `${scenarioText('salon-bot-1.yaml')}\nbooking:\n  provider: yclients\n`;
    const put = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: yaml, headers: { 'content-type': 'application/yaml' } });
    expect(put.status).toBe(422);
    expect(JSON.stringify(put.body.error.details)).toContain('booking.yclients');
  });
});
