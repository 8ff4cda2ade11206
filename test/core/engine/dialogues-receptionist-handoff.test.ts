import { describe } from 'vitest';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig } from './harness.ts';
import { ASK_DATE, ASK_PHONE, ASK_SERVICE, ASK_TIME, BOOKED, CHECK } from './salon-phrases.ts';

// Now is Wednesday 2026-11-25 10:00 (Moscow). The salon's administrator answers on weekdays 10–19, Saturday 10–16;
// the dental reception 8–20 (Sunday 9–15); the car service has no one to transfer to.
const EVENING = new Date('2026-11-25T20:30:00+03:00');
const SUNDAY = new Date('2026-11-29T12:00:00+03:00');
const CALLBACK_INTRO = 'Давайте оформлю обратный звонок';
const ASK_NAME = 'Как к вам обращаться?';
const ASK_CALLBACK_PHONE = 'По какому номеру вам перезвонить?';
const ASK_REASON = 'по какому вопросу вам перезвонить?';
const TRANSFER = 'Соединяю с администратором';

const salonCases: DialogueCase[] = [
  {
    name: 'asks for the administrator right away and is transferred',
    lines: ['алло девушка а можно администратора'],
    outcome: 'transferred',
    fields: {},
    endedBy: 'transfer',
    transferTo: '+74951234567',
    says: [TRANSFER],
  },
  {
    name: 'wants a live person in the middle of a booking: transferred, the values given so far stay in the call',
    lines: ['хочу записаться на маникюр в пятницу', 'ой а можно с живым человеком поговорить'],
    outcome: 'transferred',
    fields: { service: 'маникюр', date: '2026-11-27' },
    endedBy: 'transfer',
    transferTo: '+74951234567',
    says: [ASK_TIME, TRANSFER],
  },
  {
    name: 'after hours a request for a manager becomes a callback: name, number over two turns, reason',
    now: EVENING,
    lines: [
      'соедините меня с менеджером пожалуйста',
      'Марина',
      'восемь девятьсот шестнадцать',
      'сто двадцать три сорок пять шестьдесят семь',
      'ну короче хочу перенести запись на другой день',
      'да',
      'нет спасибо',
    ],
    outcome: 'callback_requested',
    fields: { name: 'Марина', phone: '+79161234567', reason: 'хочу перенести запись на другой день' },
    endedBy: 'bot',
    says: [
      `они на связи завтра, 26 ноября, с 10:00 до 19:00. ${CALLBACK_INTRO}. ${ASK_NAME}`,
      ASK_CALLBACK_PHONE,
      'Продолжайте',
      ASK_REASON,
      `${CHECK}: на имя Марина, телефон +7 916 123-45-67, хочу перенести запись на другой день. Всё верно?`,
      'заявка принята',
    ],
  },
  {
    name: 'on Sunday the caller ID is offered for the callback and the reason may name a service',
    now: SUNDAY,
    caller: '+79031112233',
    lines: ['мне бы оператора', 'Ольга', 'да', 'насчёт записи на стрижку', 'всё верно'],
    outcome: 'callback_requested',
    fields: { name: 'Ольга', phone: '+79031112233', reason: 'насчёт записи на стрижку' },
    endedBy: null,
    says: ['завтра, 30 ноября, с 10:00 до 19:00', 'Записать на номер, с которого вы звоните, +7 903 111-22-33?', ASK_REASON],
  },
  {
    name: '"повторите" repeats the last question and the form goes on',
    lines: ['запишите на стрижку', 'что простите не расслышала повторите', 'завтра в шесть вечера', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'стрижка', date: '2026-11-26', time: '18:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_DATE, ASK_DATE, ASK_PHONE, BOOKED],
  },
  {
    name: '"давайте сначала" mid-form forgets the values and asks the first question again',
    lines: ['запишите на маникюр в пятницу', 'ой нет давайте сначала', 'педикюр', 'в субботу в двенадцать', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'педикюр', date: '2026-11-28', time: '12:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_TIME, `Хорошо, начнём сначала. ${ASK_SERVICE}`, ASK_DATE, ASK_PHONE, BOOKED],
  },
  {
    name: '"я передумала" at the read-back cancels the booking, then goodbye',
    lines: ['запишите на маникюр в пятницу в одиннадцать', '89161234567', 'ой знаете я передумала', 'нет спасибо'],
    outcome: null,
    fields: {},
    endedBy: 'bot',
    says: [CHECK, 'Хорошо, запись не оформляю. Могу ещё чем-нибудь помочь?', 'До свидания'],
  },
  {
    name: '"отмена" right after booking withdraws it',
    lines: ['запишите на маникюр в пятницу в одиннадцать', '89161234567', 'да', 'ой отмена отмените запись', 'до свидания'],
    outcome: null,
    fields: {},
    endedBy: 'caller',
    says: [BOOKED, 'запись не оформляю'],
  },
  {
    name: 'a question mid-form is answered from the knowledge base and the form resumes where it was',
    lines: ['запишите на маникюр', 'а сколько у вас стоит маникюр с покрытием', 'в пятницу в одиннадцать', '89161234567', 'да'],
    knowledge: { 'стоит маникюр': 'Маникюр с покрытием стоит 1500 рублей.' },
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
    endedBy: null,
    says: [ASK_DATE, 'Маникюр с покрытием стоит 1500 рублей. Итак, на какой день?', ASK_PHONE, BOOKED],
  },
  {
    name: 'goodbye in the middle of the form ends the call without an outcome',
    lines: ['хочу записаться на стрижку', 'ладно я потом перезвоню всего доброго'],
    outcome: null,
    fields: { service: 'стрижка' },
    endedBy: 'caller',
    says: [ASK_DATE, 'До свидания'],
  },
];

const dentalCases: DialogueCase[] = [
  {
    name: '"с врачом напрямую" transfers to the reception SIP address',
    lines: ['здравствуйте а можно мне с врачом напрямую поговорить'],
    outcome: 'transferred',
    fields: {},
    endedBy: 'transfer',
    transferTo: 'sip:reception@ulybka-clinic.ru',
    says: ['Соединяю вас с администратором'],
  },
  {
    name: '"соедините с кем-нибудь" while the doctor is asked transfers too',
    lines: ['хочу записаться', 'слушайте соедините с кем-нибудь'],
    outcome: 'transferred',
    fields: {},
    endedBy: 'transfer',
    transferTo: 'sip:reception@ulybka-clinic.ru',
  },
  {
    name: 'booking "к врачу" is no request for a person',
    lines: ['запишите меня к врачу на чистку', 'Анна', 'завтра в десять', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'гигиенист', name: 'Анна', date: '2026-11-26', time: '10:00', phone: '+79161234567' },
    endedBy: null,
    says: ['Как вас зовут?', BOOKED],
  },
];

const carCases: DialogueCase[] = [
  {
    name: 'no one to transfer to: "позовите мастера" takes a callback request',
    lines: ['позовите мастера к телефону пожалуйста', 'Олег', '89170001122', 'по поводу гарантии на ремонт подвески', 'да', 'нет'],
    outcome: 'callback_requested',
    fields: { name: 'Олег', phone: '+79170001122', reason: 'по поводу гарантии на ремонт подвески' },
    endedBy: 'bot',
    says: [`Соединить с сотрудником сейчас не получится, но вам перезвонят. ${CALLBACK_INTRO}. ${ASK_NAME}`, ASK_CALLBACK_PHONE, ASK_REASON, 'заявка принята'],
  },
  {
    name: 'the phone given for the booking is not asked again for the callback',
    lines: ['запишите на шиномонтаж', 'киа рио', '89170001122', 'нет слушайте дайте мне живого человека', 'Пётр', 'цена шиномонтажа', 'да'],
    outcome: 'callback_requested',
    fields: { service: 'шиномонтаж', car: 'киа рио', phone: '+79170001122', name: 'Пётр', reason: 'цена шиномонтажа' },
    endedBy: null,
    says: [ASK_NAME, ASK_REASON],
    neverSays: [ASK_CALLBACK_PHONE],
  },
];

describe('receptionist: handoff and global requests, salon', () => dialogueTests(loadConfig('salon-bot-1'), salonCases));
describe('receptionist: handoff, dental clinic', () => dialogueTests(loadConfig('dental-clinic'), dentalCases));
describe('receptionist: callback without handoff, car service', () => dialogueTests(loadConfig('car-service'), carCases));
