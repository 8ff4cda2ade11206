import { afterEach, describe, expect, it } from 'vitest';
import { HttpBookingClient } from '../../../agent-host/src/booking/index.ts';
import { RealtimeAgent } from '../../../agent-host/src/realtime-agent.ts';
import { RemindersConfigSchema } from '../../../core/config/index.ts';
import { bookingSalon } from '../../core/engine/booking-host.ts';
import { TOKEN, startBookingApi } from './booking-api-server.ts';

// Thursday noon; the appointment is tomorrow, Friday 27 November 2026, 15:00 with Ольга.
const NOW = new Date('2026-11-26T12:00:00+03:00');
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function reminderCall(callId: string) {
  const api = await startBookingApi();
  servers.push(api);
  const made = api.host.booking({ op: 'create', idempotencyKey: 'seed', service: 'маникюр', date: '2026-11-27', time: '15:00', staff: 'Ольга', phone: '+79161234567' });
  if (made.status !== 'booked') throw new Error('seed');
  const config = { ...bookingSalon(), reminders: RemindersConfigSchema.parse({}) };
  const agent = new RealtimeAgent({ config, clock: () => NOW, booking: { client: new HttpBookingClient({ baseUrl: api.url, token: TOKEN }), botId: 'bot_salon' } });
  const greeting = await agent.onCallStart({
    callId, direction: 'outbound', calledNumber: '+79161234567',
    reminder: { id: 'rem_7', booking_id: made.booking.id, service: 'Маникюр', date: '2026-11-27', time: '15:00', staff: 'Ольга', name: null, voicemail: 'message' },
  });
  return { api, agent, greeting };
}

describe('RealtimeAgent on a reminder call (dispatch metadata → engine reminder dialog)', () => {
  it('greets with the appointment and takes «да приду»: the CallResult names the reminder, outcome booking_confirmed', async () => {
    const { agent, greeting, api } = await reminderCall('call-rem-01');
    expect(greeting).toBe('Здравствуйте! Это салон красоты «Элегант». Напоминаем о вашей записи: маникюр, завтра, 27 ноября, в 15:00, мастер Ольга. Вы придёте?');
    expect(await agent.onSpeech('да да приду')).toBe('Отлично, ждём вас! До свидания.');
    const result = await agent.onCallEnd();
    expect(result).toMatchObject({ direction: 'outbound', outcome: 'booking_confirmed', ended_by: 'bot', fields: { reminder_id: 'rem_7', booking_id: 'b1' } });
    expect(api.log).toEqual([]);
  });

  it('«перенесите на четверг» moves it through the internal booking route, with the call id in the key', async () => {
    const { agent, api } = await reminderCall('call-rem-02');
    expect(await agent.onSpeech('ой а перенесите на четверг')).toBe('Готово, перенесла: маникюр, в четверг, 3 декабря, в 15:00, мастер Ольга. До свидания!');
    expect(api.log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /internal/bots/bot_salon/bookings/b1/move']);
    expect(api.log[0]!.body).toMatchObject({ date: '2026-12-03', time: '15:00', idempotency_key: expect.stringMatching(/^call-rem-02:reminder:move:/) });
    expect((await agent.onCallEnd()).outcome).toBe('booking_rescheduled');
  });
});
