import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { planReminders } from '../../workers/reminders/plan.ts';
import { stubLivekit } from './livekit-fake.ts';
import { message, receiverUrl, registerWebhook, runQueue } from './postcall-support.ts';
import { appointmentDay, capturingQueue, moscow, OUTBOUND, playReminderCall, salonWithAppointment } from './reminder-support.ts';
import { api } from './support.ts';

afterEach(() => vi.restoreAllMocks());
const QUEUE = 'voicebot-reminders';

/** The appointment the day after tomorrow at 15:00; the cron fires the day before at 15:05 Moscow time. */
async function dueReminder(reminders?: string) {
  const { date, dayBefore } = appointmentDay();
  const salon = await salonWithAppointment(date, reminders);
  const at = moscow(`${dayBefore} 15:05`);
  const q = capturingQueue();
  const planned = await planReminders({ ...env, REMINDER_QUEUE: q.queue }, at);
  const mine = (await api('GET', '/reminders', { key: salon.key })).body.reminders as any[];
  return { ...salon, date, at, planned, queued: q.sent.filter((j) => mine.some((r) => r.id === j.reminderId)), reminders: mine };
}

const reminderRow = async (key: string) => ((await api('GET', '/reminders', { key })).body.reminders as any[])[0];

describe('reminder calls: cron → queue → outbound call → result', { timeout: 30_000 }, () => {
  it('a booking tomorrow: the cron queues it, the consumer dials with the reminder in the dispatch, «да приду» confirms it', async () => {
    const s = await dueReminder();
    expect(s.reminders).toEqual([expect.objectContaining({ status: 'pending', service: 'Маникюр', staff: 'Ольга', date: s.date, time: '15:00', phone: '+79161234567' })]);
    expect(s.queued).toEqual([{ reminderId: s.reminders[0].id, plannedAt: s.at }]);

    const lk = stubLivekit();
    const run = await runQueue(QUEUE, [message(s.queued[0]!)], OUTBOUND);
    expect(run.explicitAcks).toHaveLength(1);
    const [dispatch, dial] = lk.calls;
    expect(dial?.method).toBe('SIP/CreateSIPParticipant');
    expect(dial?.body).toMatchObject({ sipCallTo: '+79161234567', waitUntilAnswered: true, ringingTimeout: '30s' });
    const meta = JSON.parse(dispatch!.body.metadata);
    expect(meta).toMatchObject({ bot_id: s.bot.id, direction: 'outbound', reminder: { id: s.reminders[0].id, booking_id: s.appointment.id, service: 'Маникюр', date: s.date, time: '15:00', staff: 'Ольга', name: 'Анна', voicemail: 'message' } });
    expect(await reminderRow(s.key)).toMatchObject({ status: 'dialing', tries: 1 });

    const hook = await registerWebhook(s.key, receiverUrl('reminders'));
    const call = await playReminderCall(s.bot.id, dispatch!.body.metadata, ['алло да приду конечно'], new Date(s.at + 60_000));
    expect(call.said[0]).toContain(`Напоминаем о вашей записи: маникюр, завтра`);
    expect(call.call.outcome).toBe('booking_confirmed');
    expect(await reminderRow(s.key)).toMatchObject({ status: 'confirmed', call_id: call.call.id });
    const appt = await env.DB.prepare('SELECT customer_confirmed_at FROM calendar_bookings WHERE id = ?').bind(s.appointment.id).first<{ customer_confirmed_at: number | null }>();
    expect(appt?.customer_confirmed_at).toBeGreaterThan(0);
    const event = await env.DB.prepare('SELECT payload_json FROM webhook_deliveries WHERE webhook_id = ?').bind(hook.id).first<{ payload_json: string }>();
    expect(JSON.parse(event!.payload_json).data).toMatchObject({ outcome: 'booking_confirmed', fields: { reminder_id: s.reminders[0].id, booking_id: s.appointment.id } });

    // The next cron run neither queues it again nor makes a second reminder.
    const q2 = capturingQueue();
    await planReminders({ ...env, REMINDER_QUEUE: q2.queue }, s.at + 15 * 60_000);
    expect(q2.sent.filter((j) => j.reminderId === s.reminders[0].id)).toEqual([]);
    expect((await api('GET', '/reminders', { key: s.key })).body.reminders).toHaveLength(1);
  });

  it('«перенесите на четверг» moves the appointment to Thursday at the same time', async () => {
    const s = await dueReminder();
    const lk = stubLivekit();
    await runQueue(QUEUE, [message(s.queued[0]!)], OUTBOUND);
    const call = await playReminderCall(s.bot.id, lk.calls[0]!.body.metadata, ['ой а можно перенести на четверг'], new Date(s.at + 60_000));
    expect(call.call.outcome).toBe('booking_rescheduled');
    const appt = await api('GET', `/bots/${s.bot.id}/appointments?from=${s.date}`, { key: s.key });
    const moved = (appt.body.appointments as any[]).find((a) => a.id === s.appointment.id);
    expect(new Date(`${moved.date}T12:00:00Z`).getUTCDay()).toBe(4);
    expect(moved.date > s.date).toBe(true);
    expect(moved).toMatchObject({ time: '15:00', status: 'confirmed' });
    expect(await reminderRow(s.key)).toMatchObject({ status: 'rescheduled' });
  });

  it('«больше не звоните»: the number goes on the do-not-call list, which the next reminder and POST /bots/{id}/calls honour', async () => {
    const s = await dueReminder();
    const lk = stubLivekit();
    await runQueue(QUEUE, [message(s.queued[0]!)], OUTBOUND);
    const call = await playReminderCall(s.bot.id, lk.calls[0]!.body.metadata, ['пожалуйста больше не звоните мне'], new Date(s.at + 60_000));
    expect(call.call.outcome).toBe('do_not_call');
    expect((await api('GET', '/do-not-call', { key: s.key })).body.numbers).toEqual([expect.objectContaining({ phone: '+79161234567', call_id: call.call.id })]);

    const again = await api('POST', `/bots/${s.bot.id}/calls`, { key: s.key, body: { to: '+79161234567' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('do_not_call');
  });

  it('busy: the try is counted and the next one waits retry_after; after the last try it is unreached', async () => {
    const s = await dueReminder();
    stubLivekit({ fail: { 'SIP/CreateSIPParticipant': { status: 500, code: 'unavailable', msg: 'call failed', meta: { sip_status_code: '486', sip_status: 'Busy Here' } } } });
    await runQueue(QUEUE, [message(s.queued[0]!)], OUTBOUND);
    const first = await reminderRow(s.key);
    expect(first).toMatchObject({ status: 'pending', tries: 1, last_error: 'busy (SIP 486)' });
    expect(Date.parse(first.next_attempt_at) - Date.now()).toBeGreaterThan(55 * 60_000);

    await env.DB.prepare('UPDATE reminders SET next_attempt_at = ? WHERE id = ?').bind(s.at, first.id).run();
    const q = capturingQueue();
    await planReminders({ ...env, REMINDER_QUEUE: q.queue }, s.at + 65 * 60_000);
    const job = q.sent.find((j) => j.reminderId === first.id)!;
    await runQueue(QUEUE, [message(job)], OUTBOUND);
    expect(await reminderRow(s.key)).toMatchObject({ status: 'unreached', tries: 2 });
  });

  it('the daily cap holds while dialing: over it, the reminder waits for the next day', async () => {
    const s = await dueReminder();
    expect((await api('PUT', '/reminders/settings', { key: s.key, body: { daily_cap: 0 } })).body).toEqual({ daily_cap: 0, is_default: false });
    const lk = stubLivekit();
    await runQueue(QUEUE, [message(s.queued[0]!)], OUTBOUND);
    expect(lk.calls).toEqual([]);
    expect(await reminderRow(s.key)).toMatchObject({ status: 'pending', tries: 0, last_error: 'the daily cap of reminder calls is reached' });
  });

  it('a cancelled appointment or a number on the list is never dialed; outside the window nothing is queued', async () => {
    const s = await dueReminder();
    await api('POST', '/do-not-call', { key: s.key, body: { phone: '+79161234567' } });
    const lk = stubLivekit();
    await runQueue(QUEUE, [message(s.queued[0]!)], OUTBOUND);
    expect(lk.calls).toEqual([]);
    expect(await reminderRow(s.key)).toMatchObject({ status: 'skipped', last_error: 'the number is on the do-not-call list' });

    const late = await salonWithAppointment(s.date);
    const q = capturingQueue();
    await planReminders({ ...env, REMINDER_QUEUE: q.queue }, moscow(`${appointmentDay().dayBefore} 21:30`));
    expect((await api('GET', '/reminders', { key: late.key })).body.reminders).toEqual([]);
  });

  it('validates the API and keeps companies apart', async () => {
    const s = await dueReminder();
    const other = await salonWithAppointment(appointmentDay(3).date);
    expect((await api('GET', '/reminders', { key: other.key })).body.reminders).toEqual([]);
    const bad = await api('PUT', '/reminders/settings', { key: s.key, body: { daily_cap: -1 } });
    expect(bad.status).toBe(422);
    const badNumber = await api('POST', '/do-not-call', { key: s.key, body: { phone: '89161234567' } });
    expect(badNumber.body.error.details[0].path).toBe('json.phone');
    const badConfig = await api('PUT', `/bots/${s.bot.id}/config?dry_run=true`, {
      key: s.key, headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...(await api('GET', `/bots/${s.bot.id}`, { key: s.key })).body.config, reminders: { before: 'завтра', window: '20:00-10:00' } }),
    });
    expect(badConfig.status).toBe(422);
    expect(badConfig.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['reminders.before', 'reminders.window']));
  });
});
