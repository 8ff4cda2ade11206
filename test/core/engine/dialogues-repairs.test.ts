import { describe } from 'vitest';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig } from './harness.ts';
import { ASK_DATE, ASK_TIME, ASK_PHONE, CHECK, BOOKED, ANYTHING_ELSE } from './salon-phrases.ts';

// Now is Wednesday 2026-11-25 10:00 (Moscow): завтра = 26th, пятница = 27th, суббота = 28th, понедельник = 30th.
// Callers who negate, restate, correct loosely or speak about time vaguely.

const salon: DialogueCase[] = [
  {
    name: 'lunch time: "маникюр в обед" gives the service and 13:00, nothing of "в обед" in the service',
    lines: ['Хочу записаться', 'маникюр в обед', 'завтра', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-26', time: '13:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_DATE, ASK_PHONE, `${CHECK}: маникюр, завтра, 26 ноября, в 13:00`, BOOKED],
  },
  {
    name: '"после обеда" and "вечером" alone leave the time open, offer times in that part of the day and stay out of the service',
    lines: ['Запишите на педикюр вечером', 'послезавтра после обеда', 'давайте в три', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'педикюр', date: '2026-11-27', time: '15:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_DATE, 'Могу предложить в 14:00, в 15:00 или в 16:00', ASK_PHONE, `${CHECK}: педикюр, в пятницу, 27 ноября, в 15:00`],
  },
  {
    name: 'approximate hours: "в районе трёх" and "к половине шестого" after a correction',
    lines: ['Можно записаться на стрижку на завтра в районе трёх?', '89161234567', 'нет, лучше к половине шестого', 'да'],
    outcome: 'booking_created',
    fields: { service: 'стрижка', date: '2026-11-26', time: '17:30', phone: '+79161234567' },
    endedBy: null,
    says: [`${CHECK}: стрижка, завтра, 26 ноября, в 15:00`, `${CHECK}: стрижка, завтра, 26 ноября, в 17:30`, BOOKED],
  },
  {
    name: 'the request restated while the date is asked replaces the service',
    lines: ['Запишите меня на маникюр', 'хочу записаться на стрижку', 'завтра в 12', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'стрижка', date: '2026-11-26', time: '12:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_DATE, `Хорошо, стрижка. ${ASK_DATE}`, `${CHECK}: стрижка`],
  },
  {
    name: 'restating only the request keeps the service',
    lines: ['Запишите меня на маникюр', 'да, хочу записаться', 'завтра в 12', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-26', time: '12:00', phone: '+79161234567' },
    endedBy: null,
  },
  {
    name: 'read-back: a bare "нет, педикюр" replaces the service',
    lines: ['Запишите на маникюр завтра в три', '89161234567', 'нет, педикюр', 'да'],
    outcome: 'booking_created',
    fields: { service: 'педикюр', date: '2026-11-26', time: '15:00', phone: '+79161234567' },
    endedBy: null,
    says: [`${CHECK}: маникюр`, `${CHECK}: педикюр, завтра, 26 ноября, в 15:00`, BOOKED],
  },
  {
    name: 'read-back: "нет, в четыре" still replaces only the time',
    lines: ['Запишите на маникюр завтра в три', '89161234567', 'нет, в четыре', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-26', time: '16:00', phone: '+79161234567' },
    endedBy: null,
  },
  {
    name: 'read-back: "нет, время другое" asks for the time again, "другое" is no service',
    lines: ['Запишите на маникюр завтра в три', '89161234567', 'нет, время другое', 'в пять', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-26', time: '17:00', phone: '+79161234567' },
    endedBy: null,
    says: [CHECK, ASK_TIME, `${CHECK}: маникюр, завтра, 26 ноября, в 17:00`],
  },
  {
    name: 'read-back: "всё верно, только телефон другой" does not book, the phone is asked again',
    lines: ['Запишите на маникюр завтра в три', '89161234567', 'всё верно, только телефон другой', '8 903 555 12 34', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-26', time: '15:00', phone: '+79035551234' },
    endedBy: null,
    says: [CHECK, ASK_PHONE, 'телефон +7 903 555-12-34', BOOKED],
  },
  {
    name: 'read-back: "всё верно, только телефон другой" is not a completed booking yet',
    lines: ['Запишите на маникюр завтра в три', '89161234567', 'всё верно, только телефон другой'],
    outcome: null,
    fields: { service: 'маникюр', date: '2026-11-26', time: '15:00' },
    endedBy: null,
    says: [ASK_PHONE],
  },
  {
    name: 'the caller changes their mind mid-booking: "не хочу записываться" drops the booking',
    lines: ['Хочу записаться на маникюр', 'ой, знаете, я передумала, не хочу записываться', 'нет, спасибо'],
    outcome: null,
    fields: {},
    endedBy: 'bot',
    says: [ASK_DATE, `Хорошо, запись не оформляю. ${ANYTHING_ELSE}`],
  },
  {
    name: 'a refusal right after the greeting is acknowledged, not met with the fallback',
    lines: ['Нет, я не хочу записываться', 'нет'],
    outcome: null,
    fields: {},
    endedBy: 'bot',
    says: [`Хорошо, запись не оформляю. ${ANYTHING_ELSE}`, 'До свидания'],
  },
  {
    name: 'read-back: "нет, подождите" changes nothing and asks what to fix',
    lines: ['Запишите на маникюр завтра в три', '89161234567', 'нет, подождите', 'ничего, всё верно'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-26', time: '15:00', phone: '+79161234567' },
    endedBy: null,
    says: ['Что нужно исправить?', BOOKED],
  },
  {
    name: 'read-back: "нет, не хочу записываться" drops the booking',
    lines: ['Запишите на маникюр завтра в три', '89161234567', 'нет, не хочу записываться'],
    outcome: null,
    fields: {},
    endedBy: null,
    says: [CHECK, `Хорошо, запись не оформляю. ${ANYTHING_ELSE}`],
  },
  {
    name: '"не хочу записываться, хотел узнать цену" is a question, not a booking',
    lines: ['Я не хочу записываться, хотел узнать цену на стрижку', 'спасибо, до свидания'],
    knowledge: { стрижк: 'Женская стрижка стоит от 1500 рублей.' },
    outcome: null,
    fields: {},
    endedBy: 'caller',
    says: ['от 1500 рублей'],
    knowledgeRequests: 1,
  },
  {
    name: '"почём" asks the knowledge base',
    lines: ['Почём у вас маникюр?', 'спасибо, до свидания'],
    knowledge: { маникюр: 'Маникюр с покрытием стоит 2000 рублей.' },
    outcome: null,
    fields: {},
    endedBy: 'caller',
    says: ['2000 рублей'],
    knowledgeRequests: 1,
  },
  {
    name: 'loose days: "на выходных", then "нет, в начале следующей недели"',
    lines: ['Хочу на стрижку на выходных', 'в 12', '89161234567', 'нет, давайте в начале следующей недели', 'да'],
    outcome: 'booking_created',
    fields: { service: 'стрижка', date: '2026-11-30', time: '12:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_TIME, 'в субботу, 28 ноября', 'в понедельник, 30 ноября', BOOKED],
  },
  {
    name: '"через день" is the day after tomorrow',
    lines: ['Запишите на маникюр через день в 11', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
    endedBy: null,
  },
];

const dental: DialogueCase[] = [
  {
    name: 'implant lead: "не срочно" is the later timing',
    lines: ['Интересует имплантация', 'два зуба', 'да не срочно', 'около ста тысяч', '89161234567', 'да'],
    outcome: 'lead_qualified',
    fields: { teeth_count: 2, timing: 'позже', budget: 'около ста тысяч', phone: '+79161234567' },
    endedBy: null,
    says: ['Когда планируете начать', 'На какой бюджет', 'восстановить: 2 зуба, позже'],
  },
  {
    name: 'a deadline ("до третьего") is not the visit day',
    lines: ['Хочу записаться к терапевту', 'Анна', 'в пятницу можно? мне надо успеть до третьего', 'в 10 утра', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'терапевт', name: 'Анна', date: '2026-11-27', time: '10:00', phone: '+79161234567' },
    endedBy: null,
    says: ['в пятницу, 27 ноября, в 10:00'],
  },
  {
    name: 'a surname in the genitive is read back in the nominative; "по-разному" is no name',
    lines: ['Запишите к хирургу', 'меня зовут по-разному', 'на имя Петровой', 'завтра в 9', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'хирург', name: 'Петрова', date: '2026-11-26', time: '09:00', phone: '+79161234567' },
    endedBy: null,
    says: ['Как вас зовут?', 'Как вас зовут?', 'на имя Петрова'],
  },
];

const car: DialogueCase[] = [
  {
    name: '"то есть" in a question is no ТО booking',
    lines: ['То есть вы и в воскресенье работаете?', 'спасибо, до свидания'],
    knowledge: { воскресенье: 'Мы работаем ежедневно с 9 до 21.' },
    outcome: null,
    fields: {},
    endedBy: 'caller',
    says: ['В воскресенье, 29 ноября, мы не работаем'],
    knowledgeRequests: 0,
  },
  {
    name: '"почём" in the car service still asks the knowledge base',
    lines: ['Почём замена масла?', 'спасибо, до свидания'],
    knowledge: { масл: 'Замена масла — 1500 рублей.' },
    outcome: null,
    fields: {},
    endedBy: 'caller',
    knowledgeRequests: 1,
  },
];

describe('repairs: salon', () => {
  dialogueTests(loadConfig('salon-bot-1'), salon);
});
describe('repairs: dental clinic', () => {
  dialogueTests(loadConfig('dental-clinic'), dental);
});
describe('repairs: car service', () => {
  dialogueTests(loadConfig('car-service'), car);
});
