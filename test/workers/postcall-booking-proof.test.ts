import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { SAT, salonWithCalendar } from './booking-support.ts';
import { callResult, callRow, message, postCall, receiverUrl, registerWebhook, runQueue, seedCall, stubNetwork, uniqueCallId, waitFor } from './postcall-support.ts';
import { api, scenarioText, SERVICE_TOKEN } from './support.ts';

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

const d = () => db(env.DB);

/** The salon with its built-in calendar switched on (`booking: { provider: builtin }`). */
async function bookingSalon() {
  const salon = await salonWithCalendar();
  const put = await api('PUT', `/bots/${salon.bot.id}/config`, { key: salon.key, body: `${scenarioText('salon-bot-1.yaml')}\nbooking:\n  provider: builtin\n`, headers: { 'content-type': 'application/yaml' } });
  if (put.status !== 200) throw new Error(`config: ${put.status} ${JSON.stringify(put.body)}`);
  return salon;
}

const rowsOf = async (callId: string) => ({
  booking: (await d().select().from(schema.bookings).where(eq(schema.bookings.callId, callId)).get()) ?? null,
  lead: (await d().select().from(schema.leads).where(eq(schema.leads.callId, callId)).get()) ?? null,
});

describe('post-call: a booking is reported only when the booking system holds it', () => {
  it('booking_created with an empty calendar: callback request in the row, summary, webhook and analytics; no booking row', async () => {
    const { company, bot, key } = await bookingSalon();
    const url = receiverUrl('crm-false-booking');
    net.on(url, () => new Response('ok'));
    await registerWebhook(company.key, url);
    const row = await postCall(callResult(bot.id, { fields: { service: 'маникюр', date: SAT, time: '15:00', phone: '+79161234567' } }));

    expect(row.outcome).toBe('callback_requested');
    expect(row.summary).toMatch(/^Итог: запрошен обратный звонок\. /);
    expect(row.summary).toContain('почему перезвонить — запись не подтверждена системой записи');
    const { booking, lead } = await rowsOf(row.id);
    expect(booking).toBeNull();
    expect(lead).toMatchObject({ outcome: 'callback_requested', phone: '+79161234567' });

    const [sent] = await waitFor(async () => (net.to(url).length ? net.to(url) : null));
    expect(JSON.parse(sent!.body).data).toMatchObject({ call_id: row.id, outcome: 'callback_requested' });
    const stats = await api('GET', `/analytics?bot_id=${bot.id}&from=2026-11-01T00:00:00Z`, { key });
    expect(stats.body.outcomes).toEqual({ callback_requested: 1 });
  });

  it('a booking the calendar holds for this call stays booking_created, with its booking row', async () => {
    const { bot } = await bookingSalon();
    const callId = uniqueCallId('booked');
    const made = await api('POST', `/internal/bots/${bot.id}/bookings`, { key: SERVICE_TOKEN, body: { idempotency_key: `${callId}:booking:1`, call_id: callId, service: 'маникюр', date: SAT, time: '15:00', phone: '+79161234567' } });
    expect(made.body.status).toBe('booked');
    const row = await postCall(callResult(bot.id, { call_id: callId, fields: { service: 'маникюр', date: SAT, time: '15:00', phone: '+79161234567', booking_id: made.body.booking.id } }));
    expect(row.outcome).toBe('booking_created');
    expect(row.summary).toMatch(/^Итог: запись создана\. /);
    expect((await rowsOf(row.id)).booking).toMatchObject({ outcome: 'booking_created', date: SAT, time: '15:00' });
  });

  it('a row stored without intake is checked by the consumer itself', async () => {
    const { bot } = await bookingSalon();
    const call = await seedCall(callResult(bot.id));
    expect(call.outcome).toBe('booking_created');
    const result = await runQueue('voicebot-postcall', [message({ callId: call.id })]);
    expect(result.explicitAcks).toEqual([expect.any(String)]);
    const row = await callRow(call.id);
    expect(row).toMatchObject({ status: 'processed', outcome: 'callback_requested' });
    expect(JSON.parse(row!.fieldsJson)).toMatchObject({ callback_reason: expect.stringContaining('не подтверждена') });
    expect((await rowsOf(call.id)).booking).toBeNull();
  });
});
