import { describe, expect, it } from 'vitest';
import { extractNumbers } from '../../../core/parse/index.ts';
import { cut } from './context.ts';

describe('extractNumbers: the quantity a caller names', () => {
  it.each([
    ['два', 2],
    ['три зуба', 3],
    ['двенадцать', 12],
    ['сто двадцать пять', 125],
    ['тысяча двести', 1200],
    ['две тысячи пятьсот', 2500],
    ['полтора', 1.5],
    ['полторы тысячи', 1500],
    ['два с половиной', 2.5],
    ['третьего', 3],
    ['пару зубов', 2],
    ['один', 1],
    ['ноль', 0],
    ['наверное четыре', 4],
    ['3', 3],
    ['у меня 5 зубов', 5],
    ['2,5', 2.5],
    ['сорок', 40],
    ['девяносто девять', 99],
    ['одного', 1],
    ['Восемь', 8],
    ['бюджет 300000', 300000],
    ['у меня двое детей', 2],
    ['нас будет трое', 3],
    ['мне тридцать пять лет', 35],
  ])('%s → %s', (text, value) => {
    expect(extractNumbers(text).map((n) => n.value)).toEqual([value]);
  });
});

describe('extractNumbers: several numbers and spans', () => {
  it('keeps every number in order', () => {
    expect(extractNumbers('два или три зуба, может 4').map((n) => n.value)).toEqual([2, 3, 4]);
  });
  it('a numeral of several words is one span', () => {
    const text = 'нужно сто двадцать пять штук';
    const [n] = extractNumbers(text);
    expect(n && cut(text, n)).toBe('сто двадцать пять');
  });
  it('skips a phone number but keeps a count next to it', () => {
    expect(extractNumbers('мой номер 89161234567 и 2 зуба').map((n) => n.value)).toEqual([2]);
  });
  it('skips clock times and dd.mm dates', () => {
    expect(extractNumbers('28.11 в 15:30 три зуба').map((n) => n.value)).toEqual([3]);
  });
});

describe('extractNumbers: nothing to count', () => {
  it.each(['хочу записаться', 'не знаю', 'много', 'несколько', 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь'])(
    '%s → none',
    (text) => {
      expect(extractNumbers(text)).toEqual([]);
    },
  );
});

describe('extractNumbers: ordinals that name a day or an hour are not counts', () => {
  it.each(['на двадцать восьмое', 'пятого ноября', 'в половине пятого', 'третьего числа', 'четверть седьмого'])('%s → none', (text) => {
    expect(extractNumbers(text)).toEqual([]);
  });
});

it('"в пять минут шестого" keeps the minutes but not the hour ordinal', () => {
  expect(extractNumbers('в пять минут шестого').map((n) => n.value)).toEqual([5]);
});
