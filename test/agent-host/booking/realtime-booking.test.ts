import { afterEach, describe, expect, it } from 'vitest';
import { HttpBookingClient } from '../../../agent-host/src/booking/index.ts';
import { RealtimeAgent } from '../../../agent-host/src/realtime-agent.ts';
import { NOW } from '../../core/engine/harness.ts';
import { bookingSalon } from '../../core/engine/booking-host.ts';
import { TOKEN, startBookingApi } from './booking-api-server.ts';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function agentWithApi(token = TOKEN) {
  const api = await startBookingApi();
  servers.push(api);
  const client = new HttpBookingClient({ baseUrl: api.url, token });
  const agent = new RealtimeAgent({ config: bookingSalon(), clock: () => NOW, booking: { client, botId: 'bot_salon' } });
  return { api, agent };
}

describe('RealtimeAgent with real bookings', () => {
  it('checks the slot through the internal routes, offers alternatives, books with call id + scenario as the key', async () => {
    const { api, agent } = await agentWithApi();
    api.host.take('olga', '2026-11-28', '14:00', 120);
    await agent.onCallStart({ callId: 'call-book-01', callerNumber: '+79161234567' });

    expect(await agent.onSpeech('ну запишите меня на стрижку в субботу в три')).toBe('В 15:00 занято, могу предложить 16:00 или 16:30. Какое время удобно?');
    expect(await agent.onSpeech('давайте первое')).toBe('Записать на номер, с которого вы звоните, +7 916 123-45-67?');
    expect(await agent.onSpeech('да')).toMatch(/^Давайте проверим: женская стрижка, в субботу, 28 ноября, в 16:00/);
    expect(await agent.onSpeech('да все верно')).toBe('Готово, вы записаны. Могу ещё чем-нибудь помочь?');

    // The day's lookup (prefetched), the taken time asked exactly (alternatives from the Worker); the picked offer
    // needed no lookup; then the booking.
    expect(api.log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /internal/bots/bot_salon/availability', 'POST /internal/bots/bot_salon/availability', 'POST /internal/bots/bot_salon/bookings']);
    expect(api.log.map((r) => r.body.time ?? null)).toEqual([null, '15:00', '16:00']);
    expect(api.log[0]!.body).toEqual({ service: 'стрижка', date: '2026-11-28', time: null, staff: null });
    expect(api.log[2]).toMatchObject({ auth: `Bearer ${TOKEN}`, body: { idempotency_key: 'call-book-01:booking:1', call_id: 'call-book-01', time: '16:00', phone: '+79161234567' } });
    expect(api.host.bookings).toEqual([expect.objectContaining({ time: '16:00', status: 'confirmed' })]);
    const result = await agent.onCallEnd();
    expect(result.outcome).toBe('booking_created');
  });

  it('a master the salon lacks (422 unknown_staff): said once, in the same reply as the next question', async () => {
    const { api, agent } = await agentWithApi();
    await agent.onCallStart({ callId: 'call-book-04' });
    expect(await agent.onSpeech('запишите к светлане на маникюр в субботу в три')).toBe('Такого мастера не нашла, посмотрю свободное время у всех. Оставьте номер для подтверждения');
    expect(api.log.map((r) => r.body.staff)).toEqual(['светлане', null]);
  });

  it('cancels by caller ID through the internal routes', async () => {
    const { api, agent } = await agentWithApi();
    api.host.booking({ op: 'create', idempotencyKey: 'old', service: 'маникюр', date: '2026-11-28', time: '15:00', staff: 'Ольга', phone: '+79161234567' });
    await agent.onCallStart({ callId: 'call-book-02', callerNumber: '+79161234567' });
    expect(await agent.onSpeech('мне надо отменить запись')).toBe('Нашла запись: маникюр, в субботу, 28 ноября, в 15:00, мастер Ольга. Отменить её?');
    expect(await agent.onSpeech('да')).toBe('Запись отменена. Могу ещё чем-нибудь помочь?');
    expect(api.log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /internal/bots/bot_salon/bookings?phone=%2B79161234567', `POST /internal/bots/bot_salon/bookings/b1/cancel`]);
    expect((await agent.onCallEnd()).outcome).toBe('booking_cancelled');
  });

  it('a booking API that refuses the token: no booking is reported, the call is a callback request', async () => {
    const { api, agent } = await agentWithApi('wrong-token');
    await agent.onCallStart({ callId: 'call-book-03', callerNumber: '+79161234567' });
    await agent.onSpeech('запишите на маникюр в субботу в три');
    await agent.onSpeech('да');
    expect(await agent.onSpeech('да')).toBe('Не получилось записать в системе, администратор перезвонит и подтвердит запись. Могу ещё чем-нибудь помочь?');
    expect(api.host.bookings).toEqual([]);
    const result = await agent.onCallEnd();
    expect(result.outcome).toBe('callback_requested');
    expect(result.fields).toMatchObject({ callback_reason: expect.stringContaining('запись не создана'), phone: '+79161234567' });
    expect(result.fields.booking_id).toBeUndefined();
  });

  it('a booking system that is down (connection refused): the caller is told, the result is a callback request', async () => {
    const { api, agent } = await agentWithApi();
    await api.close();
    await agent.onCallStart({ callId: 'call-book-05', callerNumber: '+79161234567' });
    await agent.onSpeech('эээ запишите меня на маникюр в субботу в три');
    await agent.onSpeech('да');
    const last = await agent.onSpeech('да всё верно');
    expect(last).toContain('администратор перезвонит');
    expect(last).not.toContain('вы записаны');
    expect((await agent.onCallEnd()).outcome).toBe('callback_requested');
  });

  it('a confirmed booking puts the booking system\'s id in the result', async () => {
    const { api, agent } = await agentWithApi();
    await agent.onCallStart({ callId: 'call-book-06', callerNumber: '+79161234567' });
    await agent.onSpeech('запишите на маникюр в субботу в три');
    await agent.onSpeech('да');
    expect(await agent.onSpeech('да')).toBe('Готово, вы записаны. Могу ещё чем-нибудь помочь?');
    const result = await agent.onCallEnd();
    expect(result).toMatchObject({ outcome: 'booking_created', fields: { booking_id: api.host.bookings[0]!.id } });
  });
});
