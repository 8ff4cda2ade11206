import { describe } from 'vitest';
import type { BotConfig } from '../../../core/config/index.ts';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig } from './harness.ts';
import { ASK_PHONE, BOOKED, CHECK } from './salon-phrases.ts';

// Now is Wednesday 2026-11-25 10:00 (Moscow). Caller ID +7 916 123-45-67.
const CALLER = '+79161234567';
const OFFER = 'Записать на номер, с которого вы звоните, +7 916 123-45-67?';

const salonCases: DialogueCase[] = [
  {
    name: 'the caller\'s own number is offered and confirmed with "да"',
    caller: CALLER,
    lines: ['запишите на маникюр в пятницу в одиннадцать', 'да конечно', 'да всё верно'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: CALLER },
    endedBy: null,
    says: [OFFER, `${CHECK}: маникюр, в пятницу, 27 ноября, в 11:00, телефон +7 916 123-45-67`, BOOKED],
  },
  {
    name: '"нет, на другой" asks for the number; it is dictated in three parts and joined',
    caller: CALLER,
    lines: [
      'запишите на стрижку завтра в три',
      'нет запишите на другой номер',
      'так восемь девятьсот три',
      'пятьсот пятьдесят пять',
      'двенадцать тридцать четыре',
      'да',
    ],
    outcome: 'booking_created',
    fields: { service: 'стрижка', date: '2026-11-26', time: '15:00', phone: '+79035551234' },
    endedBy: null,
    says: [OFFER, ASK_PHONE, 'Продолжайте', 'Продолжайте', 'телефон +7 903 555-12-34'],
  },
  {
    name: 'another number said instead of "да" is taken',
    caller: CALLER,
    lines: ['запишите на педикюр в субботу в двенадцать', 'лучше на рабочий восемь девятьсот три пятьсот пятьдесят пять двенадцать тридцать четыре', 'да'],
    outcome: 'booking_created',
    fields: { service: 'педикюр', date: '2026-11-28', time: '12:00', phone: '+79035551234' },
    endedBy: null,
    says: [OFFER, 'телефон +7 903 555-12-34', BOOKED],
  },
  {
    name: 'a refused phone the booking needs: the reason and a person offered; "да" transfers',
    lines: ['запишите на маникюр в пятницу в одиннадцать', 'а можно без телефона я не хочу оставлять номер', 'да'],
    outcome: 'transferred',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00' },
    endedBy: 'transfer',
    transferTo: '+74951234567',
    says: ['Без номера телефона не получится подтвердить запись. Соединить вас с администратором?', 'Соединяю'],
  },
  {
    name: 'the refusal respected: "нет" to the person keeps asking politely, then the caller gives in',
    caller: CALLER,
    lines: ['запишите на маникюр в пятницу в одиннадцать', 'нет номер не дам', 'нет', 'ладно записывайте восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: CALLER },
    endedBy: null,
    says: [OFFER, 'Без номера телефона не получится подтвердить запись', `Хорошо. ${ASK_PHONE}`, BOOKED],
  },
  {
    name: 'at the read-back "телефон другой" with the start of a new number, finished in the next turn',
    lines: ['запишите на маникюр в пятницу в одиннадцать', '89161234567', 'нет телефон другой восемь девятьсот три', 'пятьсот пятьдесят пять двенадцать тридцать четыре', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79035551234' },
    endedBy: null,
    says: [CHECK, 'Продолжайте', `${CHECK}: маникюр, в пятницу, 27 ноября, в 11:00, телефон +7 903 555-12-34`, BOOKED],
  },
  {
    name: '"повторите" after a misheard line repeats the question, not the apology',
    lines: ['запишите на стрижку на сегодня на восемь вечера', 'эээ', 'повторите пожалуйста', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'стрижка', date: '2026-11-25', time: '20:00', phone: CALLER },
    endedBy: null,
    says: [ASK_PHONE, `Извините, не совсем понятно. ${ASK_PHONE}`, /^Оставьте номер для подтверждения$/, BOOKED],
  },
  {
    name: 'too many digits start the number over',
    lines: ['запишите на маникюр в пятницу в одиннадцать', 'восемь девятьсот шестнадцать сто двадцать три', 'сорок пять шестьдесят семь восемьдесят девять', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: CALLER },
    endedBy: null,
    says: ['Продолжайте', 'номер не сложился. Продиктуйте, пожалуйста, номер телефона целиком', BOOKED],
  },
];

/** The salon with the phone optional: a refusal books without one. */
function salonPhoneOptional(): BotConfig {
  const base = loadConfig('salon-bot-1');
  const booking = base.scenarios[0]!;
  const fields = booking.collect_fields.map((f) => (f.name === 'phone' ? { ...f, required: false } : f));
  return { ...base, scenarios: [{ ...booking, collect_fields: fields }, ...base.scenarios.slice(1)] };
}

const optionalCases: DialogueCase[] = [
  {
    name: 'with the phone optional, "без телефона" books without one',
    caller: CALLER,
    lines: ['запишите на маникюр в пятницу в одиннадцать', 'не надо записывайте без телефона', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00' },
    endedBy: null,
    says: [OFFER, `Хорошо, пропустим. ${CHECK}: маникюр, в пятницу, 27 ноября, в 11:00. Всё верно?`, BOOKED],
  },
];

const dentalCases: DialogueCase[] = [
  {
    name: 'the clinic offers the caller\'s number after the name, date and time',
    caller: '+79031112233',
    lines: ['хочу записаться на чистку', 'Ирина Петровна', 'послезавтра в девять утра', 'ага', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'гигиенист', name: 'Ирина Петровна', date: '2026-11-27', time: '09:00', phone: '+79031112233' },
    endedBy: null,
    says: ['Записать на номер, с которого вы звоните, +7 903 111-22-33?', BOOKED],
  },
];

describe('receptionist: the caller\'s own number, salon', () => dialogueTests(loadConfig('salon-bot-1'), salonCases));
describe('receptionist: an optional phone, salon', () => dialogueTests(salonPhoneOptional(), optionalCases));
describe('receptionist: the caller\'s own number, dental clinic', () => dialogueTests(loadConfig('dental-clinic'), dentalCases));
