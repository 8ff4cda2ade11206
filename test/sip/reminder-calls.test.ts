// Reminder calls over the real LiveKit SIP stack: the Worker's planner (POST /reminders/run, what the Cron Trigger
// runs) queues the appointment, its consumer dials through LiveKit's outbound trunk to the "carrier" softphone, the
// agent-host screens the answer for a machine and runs the reminder dialog, and the result settles the reminder.
// Speech recognition is SIMULATED (scripted recognizer behind the SpeechKit protocol); the rest is the real software.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSipCaller } from '../../agent-host/src/sip/sip-caller.ts';
import { createBot, phoneMissing, script, startPhoneWorld, type PhoneWorld } from './support/phone-world.ts';

const skip = phoneMissing.length > 0;
if (skip) console.warn(`[sip] reminder call tests skipped: missing ${phoneMissing.join('; ')}`);
const MINUTES = 60_000;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Tomorrow in Moscow, `YYYY-MM-DD`. */
const tomorrow = () => new Date(Date.now() + 3 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);

describe.skipIf(skip)('reminder calls over LiveKit SIP', () => {
  let world: PhoneWorld;
  let bot: { id: string; apiKey: string };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${world.stack.api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bot.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  beforeAll(async () => {
    world = await startPhoneWorld();
    const yaml = `${readFileSync('scenarios/salon-bot-1.yaml', 'utf8')}\nbooking:\n  provider: builtin\nreminders:\n  before: 48h\n  window: "00:00-24:00"\n  tries: 1\n`;
    bot = await createBot(world, yaml, 'Салон Напоминание');
    const service = await api('POST', `/bots/${bot.id}/services`, { name: 'Маникюр', duration_min: 60, price: 1500 });
    const staff = await api('POST', `/bots/${bot.id}/staff`, { name: 'Ольга', service_ids: [service.body.id] });
    const hours = Object.fromEntries(DAYS.map((d) => [d, { open: '09:00', close: '21:00' }]));
    expect((await api('PUT', `/bots/${bot.id}/staff/${staff.body.id}/hours`, hours)).status).toBe(200);
  }, 10 * MINUTES);

  afterAll(async () => {
    await world?.close();
  }, 2 * MINUTES);

  /** An appointment tomorrow at `time` for `phone`, then the planner: the carrier softphone rings; the answered call. */
  async function remind(phone: string, time: string) {
    const booked = await api('POST', `/bots/${bot.id}/appointments`, { service: 'маникюр', date: tomorrow(), time, staff: 'Ольга', phone, name: 'Анна' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const ringing = world.nextIncoming({ ringMs: 800 });
    const run = await api('POST', '/reminders/run');
    expect(run.body).toMatchObject({ queued: 1 });
    const call = await ringing;
    expect(call.dialed).toBe(phone);
    await new Promise<void>((r) => (call.state === 'active' ? r() : void call.events.once('answered', () => r())));
    return call;
  }

  const reminderOf = async (phone: string) => ((await api('GET', '/reminders')).body.reminders as any[]).find((r) => r.phone === phone);

  it('a booking tomorrow → the planner → an outbound call answered by a person → «да приду» → confirmed', async () => {
    const call = await remind('+79160000011', '15:00');
    const rec = await runSipCaller(call, { script: script('name: reminder-yes\nturns:\n  - say: "да приду конечно"\n'), recognizer: world.stack.recognizer });
    expect(rec.timeline.events.some((e) => e.type === 'bot_audio_start')).toBe(true);
    await expect.poll(async () => (await reminderOf('+79160000011'))?.status, { timeout: 3 * MINUTES, interval: 1000 }).toBe('confirmed');
    const settled = await reminderOf('+79160000011');
    const stored = await api('GET', `/calls/${settled.call_id}`);
    expect(stored.body).toMatchObject({ direction: 'outbound', outcome: 'booking_confirmed' });
  }, 6 * MINUTES);

  it('«перенесите на четверг» → the appointment moves to Thursday at the same time, reminder rescheduled', async () => {
    // If tomorrow is itself a Thursday the customer asks for Friday instead (the next such day after it).
    const thursdayTomorrow = new Date(`${tomorrow()}T12:00:00Z`).getUTCDay() === 4;
    const call = await remind('+79160000013', '12:00');
    const say = thursdayTomorrow ? 'ой а можно перенести на пятницу' : 'ой а перенесите на четверг';
    await runSipCaller(call, { script: script(`name: reminder-move\nturns:\n  - say: "${say}"\n`), recognizer: world.stack.recognizer });
    await expect.poll(async () => (await reminderOf('+79160000013'))?.status, { timeout: 3 * MINUTES, interval: 1000 }).toBe('rescheduled');
    const list = await api('GET', `/bots/${bot.id}/appointments?from=${tomorrow()}`);
    const moved = (list.body.appointments as any[]).find((a) => a.phone === '+79160000013');
    expect(new Date(`${moved.date}T12:00:00Z`).getUTCDay()).toBe(thursdayTomorrow ? 5 : 4);
    expect(moved).toMatchObject({ time: '12:00', status: 'confirmed' });
    expect(moved.date > tomorrow()).toBe(true);
  }, 6 * MINUTES);

  it('the same answered by an answering-machine greeting → a message left, outcome voicemail', async () => {
    const call = await remind('+79160000012', '17:00');
    const machine = script(`
name: answering-machine
reply_timeout: 300ms
turns:
  - say: "абонент не может ответить на ваш звонок оставьте сообщение после звукового сигнала"
  - silence: 12s
`);
    await runSipCaller(call, { script: machine, recognizer: world.stack.recognizer });
    await expect.poll(async () => (await reminderOf('+79160000012'))?.status, { timeout: 3 * MINUTES, interval: 1000 }).toBe('voicemail');
    const settled = await reminderOf('+79160000012');
    const stored = await api('GET', `/calls/${settled.call_id}`);
    expect(stored.body).toMatchObject({ direction: 'outbound', outcome: 'voicemail' });
    // The reason names what decided it: the machine's words, or (words late on a loaded machine) its speech length.
    expect(stored.body.fields.voicemail_reason).toMatch(/^phrase «|^long greeting|^speech \d/);
    expect(stored.body.transcript.filter((t: { role: string }) => t.role === 'bot').map((t: { text: string }) => t.text).join(' ')).toContain('Напоминаем о вашей записи');
  }, 6 * MINUTES);
});
