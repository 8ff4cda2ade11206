import { describe, expect, it } from 'vitest';
import type { EnumOption } from '../../../core/config/bot-config.ts';
import { matchEnumOption } from '../../../core/parse/index.ts';
import { cut } from './context.ts';

// Options as written in scenarios/dental-clinic.yaml and scenarios/car-service.yaml.
const doctor: EnumOption[] = [
  { value: 'терапевт', synonyms: ['лечение', 'пломба', 'кариес', 'зубной'] },
  { value: 'хирург', synonyms: ['удаление', 'удалить', 'вырвать'] },
  { value: 'ортодонт', synonyms: ['брекеты', 'элайнеры', 'прикус'] },
  { value: 'гигиенист', synonyms: ['чистка', 'гигиена', 'отбеливание'] },
];
const timing: EnumOption[] = [
  { value: 'в этом месяце', synonyms: ['срочно', 'сейчас', 'скорее', 'на этой неделе', 'как можно скорее'] },
  { value: 'позже', synonyms: ['потом', 'не спешу', 'через пару месяцев', 'летом', 'в следующем месяце'] },
];
const carService: EnumOption[] = [
  { value: 'ТО', synonyms: ['техобслуживание', 'замена масла', 'масло', 'фильтры'] },
  { value: 'шиномонтаж', synonyms: ['переобуться', 'резина', 'шины', 'колёса'] },
  { value: 'диагностика', synonyms: ['проверить', 'стучит', 'горит чек', 'ошибка'] },
  { value: 'ремонт ходовой', synonyms: ['подвеска', 'ходовая', 'амортизаторы'] },
];
const plain: EnumOption[] = ['стрижка', 'окрашивание', 'маникюр'];

describe.each([
  ['doctor', doctor, [
    ['хочу удалить зуб', 'хирург'],
    ['мне бы зуб вырвали', 'хирург'],
    ['на удаление', 'хирург'],
    ['к хирургу', 'хирург'],
    ['поставить брекеты', 'ортодонт'],
    ['к ортодонту наверное', 'ортодонт'],
    ['к терапевту', 'терапевт'],
    ['у меня кариес', 'терапевт'],
    ['пломба выпала', 'терапевт'],
    ['нужна чистка зубов', 'гигиенист'],
    ['профессиональную чистку', 'гигиенист'],
    ['хочу отбелить зубы', 'гигиенист'],
    ['к гигенисту', 'гигиенист'],
  ]],
  ['timing', timing, [
    ['давайте в этом месяце', 'в этом месяце'],
    ['этом месяце', 'в этом месяце'],
    ['срочно', 'в этом месяце'],
    ['как можно скорее', 'в этом месяце'],
    ['на этой неделе если можно', 'в этом месяце'],
    ['не спешу', 'позже'],
    ['в следующем месяце', 'позже'],
    ['через пару месяцев', 'позже'],
    ['скорее всего позже', 'позже'],
    ['наверное летом', 'позже'],
  ]],
  ['car service', carService, [
    ['надо поменять масло', 'ТО'],
    ['на то', 'ТО'],
    ['замену масла и фильтров', 'ТО'],
    ['переобуть колеса', 'шиномонтаж'],
    ['поменять резину на зимнюю', 'шиномонтаж'],
    ['что-то стучит спереди', 'диагностика'],
    ['горит чек', 'диагностика'],
    ['ходовую посмотреть', 'ремонт ходовой'],
    ['амортизатор потек', 'ремонт ходовой'],
  ]],
  ['plain strings', plain, [
    ['на стрижку', 'стрижка'],
    ['маникюр', 'маникюр'],
    ['на окрашивание волос', 'окрашивание'],
  ]],
] as const)('matchEnumOption: %s', (_name, options, cases) => {
  it.each(cases.map((c) => [...c]))('%s → %s', (text, value) => {
    expect(matchEnumOption(text, options)?.value).toBe(value);
  });
});

describe('matchEnumOption: spans and misses', () => {
  it('span covers the matched synonym', () => {
    const text = 'хочу удалить зуб мудрости';
    const m = matchEnumOption(text, doctor);
    expect(m && cut(text, m)).toBe('удалить');
  });
  it('span of a phrase takes in its preposition', () => {
    const text = 'давайте в этом месяце';
    const m = matchEnumOption(text, timing);
    expect(m && cut(text, m)).toBe('в этом месяце');
  });
  it.each([
    ['не знаю', doctor],
    ['а сколько это стоит', doctor],
    ['в пятницу в три', doctor],
    ['месяце', timing],
    ['хорошо', carService],
  ] as const)('%s → none', (text, options) => {
    expect(matchEnumOption(text, options)).toBeNull();
  });
});

describe('matchEnumOption: a negated option is not chosen', () => {
  // With two options, refusing one names the other ("не срочно" → позже).
  it.each([
    ['не срочно', 'позже'],
    ['нет, не срочно', 'позже'],
    ['совсем не срочно', 'позже'],
    ['не очень срочно', 'позже'],
    ['не в этом месяце', 'позже'],
    ['не сейчас', 'позже'],
    ['не спешу', 'позже'],
    ['срочно, не потом', 'в этом месяце'],
  ] as const)('%s → %s (timing)', (text, value) => {
    expect(matchEnumOption(text, timing)?.value).toBe(value);
  });
  it.each([
    ['не к хирургу, а к терапевту', 'терапевт'],
    ['удалять не хочу, лучше пломбу', 'терапевт'],
  ] as const)('%s → %s (doctor)', (text, value) => {
    expect(matchEnumOption(text, doctor)?.value).toBe(value);
  });
  it.each(['не к хирургу', 'только не удаление'])('%s → none: refusing one of four names none', (text) => {
    expect(matchEnumOption(text, doctor)).toBeNull();
  });
});

describe('matchEnumOption: the short abbreviation "ТО" needs to stand as a word of its own', () => {
  it.each([
    ['то есть шины поменять', 'шиномонтаж'],
    ['а то колёса спустили', 'шиномонтаж'],
    ['ТО', 'ТО'],
    ['то', 'ТО'],
    ['на ТО', 'ТО'],
    ['пройти то', 'ТО'],
  ] as const)('%s → %s', (text, value) => {
    expect(matchEnumOption(text, carService)?.value).toBe(value);
  });
  it.each(['то есть', 'а то не знаю', 'то что надо', 'вот то самое'])('%s → none', (text) => {
    expect(matchEnumOption(text, carService)).toBeNull();
  });
});
