import { describe } from 'vitest';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig } from './harness.ts';

// Now is Wednesday 2026-11-25 10:00 (Moscow).
const dental: DialogueCase[] = [
  {
    name: 'booking with an enum synonym ("чистка" → гигиенист) and a bare name',
    lines: ['Хочу записаться на чистку зубов', 'Анна', 'завтра', 'в 10 утра', '89161234567', 'да', 'нет, спасибо'],
    outcome: 'booking_created',
    fields: { doctor: 'гигиенист', name: 'Анна', date: '2026-11-26', time: '10:00', phone: '+79161234567' },
    endedBy: 'bot',
    says: ['Как вас зовут?', 'На какой день вам удобно?', 'специалист: гигиенист, на имя Анна, завтра, 26 ноября, в 10:00', 'вы записаны'],
  },
  {
    name: 'toothache: the specialist is asked and picked by synonym ("пломбу" → терапевт)',
    lines: ['У меня болит зуб, можно к врачу?', 'наверное, пломбу поставить', 'Меня зовут Ирина Петрова', 'сегодня в пять вечера', '8 999 123 45 67', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'терапевт', name: 'Ирина Петрова', date: '2026-11-25', time: '17:00', phone: '+79991234567' },
    endedBy: null,
    says: ['К какому специалисту', 'Как вас зовут?', 'сегодня, 25 ноября, в 17:00', 'вы записаны'],
  },
  {
    name: 'specialist and name in the first phrase',
    lines: ['Здравствуйте, меня зовут Ольга, хочу записаться к хирургу, нужно удалить зуб', 'в пятницу в 9', '+7 916 555 44 33', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'хирург', name: 'Ольга', date: '2026-11-27', time: '09:00', phone: '+79165554433' },
    endedBy: null,
    says: ['На какой день вам удобно?', 'Продиктуйте, пожалуйста, номер телефона', 'специалист: хирург, на имя Ольга'],
  },
  {
    name: 'implant lead qualified question by question',
    lines: ['Интересует имплантация', 'два зуба', 'как можно скорее', 'около ста тысяч', '89161234567', 'да', 'нет, спасибо'],
    outcome: 'lead_qualified',
    fields: { teeth_count: 2, timing: 'в этом месяце', budget: 'около ста тысяч', phone: '+79161234567' },
    endedBy: 'bot',
    says: ['Сколько зубов нужно восстановить?', 'Когда планируете начать', 'На какой бюджет', 'врач-имплантолог перезвонит', 'восстановить: 2 зуба', 'заявка принята'],
  },
  {
    name: 'implant lead: count and timing in the first phrase ("через пару месяцев" → позже)',
    lines: ['Хочу поставить импланты на три зуба, через пару месяцев', 'до двухсот тысяч', '89161234567', 'да'],
    outcome: 'lead_qualified',
    fields: { teeth_count: 3, timing: 'позже', budget: 'до двухсот тысяч', phone: '+79161234567' },
    endedBy: null,
    says: ['На какой бюджет', 'восстановить: 3 зуба, позже, бюджет: до двухсот тысяч', 'заявка принята'],
  },
  {
    name: 'price question goes to the knowledge base',
    lines: ['Сколько стоит чистка зубов?', 'спасибо, до свидания'],
    knowledge: { чистка: 'Профессиональная чистка стоит 4500 рублей.' },
    outcome: null,
    fields: {},
    endedBy: 'caller',
    says: ['Профессиональная чистка стоит 4500 рублей.', 'До свидания'],
    knowledgeRequests: 1,
  },
];

const car: DialogueCase[] = [
  {
    name: 'service by enum value and the car from the same phrase',
    lines: ['Хочу записаться на ТО, у меня Киа Рио', 'в понедельник в 9 утра', '8 917 000 11 22', 'да'],
    outcome: 'booking_created',
    fields: { car: 'Киа Рио', service: 'ТО', date: '2026-11-30', time: '09:00', phone: '+79170001122' },
    endedBy: null,
    says: ['На какой день записать?', 'автомобиль: Киа Рио, ТО, в понедельник, 30 ноября, в 09:00', 'вы записаны'],
  },
  {
    name: 'no trigger word: "поменять резину" implies the booking with шиномонтаж',
    lines: ['Нужно поменять резину', 'Тойота Камри', 'завтра в 10', '89170001122', 'да'],
    outcome: 'booking_created',
    fields: { car: 'Тойота Камри', service: 'шиномонтаж', date: '2026-11-26', time: '10:00', phone: '+79170001122' },
    endedBy: null,
    says: ['Какая у вас машина', 'На какой день записать?', 'шиномонтаж'],
  },
  {
    name: 'service asked and matched by synonym ("стучит подвеска" → ремонт ходовой)',
    lines: ['Запишите меня, пожалуйста', 'Лада Веста', 'что-то стучит подвеска', 'в субботу в 11', '89170001122', 'да'],
    outcome: 'booking_created',
    fields: { car: 'Лада Веста', service: 'ремонт ходовой', date: '2026-11-28', time: '11:00', phone: '+79170001122' },
    endedBy: null,
    says: ['Какая у вас машина', 'Что нужно сделать с машиной?', 'На какой день записать?'],
  },
  {
    name: 'callback request field by field',
    lines: ['Перезвоните мне, пожалуйста', 'Олег', '8 917 000 11 22', 'да', 'нет, спасибо'],
    outcome: 'callback_requested',
    fields: { name: 'Олег', phone: '+79170001122' },
    endedBy: 'bot',
    says: ['Как к вам обращаться?', 'По какому номеру перезвонить?', 'на имя Олег, телефон +7 917 000-11-22', 'заявка принята'],
  },
  {
    name: 'callback with name and phone in one phrase',
    lines: ['Можно консультацию мастера? Меня зовут Олег, телефон 8 917 000 11 22', 'да'],
    outcome: 'callback_requested',
    fields: { name: 'Олег', phone: '+79170001122' },
    endedBy: null,
    says: ['Давайте проверим: на имя Олег', 'заявка принята'],
  },
  {
    name: 'switches from booking to a callback mid-way',
    lines: ['Хочу записаться на ремонт', 'а можно просто чтобы мастер перезвонил?', 'Меня зовут Олег', '89170001122', 'да'],
    outcome: 'callback_requested',
    fields: { name: 'Олег', phone: '+79170001122' },
    endedBy: null,
    says: ['Какая у вас машина', 'Как к вам обращаться?', 'По какому номеру перезвонить?', 'заявка принята'],
  },
  {
    name: 'price question with no answer in the knowledge base: no information and a callback offer, accepted',
    lines: ['ну а почём у вас замена масла', 'да давайте'],
    outcome: null,
    fields: {},
    endedBy: null,
    says: ['К сожалению, точной информации об этом у меня нет. Хотите, администратор вам перезвонит?', 'Как к вам обращаться?'],
    knowledgeRequests: 1,
  },
  {
    name: 'a question without a question word ("а парковка есть") is still a question, not "не понял"',
    lines: ['а парковка есть'],
    outcome: null,
    fields: {},
    endedBy: null,
    says: ['К сожалению, точной информации об этом у меня нет. Хотите, администратор вам перезвонит?'],
    knowledgeRequests: 1,
  },
];

describe('dental clinic dialogues', () => {
  dialogueTests(loadConfig('dental-clinic'), dental);
});

describe('car service dialogues', () => {
  dialogueTests(loadConfig('car-service'), car);
});
