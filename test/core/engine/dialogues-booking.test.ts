import { describe, expect, it } from 'vitest';
import { FakeBookingHost, bookingSalon, runBookingDialogue } from './booking-host.ts';
import { loadConfig } from './harness.ts';

const SAT = '2026-11-28';
const PHONE_WORDS = 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь';
const CALLER = '+79161234567';
const config = bookingSalon();

/** The caller already has manicure on Saturday at 15:00 with Ольга. */
function withBooking(h: FakeBookingHost, phone = CALLER) {
  h.booking({ op: 'create', idempotencyKey: 'earlier:booking:1', service: 'маникюр', date: SAT, time: '15:00', staff: 'Ольга', phone });
  h.requests.length = 0;
}

describe('booking dialogues: free time', () => {
  it('the asked time is free: checked once, then booked on "да" with the idempotency key', () => {
    const host = new FakeBookingHost();
    const run = runBookingDialogue(config, ['здравствуйте хочу записаться на маникюр в субботу в три', PHONE_WORDS, 'да', 'нет спасибо'], host);

    expect(run.replies[1]).toBe('Оставьте номер для подтверждения');
    expect(run.replies[3]).toBe('Готово, вы записаны. Могу ещё чем-нибудь помочь?');
    expect(host.requests).toEqual([
      { service: 'маникюр', date: SAT, time: '15:00', staff: null },
      { op: 'create', idempotencyKey: 'booking:1', service: 'маникюр', date: SAT, time: '15:00', staff: null, phone: CALLER, name: null },
    ]);
    expect(host.bookings).toEqual([expect.objectContaining({ date: SAT, time: '15:00', status: 'confirmed' })]);
    expect(run.state.outcome).toBe('booking_created');
  });

  it('"когда свободно в субботу" asks the service, then reads out a short list of free times', () => {
    const host = new FakeBookingHost();
    host.take('olga', SAT, '10:00', 360);
    const run = runBookingDialogue(config, ['а когда у вас свободно в субботу', 'ну на стрижку', 'давайте в семнадцать', 'да', 'да'], host, { callerNumber: CALLER });

    expect(run.replies[1]).toBe('На какую услугу хотите записаться?');
    expect(run.replies[2]).toBe('В субботу, 28 ноября свободно в 16:00, 17:00 или 17:30. Какое время удобно?');
    // A listed time needs no second lookup.
    expect(host.requests.filter((r) => !('op' in r))).toHaveLength(2);
    expect(run.replies.at(-1)).toBe('Готово, вы записаны. Могу ещё чем-нибудь помочь?');
    expect(host.bookings[0]).toMatchObject({ service: 'Женская стрижка', time: '17:00' });
  });

  it('a master asked for ("к ольге") goes with every lookup and the booking, and stays out of the service', () => {
    const host = new FakeBookingHost();
    const run = runBookingDialogue(config, ['хочу записаться к ольге на маникюр в субботу в двенадцать', PHONE_WORDS, 'да'], host);

    expect(host.requests[0]).toEqual({ service: 'маникюр', date: SAT, time: '12:00', staff: 'ольге' });
    expect(run.replies[2]).toContain('маникюр, в субботу, 28 ноября, в 12:00');
    expect(host.bookings[0]).toMatchObject({ staffName: 'Ольга', time: '12:00' });
  });
});

describe('booking dialogues: the service as the business names it', () => {
  it('"подстричься" is stored, read back and booked as the calendar\'s "женская стрижка"', () => {
    const host = new FakeBookingHost();
    const run = runBookingDialogue(config, ['ну мне бы подстричься в субботу в двенадцать', PHONE_WORDS, 'да'], host);

    expect(run.replies[2]).toContain('женская стрижка, в субботу, 28 ноября, в 12:00');
    expect(run.state.fields.service).toBe('женская стрижка');
    expect(host.bookings[0]).toMatchObject({ service: 'Женская стрижка', time: '12:00' });
  });
});

describe('booking dialogues: taken time and alternatives', () => {
  it('taken → two nearest times; "давайте первое" takes the first', () => {
    const host = new FakeBookingHost();
    host.take('olga', SAT, '14:00', 120);
    const run = runBookingDialogue(config, ['ну запишите меня на стрижку в субботу в три часа', 'давайте первое', PHONE_WORDS, 'да'], host);

    expect(run.replies[1]).toBe('В 15:00 занято, могу предложить 16:00 или 16:30. Какое время удобно?');
    expect(run.state.fields.time).toBe('16:00');
    expect(host.bookings[0]).toMatchObject({ time: '16:00', service: 'Женская стрижка' });
  });

  it('taken → the caller names another time by voice, which is checked again', () => {
    const host = new FakeBookingHost();
    host.take('olga', SAT, '15:00');
    host.take('marina', SAT, '15:00');
    const run = runBookingDialogue(config, ['запишите на маникюр в субботу на пятнадцать ноль ноль', 'эм а в семнадцать можно', 'да', 'да'], host, { callerNumber: CALLER });

    expect(run.replies[1]).toBe('В 15:00 занято, могу предложить 14:00 или 16:00. Какое время удобно?');
    expect(host.requests[1]).toEqual({ service: 'маникюр', date: SAT, time: '17:00', staff: null });
    expect(host.bookings[0]?.time).toBe('17:00');
  });

  it('the slot went while we talked: the bot says so, offers the next ones, and books the chosen one', () => {
    const host = new FakeBookingHost();
    host.beforeCreate = () => {
      host.beforeCreate = null;
      host.take('olga', SAT, '15:00');
      host.take('marina', SAT, '15:00');
    };
    const run = runBookingDialogue(config, ['хочу записаться на маникюр в субботу в три', 'да', 'да', 'давайте второе', 'да'], host, { callerNumber: CALLER });

    expect(run.replies[3]).toBe('Извините, пока мы говорили, время 15:00 успели занять. Могу предложить 14:00 или 16:00. Какое время удобно?');
    expect(run.replies[4]).toContain('в 16:00');
    expect(run.replies.at(-1)).toBe('Готово, вы записаны. Могу ещё чем-нибудь помочь?');
    expect(host.bookings.map((b) => b.time)).toEqual(['16:00']);
  });
});

describe('a full day', () => {
  it('no time left that day: the next free days are offered and the caller picks one', () => {
    const host = new FakeBookingHost();
    for (const staff of ['olga', 'marina']) host.take(staff, SAT, '10:00', 540);
    host.cal.exceptions.push({ staffId: null, date: '2026-11-30', open: null, close: null });
    const run = runBookingDialogue(config, ['хочу записаться на маникюр в субботу', 'давайте во вторник', 'в двенадцать', 'да', 'да'], host, { callerNumber: CALLER });

    expect(run.replies[1]).toBe('В субботу, 28 ноября свободного времени уже нет. Есть во вторник, 1 декабря, в среду, 2 декабря или в четверг, 3 декабря. Какой день удобен?');
    expect(run.replies[2]).toBe('Во вторник, 1 декабря свободно в 10:00, 14:00 или 18:00. Какое время удобно?');
    expect(host.bookings[0]).toMatchObject({ date: '2026-12-01', time: '12:00' });
  });
});

describe('reschedule and cancel by phone', () => {
  it('"хочу перенести запись": found by caller ID, moved to a free time', () => {
    const host = new FakeBookingHost();
    withBooking(host);
    const run = runBookingDialogue(config, ['здравствуйте мне нужно перенести запись', 'на пятницу на шесть вечера', 'нет спасибо'], host, { callerNumber: CALLER });

    expect(run.replies[1]).toBe('Нашла запись: маникюр, в субботу, 28 ноября, в 15:00, мастер Ольга. На какой день и время перенести?');
    expect(run.replies[2]).toBe('Готово, перенесла: маникюр, в пятницу, 27 ноября, в 18:00, мастер Ольга. Могу ещё чем-нибудь помочь?');
    expect(host.requests).toEqual([
      { op: 'find', phone: CALLER },
      { op: 'move', bookingId: 'b1', idempotencyKey: 'move:1', date: '2026-11-27', time: '18:00' },
    ]);
    expect(run.state.outcome).toBe('booking_rescheduled');
    expect(run.state.fields).toMatchObject({ date: '2026-11-27', time: '18:00' });
  });

  it('two bookings: "которую?" → the first; the new time is taken, "давайте второе" moves it', () => {
    const host = new FakeBookingHost();
    withBooking(host);
    host.booking({ op: 'create', idempotencyKey: 'k2', service: 'стрижка', date: '2026-12-01', time: '12:00', phone: CALLER });
    host.take('olga', SAT, '16:00');
    const run = runBookingDialogue(config, ['ну короче хочу перенести свою запись', 'первую', 'на субботу в шестнадцать ноль ноль', 'давайте второе'], host, { callerNumber: CALLER });

    expect(run.replies[1]).toMatch(/^Нашла несколько записей: первая — маникюр, в субботу, 28 ноября, в 15:00.*вторая — женская стрижка, во вторник, 1 декабря, в 12:00.*Какую из них\?$/);
    expect(run.replies[3]).toBe('В 16:00 занято, могу предложить 17:00 или 17:30. Какое время удобно?');
    expect(run.replies[4]).toMatch(/^Готово, перенесла: маникюр, в субботу, 28 ноября, в 17:30/);
    expect(host.bookings[0]).toMatchObject({ time: '17:30', status: 'confirmed' });
  });

  it('a day with no time left for the move: the bot says so and asks again', () => {
    const host = new FakeBookingHost();
    withBooking(host);
    host.take('olga', '2026-11-27', '10:00', 540);
    const run = runBookingDialogue(config, ['хочу перенести запись', 'на пятницу в двенадцать', 'тогда на понедельник в одиннадцать'], host, { callerNumber: CALLER });
    expect(run.replies[2]).toBe('В 12:00 занято. На какой день и время перенести?');
    expect(run.replies[3]).toMatch(/^Готово, перенесла: маникюр, в понедельник, 30 ноября, в 11:00/);
  });

  it('"отменить запись" without caller ID: asks the number, confirms which, cancels', () => {
    const host = new FakeBookingHost();
    withBooking(host);
    const run = runBookingDialogue(config, ['алло я хочу отменить запись', PHONE_WORDS, 'да отменяйте', 'нет спасибо'], host);

    expect(run.replies[1]).toBe('Назовите, пожалуйста, номер телефона, на который вы записаны.');
    expect(run.replies[2]).toBe('Нашла запись: маникюр, в субботу, 28 ноября, в 15:00, мастер Ольга. Отменить её?');
    expect(run.replies[3]).toBe('Запись отменена. Могу ещё чем-нибудь помочь?');
    expect(host.bookings[0]?.status).toBe('cancelled');
    expect(run.state.outcome).toBe('booking_cancelled');
    expect(run.state.fields).toMatchObject({ service: 'маникюр', date: '2026-11-28', time: '15:00', staff: 'Ольга' });
  });

  it('"нет" keeps the booking; an unknown number finds nothing', () => {
    const host = new FakeBookingHost();
    withBooking(host);
    const kept = runBookingDialogue(config, ['я не смогу прийти на свою запись', 'нет не надо'], host, { callerNumber: CALLER });
    expect(kept.replies.slice(1)).toEqual(['Нашла запись: маникюр, в субботу, 28 ноября, в 15:00, мастер Ольга. Отменить её?', 'Хорошо, запись остаётся. Могу ещё чем-нибудь помочь?']);
    expect(host.bookings[0]?.status).toBe('confirmed');

    const none = runBookingDialogue(config, ['хочу отменить запись'], new FakeBookingHost(), { callerNumber: '+79990001122' });
    expect(none.replies[1]).toBe('На этот номер записей не нашла. Могу ещё чем-нибудь помочь?');
  });
});

describe('without booking: config', () => {
  it('the same call makes no availability or booking request', () => {
    const host = new FakeBookingHost();
    const run = runBookingDialogue(loadConfig('salon-bot-1'), ['хочу записаться на маникюр в субботу в три', PHONE_WORDS, 'да'], host);
    expect(host.requests).toEqual([]);
    expect(run.state.outcome).toBe('booking_created');
    expect(run.state.booking ?? null).toBeNull();
  });

  it('the booking system not answering is no booking: a callback request with the reason, said honestly', () => {
    const config2 = bookingSalon();
    const host = new FakeBookingHost();
    host.booking = () => null as never;
    const run = runBookingDialogue(config2, ['хочу записаться на маникюр в субботу в три', PHONE_WORDS, 'да'], host);
    expect(run.replies.at(-1)).toBe('Не получилось записать в системе, администратор перезвонит и подтвердит запись. Могу ещё чем-нибудь помочь?');
    expect(run.state.outcome).toBe('callback_requested');
    expect(run.state.fields.callback_reason).toBe('запись не создана: система записи не подтвердила её');
    expect(run.state.fields.booking_id).toBeUndefined();
  });

  it('a booking system that is down for the whole call (no availability either) books nothing', () => {
    const host = new FakeBookingHost();
    host.availability = () => null as never;
    host.booking = () => null as never;
    const run = runBookingDialogue(bookingSalon(), ['ой здравствуйте мне бы на маникюр в субботу в три', PHONE_WORDS, 'да да', 'нет спасибо до свидания'], host);
    expect(run.transcript).toContain('администратор перезвонит');
    expect(run.transcript).not.toContain('вы записаны');
    expect(run.state.outcome).toBe('callback_requested');
  });

  it('an error answer from the booking system names the error in the reason', () => {
    const host = new FakeBookingHost();
    host.booking = () => ({ status: 'error', message: 'yclients 500' });
    const run = runBookingDialogue(bookingSalon(), ['хочу записаться на маникюр в субботу в три', PHONE_WORDS, 'да'], host);
    expect(run.state.outcome).toBe('callback_requested');
    expect(run.state.fields.callback_reason).toContain('yclients 500');
  });

  it('a confirmed booking carries the booking system\'s id', () => {
    const host = new FakeBookingHost();
    const run = runBookingDialogue(bookingSalon(), ['хочу записаться на маникюр в субботу в три', PHONE_WORDS, 'да'], host);
    expect(run.state.outcome).toBe('booking_created');
    expect(run.state.fields.booking_id).toBe(host.bookings[0]!.id);
  });

  it('a cancel the booking system never confirms is a callback request', () => {
    const host = new FakeBookingHost();
    withBooking(host);
    const find = host.booking.bind(host);
    host.booking = (op) => (op.op === 'cancel' ? (null as never) : find(op));
    const run = runBookingDialogue(bookingSalon(), ['здравствуйте мне нужно отменить запись', 'да отменяйте'], host, { callerNumber: CALLER });
    expect(run.transcript).toContain('Не получилось связаться с системой записи');
    expect(run.state.outcome).toBe('callback_requested');
  });
});

describe('masters the salon does not have', () => {
  it('"к светлане": the bot says so once and looks at every master', () => {
    const host = new FakeBookingHost();
    const run = runBookingDialogue(config, ['запишите к светлане на маникюр в субботу в три', PHONE_WORDS, 'да'], host);
    expect(run.replies.slice(1, 3)).toEqual(['Такого мастера не нашла, посмотрю свободное время у всех.', 'Оставьте номер для подтверждения']);
    expect(host.requests.slice(0, 2)).toEqual([
      { service: 'маникюр', date: SAT, time: '15:00', staff: 'светлане' },
      { service: 'маникюр', date: SAT, time: '15:00', staff: null },
    ]);
    expect(host.bookings[0]).toMatchObject({ time: '15:00', status: 'confirmed' });
  });

  it('"к пятнице", "у вас" and "к десяти" are no masters', () => {
    const host = new FakeBookingHost();
    runBookingDialogue(config, ['а у вас можно записаться на маникюр к пятнице', 'к десяти'], host);
    expect(host.requests.every((r) => !('staff' in r) || r.staff === null)).toBe(true);
  });
});
