import { describe, expect, it } from 'vitest';
import { callTurn, createReminderDialog, reminderVoicemail, type DialogInput, type DialogState, type ReminderCall } from '../../../core/engine/index.ts';
import { RemindersConfigSchema } from '../../../core/config/index.ts';
import { bookingSalon, FakeBookingHost } from './booking-host.ts';

// Thursday noon; the appointment is tomorrow, Friday 27 November, 15:00 with Ольга.
const NOW = new Date('2026-11-26T12:00:00+03:00');
const config = { ...bookingSalon(), company: { name: 'салон Элегант', facts: [] }, reminders: RemindersConfigSchema.parse({}) };

function setup(voicemail: 'message' | 'hangup' = 'message') {
  const host = new FakeBookingHost();
  const made = host.booking({ op: 'create', idempotencyKey: 'seed', service: 'маникюр', date: '2026-11-27', time: '15:00', staff: 'Ольга', phone: '+79161234567', name: 'Анна' });
  if (made.status !== 'booked') throw new Error('seed booking failed');
  const call: ReminderCall = { id: 'rem_1', booking_id: made.booking.id, service: 'Маникюр', date: '2026-11-27', time: '15:00', staff: 'Ольга', name: 'Анна', voicemail };
  return { host, call };
}

/** Plays a reminder call; booking requests are answered by the host at once. */
function play(lines: (string | null)[], s = setup()) {
  let state: DialogState = createReminderDialog(config, s.call);
  const said: string[] = [];
  const run = (input: DialogInput) => {
    const step = callTurn(config, JSON.parse(JSON.stringify(state)) as DialogState, input, { now: NOW });
    state = step.state;
    for (const a of step.actions) {
      if (a.type === 'say') said.push(a.text);
      if (a.type === 'booking_request') run({ type: 'booking_result', result: s.host.booking(a.op) });
    }
  };
  run({ type: 'start' });
  for (const line of lines) {
    if (state.phase === 'ended') break;
    run(line === null ? { type: 'silence' } : { type: 'speech', text: line });
  }
  return { state, said, host: s.host, booking: s.host.bookings[0]! };
}

describe('reminder call dialog', () => {
  it('reminds of tomorrow’s visit and takes "да приду" as a confirmation', () => {
    const r = play(['алло да приду']);
    expect(r.said[0]).toBe('Здравствуйте, Анна! Это салон Элегант. Напоминаем о вашей записи: маникюр, завтра, 27 ноября, в 15:00, мастер Ольга. Вы придёте?');
    expect(r.state).toMatchObject({ outcome: 'booking_confirmed', phase: 'ended', endedBy: 'bot', fields: { reminder_id: 'rem_1', booking_id: 'b1' } });
    expect(r.said.at(-1)).toBe('Отлично, ждём вас! До свидания.');
  });

  it.each([['да да конечно буду'], ['угу подтверждаю'], ['ну да придём обязательно']])('"%s" confirms', (line) => {
    expect(play([line]).state.outcome).toBe('booking_confirmed');
  });

  it('"перенесите на четверг" moves it to next Thursday at the same time', () => {
    const r = play(['ой а перенесите на четверг пожалуйста']);
    expect(r.booking).toMatchObject({ date: '2026-12-03', time: '15:00', status: 'confirmed' });
    expect(r.state).toMatchObject({ outcome: 'booking_rescheduled', fields: { date: '2026-12-03', time: '15:00' } });
    expect(r.said.at(-1)).toBe('Готово, перенесла: маникюр, в четверг, 3 декабря, в 15:00, мастер Ольга. До свидания!');
  });

  it('a taken time gets the nearest offers, and "давайте первое" takes one', () => {
    const s = setup();
    s.host.take('olga', '2026-12-03', '15:00');
    const r = play(['нет не смогу', 'перенесите на четверг', 'давайте первое'], s);
    expect(r.said[1]).toBe('Поняла. Перенести запись на другой день или отменить?');
    expect(r.said[2]).toMatch(/^В 15:00 занято, могу предложить \d\d:\d\d или \d\d:\d\d\. Какое время удобно\?$/);
    expect(r.state.outcome).toBe('booking_rescheduled');
    expect(r.booking.date).toBe('2026-12-03');
    expect(r.booking.time).not.toBe('15:00');
  });

  it('"нет не смогу" then "отмените" cancels the booking', () => {
    const r = play(['нет не смогу', 'отмените']);
    expect(r.booking.status).toBe('cancelled');
    expect(r.state.outcome).toBe('booking_cancelled');
    expect(r.said.at(-1)).toBe('Запись отменена. Будем рады видеть вас в другой раз. До свидания!');
  });

  it('«больше не звоните» ends with do_not_call and leaves the booking alone', () => {
    const r = play(['девушка больше мне не звоните']);
    expect(r.state.outcome).toBe('do_not_call');
    expect(r.booking.status).toBe('confirmed');
  });

  it('a wrong person, two unclear answers, or silence end politely', () => {
    expect(play(['вы ошиблись номером']).state.outcome).toBe('wrong_number');
    const unclear = play(['а это кто', 'какая ещё запись ничего не понимаю']);
    expect(unclear.state.outcome).toBe('callback_requested');
    expect(unclear.said[1]).toMatch(/^Извините, не расслышала/);
    const silent = play([null, null]);
    expect(silent.state).toMatchObject({ outcome: null, endedBy: 'silence', phase: 'ended' });
  });

  it('an answering machine gets the short message, or nothing when the bot hangs up', () => {
    const s = setup();
    const state = createReminderDialog(config, s.call);
    const left = reminderVoicemail(config, state, { now: NOW });
    expect(left.state.outcome).toBe('voicemail');
    expect(left.actions.map((a) => a.type)).toEqual(['say', 'end']);
    expect((left.actions[0] as { text: string }).text).toContain('Напоминаем о вашей записи: маникюр, завтра, 27 ноября, в 15:00');
    const hung = reminderVoicemail(config, createReminderDialog(config, setup('hangup').call), { now: NOW });
    expect(hung.actions.map((a) => a.type)).toEqual(['end']);
  });
});
