import { describe } from 'vitest';
import type { BotConfig } from '../../../core/config/index.ts';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig, loadUnseenConfig } from './harness.ts';

// The config's own people and emergencies: handoff.title, handoff.keywords, a scenario with `handoff: true` and a
// number field whose out-of-range value has the business's own phrase or goes to a person.
const dental = loadConfig('dental-clinic');
const dentalDuty: BotConfig = {
  ...dental,
  handoff: { ...dental.handoff!, title: 'дежурный врач', keywords: ['кровотечение', 'опухла щека', 'температура'] },
};

const guest = loadUnseenConfig('guest-house');
const guestOwn: BotConfig = {
  ...guest,
  handoff: { ...guest.handoff!, phrase: undefined, title: 'администратор гостевого дома' },
  scenarios: [
    ...guest.scenarios.map((s) =>
      s.name !== 'reservation'
        ? s
        : {
            ...s,
            collect_fields: s.collect_fields.map((f) =>
              f.name === 'guests' ? { ...f, out_of_range: 'handoff' } : f.name === 'nights' ? { ...f, out_of_range: 'Больше чем на месяц мы не бронируем, назовите, пожалуйста, срок до тридцати ночей.' } : f,
            ),
          },
    ),
    { name: 'group', trigger_keywords: ['корпоратив', 'свадьба', 'банкет'], collect_fields: [{ name: 'name', prompt: 'Как к вам обращаться?', required: true }], on_complete: 'group_request', use_knowledge_base: false, handoff: true },
  ],
};

const dentalCases: DialogueCase[] = [
  {
    name: 'an emergency word the clinic declared goes straight to a person, even mid-booking',
    lines: ['здравствуйте хочу записаться к хирургу', 'ой подождите у меня кровотечение после удаления не останавливается'],
    outcome: 'transferred',
    fields: { doctor: 'хирург' },
    endedBy: 'transfer',
    transferTo: 'sip:reception@ulybka-clinic.ru',
    says: ['Как вас зовут?', 'сейчас вам ответит дежурный врач'],
  },
  {
    name: 'the clinic\'s own title for its person is asked for by the caller',
    lines: ['а можно ну это дежурного врача позвать'],
    outcome: 'transferred',
    fields: {},
    endedBy: 'transfer',
    transferTo: 'sip:reception@ulybka-clinic.ru',
  },
  {
    name: 'a refused title is no request for a person',
    lines: ['дежурного врача не надо я просто хочу записаться на чистку', 'анна', 'завтра в десять', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'гигиенист', name: 'Анна', date: '2026-11-26', time: '10:00', phone: '+79161234567' },
    endedBy: null,
  },
];

const guestCases: DialogueCase[] = [
  {
    name: 'a party larger than the house takes goes to a person with what was said kept',
    lines: ['здравствуйте хотим снять номер с пятого декабря на две ночи', 'нас будет человек двенадцать'],
    outcome: 'transferred',
    fields: { checkin: '2026-12-05', nights: 2 },
    endedBy: 'transfer',
    transferTo: '+74822334455',
    says: ['Сколько будет гостей?', 'сейчас вам ответит администратор гостевого дома'],
  },
  {
    name: 'too many nights get the house\'s own phrase, then the number said again',
    lines: ['забронировать номер с пятого декабря на сорок ночей', 'ну тогда на десять', 'вдвоем', 'на фамилию орлова', '89161234567', 'нет', 'да'],
    outcome: 'reservation_created',
    fields: { checkin: '2026-12-05', nights: 10, guests: 2, name: 'Орлова', phone: '+79161234567' },
    endedBy: null,
    says: ['Больше чем на месяц мы не бронируем'],
  },
  {
    name: 'a scenario the house routes to a person collects its fields and hands over',
    lines: ['добрый день у нас летом свадьба человек на сорок', 'меня зовут марина'],
    outcome: 'group_request',
    fields: { name: 'Марина' },
    endedBy: 'transfer',
    transferTo: '+74822334455',
    says: ['Как к вам обращаться?', 'администратор гостевого дома'],
  },
];

describe('the config\'s own people: dental clinic', () => dialogueTests(dentalDuty, dentalCases));
describe('the config\'s own people: guest house', () => dialogueTests(guestOwn, guestCases));
