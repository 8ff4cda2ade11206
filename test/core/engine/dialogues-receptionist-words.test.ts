import { describe } from 'vitest';
import { parseBotConfigText, type BotConfig } from '../../../core/config/index.ts';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig } from './harness.ts';
import { BOOKED, CHECK } from './salon-phrases.ts';

// Now is Wednesday 2026-11-25 10:00 (Moscow).

/** A grooming salon whose options are named in one form and said in others (щенка, котят, детей). */
const GROOMING = `
bot_id: "grooming-hvost"
voice_id: "russian-female-1"
greeting: "Груминг-салон «Хвост», здравствуйте!"
company: { name: "груминг-салон «Хвост»" }
business_hours: { mon-sat: "10:00-20:00", sun: closed }
scenarios:
  - name: "booking"
    trigger_keywords: ["записаться", "запись", "записать"]
    collect_fields:
      - name: "pet"
        prompt: "Кого приведёте: щенка или котёнка?"
        label: "питомец"
        options: ["щенок", "котёнок", { value: "взрослая собака", synonyms: ["пёс", "собака"] }]
      - name: "age"
        prompt: "Сколько питомцу лет?"
        type: number
        min: 0
        max: 25
        unit: "год"
        label: "возраст"
      - name: "date"
        prompt: "На какой день?"
      - name: "phone"
        prompt: "Ваш номер телефона?"
    on_complete: "booking_created"
fallback: "Извините, не поняла. Хотите записать питомца?"
`;

const KIDS = `
bot_id: "kids-hair"
voice_id: "russian-female-1"
greeting: "Детская парикмахерская «Чижик», здравствуйте!"
scenarios:
  - name: "booking"
    trigger_keywords: ["записаться", "запись", "записать", "ребёнок"]
    collect_fields:
      - name: "who"
        prompt: "Кого стрижём: ребёнка или взрослого?"
        label: "клиент"
        options: ["ребёнок", "взрослый"]
      - name: "date"
        prompt: "На какой день?"
      - name: "time"
        prompt: "Во сколько?"
    on_complete: "booking_created"
fallback: "Извините, не поняла. Хотите записаться?"
`;

function config(text: string): BotConfig {
  const parsed = parseBotConfigText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

const groomingCases: DialogueCase[] = [
  {
    name: '"щенка" is the option "щенок" (a fleeting vowel), read back with its label and the age with its unit',
    lines: ['хочу записать щенка на стрижку', 'ему три года', 'в пятницу', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { pet: 'щенок', age: 3, date: '2026-11-27', phone: '+79161234567' },
    endedBy: null,
    says: ['Сколько питомцу лет?', `${CHECK}: питомец: щенок, возраст: 3 года, в пятницу, 27 ноября`, BOOKED],
  },
  {
    name: '"котят" is the option "котёнок" (a young-animal plural); an age of forty is refused',
    lines: ['запишите двух котят', 'сорок', 'ну один год', 'завтра', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { pet: 'котёнок', age: 1, date: '2026-11-26', phone: '+79161234567' },
    endedBy: null,
    says: ['Так не получится: нужно число от 0 до 25.', 'питомец: котёнок, возраст: 1 год'],
  },
  {
    name: 'a synonym in another case ("с псом") picks its option',
    lines: ['можно записаться с псом', 'ему пять лет', 'в субботу', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { pet: 'взрослая собака', age: 5, date: '2026-11-28', phone: '+79161234567' },
    endedBy: null,
    says: ['питомец: взрослая собака, возраст: 5 лет'],
  },
];

const kidsCases: DialogueCase[] = [
  {
    name: '"детей" is the option "ребёнок" (a suppletive plural)',
    lines: ['хочу записать двоих детей на завтра', 'в пять вечера'],
    outcome: null,
    fields: { who: 'ребёнок', date: '2026-11-26', time: '17:00' },
    endedBy: null,
    says: [`${CHECK}: клиент: ребёнок, завтра, 26 ноября, в 17:00. Всё верно?`],
  },
];

const salonCases: DialogueCase[] = [
  {
    name: 'free text is stored and read back in the nominative ("мужскую стрижку" → "мужская стрижка")',
    lines: ['запишите меня на мужскую стрижку', 'завтра в два', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'мужская стрижка', date: '2026-11-26', time: '14:00', phone: '+79161234567' },
    endedBy: null,
    says: [`${CHECK}: мужская стрижка, завтра, 26 ноября, в 14:00`],
  },
  {
    name: 'two services joined by "и" both come back in the nominative',
    lines: ['мне бы на покраску и укладку в пятницу в двенадцать', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'покраска и укладка', date: '2026-11-27', time: '12:00', phone: '+79161234567' },
    endedBy: null,
    says: [`${CHECK}: покраска и укладка`],
  },
];

const dentalCases: DialogueCase[] = [
  {
    name: 'options said in other forms ("брекетов", "к ортодонту"), name and doctor read back with labels',
    lines: ['здравствуйте хочу узнать насчёт брекетов и записаться', 'Олеся', 'в пятницу в четыре', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { doctor: 'ортодонт', name: 'Олеся', date: '2026-11-27', time: '16:00', phone: '+79161234567' },
    endedBy: null,
    says: [`${CHECK}: специалист: ортодонт, на имя Олеся, в пятницу, 27 ноября, в 16:00`],
  },
];

const carCases: DialogueCase[] = [
  {
    name: 'a symptom without a request word picks the service and leaves the car to be asked',
    lines: ['здрасьте у меня стучит что-то спереди', 'хендай солярис', 'в понедельник в девять', '89170001122', 'да'],
    outcome: 'booking_created',
    fields: { service: 'диагностика', car: 'хендай солярис', date: '2026-11-30', time: '09:00', phone: '+79170001122' },
    endedBy: null,
    says: ['Какая у вас машина: марка и модель?', `${CHECK}: автомобиль: хендай солярис, диагностика`],
  },
  {
    name: 'the car model is kept as said and the service option matched from "амортизатора"',
    caller: '+79170001122',
    lines: ['запишите на замену амортизатора', 'фольксваген поло', 'в понедельник в десять', 'да', 'да'],
    outcome: 'booking_created',
    fields: { car: 'фольксваген поло', service: 'ремонт ходовой', date: '2026-11-30', time: '10:00', phone: '+79170001122' },
    endedBy: null,
    says: ['Записать на номер, с которого вы звоните, +7 917 000-11-22?', `${CHECK}: автомобиль: фольксваген поло, ремонт ходовой`],
  },
];

describe('receptionist: word forms, dental clinic', () => dialogueTests(loadConfig('dental-clinic'), dentalCases));
describe('receptionist: word forms and caller ID, car service', () => dialogueTests(loadConfig('car-service'), carCases));
describe('receptionist: word forms, grooming salon', () => dialogueTests(config(GROOMING), groomingCases));
describe('receptionist: word forms, kids hairdresser', () => dialogueTests(config(KIDS), kidsCases));
describe('receptionist: nominative values, salon', () => dialogueTests(loadConfig('salon-bot-1'), salonCases));
