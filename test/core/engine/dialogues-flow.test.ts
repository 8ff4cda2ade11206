import { describe } from 'vitest';
import { dialogueTests, type DialogueCase } from './dialogue-case.ts';
import { loadConfig } from './harness.ts';

const ARE_YOU_THERE = 'Вы меня слышите?';
const LINE_LOST = 'связь прервалась';

const salonCases: DialogueCase[] = [
  {
    name: 'one silence after the greeting: reprompt, then the caller speaks',
    lines: ['<silence>', 'Хочу записаться на маникюр'],
    outcome: null,
    fields: { service: 'маникюр' },
    endedBy: null,
    says: [`${ARE_YOU_THERE} Чем могу помочь?`, 'На какой день?'],
  },
  {
    name: 'two silences in a row end the call',
    lines: ['<silence>', '<silence>', 'алло'],
    outcome: null,
    fields: {},
    endedBy: 'silence',
    says: [ARE_YOU_THERE, LINE_LOST],
  },
  {
    name: 'silence mid-booking repeats the pending question; speech resets the count',
    lines: ['Запишите на маникюр в пятницу', '<silence>', 'в 11', '<silence>', '89161234567', 'да'],
    outcome: 'booking_created',
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
    endedBy: null,
    says: [`${ARE_YOU_THERE} В какое время?`, `${ARE_YOU_THERE} Оставьте номер для подтверждения`, 'вы записаны'],
  },
  {
    name: 'silence at the read-back repeats the read-back, the second one ends the call',
    lines: ['Запишите на маникюр в пятницу в 11, номер 89161234567', '<silence>', '<silence>'],
    outcome: null,
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
    endedBy: 'silence',
    says: [`${ARE_YOU_THERE} Давайте проверим: маникюр`, LINE_LOST],
  },
];

const shortCases: DialogueCase[] = [
  {
    name: 'max_turns: the fourth utterance gets a polite goodbye',
    lines: ['абырвалг', 'ну как бы это', 'эээ', 'хочу записаться', 'алло'],
    outcome: null,
    fields: {},
    endedBy: 'max_turns',
    says: ['не совсем поняла', 'перезвоните позже'],
  },
  {
    name: 'max_turns in the middle of a booking keeps what was collected',
    lines: ['Хочу записаться на маникюр', 'в пятницу', 'в 11', '89161234567'],
    outcome: null,
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00' },
    endedBy: 'max_turns',
    says: ['На какой день?', 'В какое время?', 'Оставьте номер', 'перезвоните позже'],
  },
];

describe('silence', () => {
  dialogueTests(loadConfig('salon-bot-1'), salonCases);
});

describe('max_turns = 3', () => {
  dialogueTests(loadConfig('salon-bot-1', { max_turns: 3 }), shortCases);
});
