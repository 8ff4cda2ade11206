import { describe } from 'vitest';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig } from './harness.ts';
import { ASK_DATE, FALLBACK } from './salon-phrases.ts';

// Now is Wednesday 2026-11-25 10:00 (Moscow); the salon administrator answers until 19:00.
const EVENING = new Date('2026-11-25T20:30:00+03:00');
const OFFER_TRANSFER = 'Похоже, у меня не получается вам помочь. Соединить вас с администратором?';
const OFFER_CALLBACK = 'Похоже, у меня не получается вам помочь. Хотите, администратор вам перезвонит?';
const NO_INTENT_BYE = 'Извините, что не получилось помочь';

const salonCases: DialogueCase[] = [
  {
    name: 'a first line about this business is never taken for a wrong number: «а вы работаете в воскресенье»',
    lines: ['а вы работаете в воскресенье'],
    knowledge: {},
    outcome: null,
    fields: {},
    endedBy: null,
    neverSays: ['ошиблись номером'],
  },
  {
    name: 'a first line about this business is never taken for a wrong number: «алло вы делаете маникюр»',
    lines: ['алло вы делаете маникюр'],
    knowledge: {},
    outcome: null,
    fields: {},
    endedBy: null,
    neverSays: ['ошиблись номером'],
  },
  {
    name: 'a first line about this business is never taken for a wrong number: «это стрижка сколько стоит»',
    lines: ['это стрижка сколько стоит'],
    knowledge: {},
    outcome: null,
    fields: {},
    endedBy: null,
    neverSays: ['ошиблись номером'],
  },
  {
    name: 'a first line about this business is never taken for a wrong number: «алло это запись на маникюр»',
    lines: ['алло это запись на маникюр'],
    knowledge: {},
    outcome: null,
    fields: { service: 'маникюр' },
    endedBy: null,
    neverSays: ['ошиблись номером'],
  },
  {
    name: '"вы автосервис?" asked of the salon is a wrong number',
    lines: ['здравствуйте вы автосервис'],
    outcome: 'wrong_number',
    fields: {},
    endedBy: 'bot',
  },
  {
    name: 'a wrong number hears which business this is and a polite goodbye',
    lines: ['алло это пиццерия'],
    outcome: 'wrong_number',
    fields: {},
    endedBy: 'bot',
    says: ['Это салон красоты «Элегант». Похоже, вы ошиблись номером. Всего доброго, до свидания!'],
  },
  {
    name: '"я не туда попал" even after a service word is a wrong number, not a booking',
    lines: ['ой извините я кажется не туда попал мне доставку роллов'],
    outcome: 'wrong_number',
    fields: {},
    endedBy: 'bot',
    says: ['ошиблись номером'],
  },
  {
    name: '"это салон красоты?" is answered yes, and the call goes on',
    lines: ['алло это салон красоты', 'хочу записаться на стрижку'],
    outcome: null,
    fields: { service: 'стрижка' },
    endedBy: null,
    says: ['Да, это салон красоты «Элегант». Чем могу помочь?', ASK_DATE],
  },
  {
    name: 'two fallbacks in a row offer the administrator; "да" transfers',
    lines: ['абырвалг', 'ну этот как его', 'да давайте'],
    outcome: 'transferred',
    fields: {},
    endedBy: 'transfer',
    transferTo: '+74951234567',
    says: [FALLBACK, OFFER_TRANSFER, 'Соединяю'],
  },
  {
    name: 'the offer declined: back to the question; a third miss in a row says goodbye with no_intent',
    lines: ['абырвалг', 'ну этот как его', 'нет не надо', 'шмяк', 'брямс', 'бдыщ'],
    outcome: 'no_intent',
    fields: {},
    endedBy: 'bot',
    says: [FALLBACK, OFFER_TRANSFER, 'Хорошо. Чем могу помочь?', FALLBACK, OFFER_TRANSFER, NO_INTENT_BYE],
  },
  {
    name: 'after hours the offer is a callback',
    now: EVENING,
    lines: ['абырвалг', 'кхм кхм', 'ага', 'Света', '89161234567', 'хотела про сертификаты спросить', 'да'],
    outcome: 'callback_requested',
    fields: { name: 'Света', phone: '+79161234567', reason: 'хотела про сертификаты спросить' },
    endedBy: null,
    says: [FALLBACK, OFFER_CALLBACK, 'Как к вам обращаться?', 'заявка принята'],
  },
  {
    name: 'a field misunderstood twice mid-form: the same offer, and the form continues after "нет"',
    lines: ['хочу записаться на маникюр', 'ну это самое', 'как его', 'нет', 'в пятницу в одиннадцать'],
    outcome: null,
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00' },
    endedBy: null,
    says: [ASK_DATE, `Извините, не совсем понятно. ${ASK_DATE}`, OFFER_TRANSFER, `Хорошо. ${ASK_DATE}`, 'Оставьте номер'],
  },
  {
    name: 'wanting to buy something for a pet named in passing starts no booking',
    lines: ['здравствуйте хочу купить шампунь для щенка на завтра'],
    outcome: null,
    fields: {},
    endedBy: null,
    neverSays: [ASK_DATE, 'В какое время?', 'На какую услугу'],
  },
];

const dentalCases: DialogueCase[] = [
  {
    name: '"это стоматология?" to the clinic is a yes, "а это такси?" a wrong number',
    lines: ['алло а это стоматология', 'а это не такси'],
    outcome: 'wrong_number',
    fields: {},
    endedBy: 'bot',
    says: ['Да, это Стоматология «Улыбка». Чем могу помочь?', 'Это Стоматология «Улыбка». Похоже, вы ошиблись номером'],
  },
  {
    name: 'a complaint that names a treatment in passing is no booking',
    lines: ['я хочу пожаловаться на пломбу которую мне поставили на прошлой неделе'],
    knowledge: {},
    outcome: null,
    fields: {},
    endedBy: null,
    neverSays: ['К какому специалисту', 'Как вас зовут?'],
  },
];

const carCases: DialogueCase[] = [
  {
    name: '"ошибся номером" at the car service',
    lines: ['извините ошибся номером'],
    outcome: 'wrong_number',
    fields: {},
    endedBy: 'bot',
    says: ['Это Автосервис «Гараж 24». Похоже, вы ошиблись номером'],
  },
  {
    name: 'without anyone to transfer to, two misses offer a callback',
    lines: ['кря', 'мяу', 'да', 'Игорь', '89170001122', 'про кузовной ремонт', 'да'],
    outcome: 'callback_requested',
    fields: { name: 'Игорь', phone: '+79170001122', reason: 'про кузовной ремонт' },
    endedBy: null,
    says: [OFFER_CALLBACK, 'Как к вам обращаться?', 'заявка принята'],
  },
];

describe('receptionist: wrong numbers and no intent, salon', () => dialogueTests(loadConfig('salon-bot-1'), salonCases));
describe('receptionist: wrong numbers, dental clinic', () => dialogueTests(loadConfig('dental-clinic'), dentalCases));
describe('receptionist: no intent, car service', () => dialogueTests(loadConfig('car-service'), carCases));
