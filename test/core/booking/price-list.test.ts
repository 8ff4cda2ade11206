import { describe, expect, it } from 'vitest';
import { parseDuration, parsePrice, parsePriceList } from '../../../core/booking/index.ts';

describe('price list CSV', () => {
  it('reads a salon price list in any column order, with quoted names and synonyms', () => {
    const csv = '\uFEFFЦена;Услуга;Длительность, мин;Синонимы\n1 500 ₽;Маникюр;60;ногти|маникюрчик\n"от 2000";"Стрижка; женская";1:30;подстричься\n\n2500;Окрашивание;2 ч;\n';
    expect(parsePriceList(csv)).toEqual({
      rows: [
        { name: 'Маникюр', durationMin: 60, price: 1500, synonyms: ['ногти', 'маникюрчик'] },
        { name: 'Стрижка; женская', durationMin: 90, price: 2000, synonyms: ['подстричься'] },
        { name: 'Окрашивание', durationMin: 120, price: 2500, synonyms: [] },
      ],
      issues: [],
    });
  });

  it('comma-separated English headers; reports rows it cannot read by line', () => {
    const { rows, issues } = parsePriceList('name,duration,price\nPedicure,75,1800\n,30,100\nMassage,долго,3000\n');
    expect(rows).toEqual([{ name: 'Pedicure', durationMin: 75, price: 1800, synonyms: [] }]);
    expect(issues).toEqual([{ line: 3, message: 'no service name' }, { line: 4, message: '"Massage": duration is not a number of minutes' }]);
  });

  it('a header without name or duration is one clear issue', () => {
    expect(parsePriceList('Цена;Что-то\n100;200').issues).toEqual([{ line: 1, message: expect.stringMatching(/Услуга.*Длительность/) }]);
  });

  const durations: [string, number | null][] = [['45', 45], ['90 мин', 90], ['1:15', 75], ['1,5 ч', 90], ['час', null]];
  for (const [raw, want] of durations) it(`duration "${raw}" → ${want}`, () => expect(parseDuration(raw)).toBe(want));
  it('prices', () => expect(['1 200 руб.', '', '990,50'].map(parsePrice)).toEqual([1200, null, 990.5]));
});
