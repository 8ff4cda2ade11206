import { describe, expect, it } from 'vitest';
import { matchKeyword, scoreKeywords } from '../../../core/text/keywords.ts';

const booking = ['записаться', 'запись', 'свободно'];
const support = ['вопрос', 'узнать', 'сколько стоит'];
const dental = ['записаться', 'запись', 'приём', 'талон', 'болит зуб'];
const callback = ['перезвоните', 'перезвонить', 'мастер', 'консультация'];

describe('scoreKeywords: booking triggers hit through morphology and typos', () => {
  it.each([
    'записаться',
    'запишите меня',
    'хочу записаться',
    'можно запись на завтра?',
    'запешите',
    'есть свободное окошко',
    'Запишусь на пятницу',
    'я хотела бы записатся',
    'а записи на субботу есть',
    'свободные места есть',
    'ЗАПИСАТЬСЯ НА СТРИЖКУ',
  ])('%s', (text) => {
    expect(scoreKeywords(text, booking).score).toBeGreaterThan(0);
  });
});

describe('scoreKeywords: support triggers', () => {
  it.each(['сколько стоит стрижка', 'стоит сколько', 'хотел узнать', 'у меня вопрос', 'можно узнаю цену', 'вопросик есть', 'а сколько стоят брекеты'])(
    '%s',
    (text) => {
      expect(scoreKeywords(text, support).score).toBeGreaterThan(0);
    },
  );
});

describe('scoreKeywords: no false hits', () => {
  it.each([
    ['стоит ли', support],
    ['сто рублей', support],
    ['добрый день', booking],
    ['а при какой температуре', dental],
    ['болит голова', dental],
    ['здравствуйте', callback],
    ['спасибо до свидания', booking],
  ] as const)('%s → 0', (text, keywords) => {
    expect(scoreKeywords(text, keywords)).toEqual({ score: 0, matches: [] });
  });
});

describe('scoreKeywords: ranking between scenarios', () => {
  it.each([
    ['хочу записаться на стрижку', booking, support],
    ['сколько стоит стрижка', support, booking],
    ['у меня болит зуб можно на приём', dental, support],
    ['перезвоните мне пожалуйста', callback, support],
  ] as const)('%s prefers the first list', (text, winner, loser) => {
    expect(scoreKeywords(text, winner).score).toBeGreaterThan(scoreKeywords(text, loser).score);
  });

  it('a two-word phrase outweighs a single word', () => {
    expect(scoreKeywords('болят зубы', ['болит зуб']).score).toBeGreaterThan(scoreKeywords('приём', ['приём']).score);
  });

  it('an exact word outweighs a typo', () => {
    expect(scoreKeywords('записаться', ['записаться']).score).toBeGreaterThan(scoreKeywords('запешите', ['записаться']).score);
  });

  it('matches come in text order with their spans', () => {
    const text = 'хочу узнать сколько стоит и записаться';
    const { matches } = scoreKeywords(text, [...booking, ...support]);
    expect(matches.map((m) => [m.value, text.slice(m.start, m.end)])).toEqual([
      ['узнать', 'узнать'],
      ['сколько стоит', 'сколько стоит'],
      ['записаться', 'записаться'],
      ['запись', 'записаться'],
    ]);
  });
});

describe('matchKeyword', () => {
  it.each([
    ['записаться на маникюр', 'записаться', 'записаться'],
    ['запишите на маникюр в пятницу', 'записаться', 'запишите'],
    ['можно приём на завтра', 'приём', 'приём'],
    ['можно на прием к врачу', 'приём', 'прием'],
    ['болят зубы', 'болит зуб', 'болят зубы'],
    ['зуб болит', 'болит зуб', 'зуб болит'],
    ['на техобслуживание', 'техобслуживание', 'техобслуживание'],
    ['на тихобслуживание', 'техобслуживание', 'тихобслуживание'],
    ['консультацию бы', 'консультация', 'консультацию'],
    ['перезвонить можете', 'перезвоните', 'перезвонить'],
    ['а почём замена масла', 'почём', 'почём'],
    ['пройти ТО', 'ТО', 'ТО'],
    ['сколько будет стоить', 'сколько стоит', 'сколько будет стоить'],
    ['хочу поставить импланты', 'имплант', 'импланты'],
    ['есть ли у вас парковка', 'есть ли', 'есть ли'],
    ['скажите пожалуйста стоимость', 'стоимость', 'стоимость'],
    ['талоны есть', 'талон', 'талоны'],
    ['записался вчера', 'записаться', 'записался'],
  ])('%s ∋ %s at "%s"', (text, keyword, piece) => {
    const m = matchKeyword(text, keyword);
    expect(m?.value).toBe(keyword);
    expect(m && text.slice(m.start, m.end)).toBe(piece);
  });

  it.each([
    ['стоит ли', 'сколько стоит'],
    ['болит голова', 'болит зуб'],
    ['при записи', 'приём'],
    ['сто', 'сколько стоит'],
    ['что-то', 'ТО'],
    ['талия', 'талон'],
    ['мастерская рядом', 'консультация'],
    ['а почему так дорого', 'почём'],
    ['это стоит', 'стоимость'],
    ['а сколько это будет', 'сколько стоит'],
  ])('%s ∌ %s', (text, keyword) => {
    expect(matchKeyword(text, keyword)).toBeNull();
  });
});

const carBooking = ['записаться', 'запись', 'техобслуживание', 'ТО', 'ремонт', 'замена', 'шиномонтаж'];

describe('scoreKeywords: a negated trigger is no intent', () => {
  it.each([
    ['не хочу записываться', booking],
    ['я не буду записываться', booking],
    ['нет, записываться не надо', booking],
    ['не надо меня записывать', booking],
    ['зуб не болит', dental],
    ['мастер не нужен', callback],
  ] as const)('%s → 0', (text, keywords) => {
    expect(scoreKeywords(text, keywords).score).toBe(0);
  });
  it.each([
    ['не могу дозвониться, хочу записаться', booking],
    ['хочу записаться, не откладывая', booking],
    ['не знаю, можно ли записаться', booking],
  ] as const)('%s still hits', (text, keywords) => {
    expect(scoreKeywords(text, keywords).score).toBeGreaterThan(0);
  });
  it('reports the negated matches apart', () => {
    const text = 'не хочу записываться, хотел узнать цену';
    const r = scoreKeywords(text, [...booking, ...support]);
    expect(r.matches.map((m) => m.value)).toEqual(['узнать', 'сколько стоит']);
    expect(new Set(r.negated?.map((m) => text.slice(m.start, m.end)))).toEqual(new Set(['записываться']));
  });
});

describe('scoreKeywords: price questions hit "сколько стоит"', () => {
  it.each(['сколько это будет стоить', 'почём стрижка', 'почем маникюр', 'а какая цена на маникюр', 'какие у вас цены', 'сколько стоят услуги'])(
    '%s',
    (text) => {
      expect(scoreKeywords(text, support).score).toBeGreaterThanOrEqual(2);
    },
  );
});

describe('scoreKeywords: the 2-letter "ТО" only as the service', () => {
  it.each(['то есть вы работаете в субботу', 'а то я не успею', 'то что надо', 'вот то самое', 'то ли завтра, то ли послезавтра'])('%s → 0', (text) => {
    expect(scoreKeywords(text, carBooking).score).toBe(0);
  });
  it.each(['нужно пройти ТО', 'на ТО', 'хочу на то записаться', 'ТО', 'то', 'плановое то'])('%s → hit', (text) => {
    expect(scoreKeywords(text, carBooking).matches.map((m) => m.value)).toContain('ТО');
  });
});
