import { describe } from 'vitest';
import type { BotConfig, CollectField } from '../../../core/config/index.ts';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig } from './harness.ts';
import { ASK_DATE, ASK_PHONE, ASK_TIME, BOOKED, CHECK } from './salon-phrases.ts';

// Now is Wednesday 2026-11-25 10:00 (Moscow). Salon: weekdays 9–21, Saturday 10–20, Sunday closed.
// Dental: Monday–Saturday 8–20, Sunday 9–15. Car service: weekdays 9–21, Saturday 10–18, Sunday closed.

const salonCases: DialogueCase[] = [
  {
    name: 'Sunday is refused with the reason and the next open days, then Monday is booked',
    lines: ['запишите на маникюр в воскресенье', 'ну давайте в понедельник в десять', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-30', time: '10:00', phone: '+79161234567' },
    endedBy: null,
    says: [`В воскресенье, 29 ноября, мы не работаем. Можно в понедельник, 30 ноября, или во вторник, 1 декабря. ${ASK_DATE}`, ASK_PHONE, BOOKED],
  },
  {
    name: 'a day that just passed ("двадцатое ноября") is refused, not booked a year ahead',
    lines: ['хочу записаться на педикюр', 'на двадцатое ноября', 'ну тогда на пятницу', 'в три часа', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'педикюр', date: '2026-11-27', time: '15:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_DATE, 'Эта дата уже прошла. Можно сегодня, 25 ноября, или завтра, 26 ноября.', ASK_TIME, BOOKED],
  },
  {
    name: 'ten in the evening is after closing: the last hours are offered',
    lines: ['на стрижку завтра в десять вечера', 'давайте в восемь', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'стрижка', date: '2026-11-26', time: '20:00', phone: '+79161234567' },
    endedBy: null,
    says: [`Завтра, 26 ноября, мы работаем с 09:00 до 21:00. Можно в 20:00 или в 19:00. ${ASK_TIME}`, ASK_PHONE],
  },
  {
    name: 'Saturday closes earlier: a time given first is dropped when Saturday is named',
    lines: ['на маникюр в восемь тридцать вечера', 'в субботу', 'в шесть', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-28', time: '18:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_DATE, `В субботу, 28 ноября, мы работаем с 10:00 до 20:00. Можно в 19:00 или в 18:00. ${ASK_TIME}`, ASK_PHONE],
  },
  {
    name: 'an hour already gone today is refused with the next hours',
    lines: ['можно сегодня на маникюр в девять утра', 'ну в двенадцать', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-25', time: '12:00', phone: '+79161234567' },
    endedBy: null,
    says: ['Это время уже прошло. Можно в 11:00 или в 12:00.', ASK_PHONE, 'сегодня, 25 ноября, в 12:00'],
  },
  {
    name: 'phone digits dictated in two parts never replace the time already given',
    lines: ['запишите на маникюр в пятницу в одиннадцать', 'восемь девятьсот шестнадцать', 'сто двадцать три сорок пять шестьдесят семь', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_PHONE, 'Продолжайте', `${CHECK}: маникюр, в пятницу, 27 ноября, в 11:00, телефон +7 916 123-45-67`],
  },
  {
    name: 'a service said with vague time words keeps only the service ("ближе к вечеру часиков в шесть")',
    lines: ['мне бы на маникюр послезавтра ближе к вечеру часиков в шесть', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '18:00', phone: '+79161234567' },
    endedBy: null,
    says: [`${CHECK}: маникюр, в пятницу, 27 ноября, в 18:00`],
  },
  {
    name: 'a weekday phrase with "на следующей неделе" never lands in the service name',
    lines: ['запишите на стрижку на следующей неделе во вторник с утра', 'в десять', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'стрижка', date: '2026-12-01', time: '10:00', phone: '+79161234567' },
    endedBy: null,
    says: ['Могу предложить в 09:00, в 10:00 или в 11:00', `${CHECK}: стрижка, во вторник, 1 декабря, в 10:00`],
  },
];

const dentalCases: DialogueCase[] = [
  {
    name: 'forty teeth are out of range (1–32); the phone dictated in three parts is not a tooth count',
    lines: [
      'интересует имплантация',
      'сорок зубов',
      'ну два',
      'не срочно',
      'тысяч сто',
      'восемь девятьсот шестнадцать',
      'сто двадцать три',
      'сорок пять шестьдесят семь',
      'да',
    ],
    outcome: 'lead_qualified',
    fields: { teeth_count: 2, timing: 'позже', budget: 'тысяч сто', phone: '+79161234567' },
    endedBy: null,
    says: ['Так не получится: нужно число от 1 до 32. Сколько зубов нужно восстановить?', 'восстановить: 2 зуба, позже'],
  },
  {
    name: 'Sunday at the clinic is open until 15: five in the evening is refused',
    lines: ['запишите к гигиенисту на чистку', 'Анна', 'в воскресенье в пять вечера', 'в два', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'гигиенист', name: 'Анна', date: '2026-11-29', time: '14:00', phone: '+79161234567' },
    endedBy: null,
    says: ['В воскресенье, 29 ноября, мы работаем с 09:00 до 15:00. Можно в 14:00 или в 13:00.'],
  },
];

/** The car service with an optional comment and a VIN that must look like one (17 letters and digits). */
function carWithVin(): BotConfig {
  const base = loadConfig('car-service');
  const booking = base.scenarios[0]!;
  const extra: CollectField[] = [
    {
      name: 'vin',
      prompt: 'Продиктуйте, пожалуйста, VIN автомобиля, семнадцать знаков.',
      type: 'text',
      required: true,
      label: 'VIN',
      pattern: '[A-HJ-NPR-Z0-9]{17}',
      pattern_prompt: 'VIN состоит из семнадцати латинских букв и цифр, его можно прочитать в СТС. Продиктуйте, пожалуйста, ещё раз.',
    },
    { name: 'comment', prompt: 'Есть пожелания к мастеру?', type: 'text', required: false, label: 'пожелания' },
  ];
  return { ...base, scenarios: [{ ...booking, collect_fields: [...booking.collect_fields, ...extra] }, ...base.scenarios.slice(1)] };
}

const carCases: DialogueCase[] = [
  {
    name: 'a VIN not matching its pattern gets the field\'s own re-prompt; the optional comment may be skipped',
    lines: [
      'запишите на замену масла',
      'киа рио',
      'в пятницу в десять',
      '89170001122',
      'ой ну не помню я его',
      'XWEPH81ABH0012345',
      'да нет никаких',
      'да',
    ],
    outcome: 'booking_created',
    fields: { car: 'киа рио', service: 'ТО', date: '2026-11-27', time: '10:00', phone: '+79170001122', vin: 'XWEPH81ABH0012345' },
    endedBy: null,
    says: [
      'Продиктуйте, пожалуйста, VIN',
      'VIN состоит из семнадцати латинских букв и цифр',
      'Есть пожелания к мастеру?',
      'Хорошо, пропустим. Давайте проверим: автомобиль: киа рио, ТО, в пятницу, 27 ноября, в 10:00, телефон +7 917 000-11-22, VIN: XWEPH81ABH0012345. Всё верно?',
    ],
  },
  {
    name: 'the optional comment, when given, is read back with its label',
    lines: ['запишите на шиномонтаж', 'лада веста', 'завтра в двенадцать', '89170001122', 'XWEPH81ABH0012345', 'шины мои привезу с собой', 'да'],
    outcome: 'booking_created',
    fields: {
      car: 'лада веста',
      service: 'шиномонтаж',
      date: '2026-11-26',
      time: '12:00',
      phone: '+79170001122',
      vin: 'XWEPH81ABH0012345',
      comment: 'шины мои привезу с собой',
    },
    endedBy: null,
    says: ['пожелания: шины мои привезу с собой. Всё верно?'],
  },
  {
    name: 'Sunday is closed at the car service too',
    lines: ['запишите на диагностику в воскресенье', 'Шкода Октавия', 'ну в субботу в одиннадцать', '89170001122'],
    outcome: null,
    fields: { service: 'диагностика', car: 'Шкода Октавия', date: '2026-11-28', time: '11:00', phone: '+79170001122' },
    endedBy: null,
    says: ['В воскресенье, 29 ноября, мы не работаем. Можно в понедельник, 30 ноября, или во вторник, 1 декабря.'],
  },
];

describe('receptionist: validation, salon', () => dialogueTests(loadConfig('salon-bot-1'), salonCases));
describe('receptionist: validation, dental clinic', () => dialogueTests(loadConfig('dental-clinic'), dentalCases));
describe('receptionist: validation, car service with VIN and comment', () => dialogueTests(carWithVin(), carCases.slice(0, 2)));
describe('receptionist: validation, car service', () => dialogueTests(loadConfig('car-service'), carCases.slice(2)));
