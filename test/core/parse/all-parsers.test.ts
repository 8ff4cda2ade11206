import { describe, expect, it } from 'vitest';
import {
  extractDates, extractNames, extractNumbers, extractPhones, extractTimes, matchEnumOption,
} from '../../../core/parse/index.ts';
import { matchKeyword } from '../../../core/text/keywords.ts';
import { ctx, cut } from './context.ts';

/** Removes the given spans from the text and collapses spaces (what the engine does with consumed pieces). */
function remove(text: string, spans: { start: number; end: number }[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + ' ' + out.slice(s.end);
  return out.replace(/\s+/g, ' ').trim();
}

describe('one utterance, every parser', () => {
  it('"запишите на маникюр в пятницу в 11 утра" leaves "на маникюр" after cutting date, time and trigger', () => {
    const text = 'запишите на маникюр в пятницу в 11 утра';
    const date = extractDates(text, ctx);
    const time = extractTimes(text, ctx);
    const trigger = matchKeyword(text, 'записаться');
    expect(date.map((d) => d.value)).toEqual(['2026-11-27']);
    expect(time.map((t) => t.value)).toEqual(['11:00']);
    expect(trigger && cut(text, trigger)).toBe('запишите');
    expect(remove(text, [...date, ...time, trigger!])).toBe('на маникюр');
    expect(extractPhones(text)).toEqual([]);
    expect(extractNames(text)).toEqual([]);
  });

  it('a full booking answer is split into its fields', () => {
    const text = 'меня зовут ольга петрова запишите к хирургу на двадцать восьмое в половине пятого мой номер восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь';
    expect(extractNames(text).map((n) => n.value)).toEqual(['Ольга Петрова']);
    expect(extractDates(text, ctx).map((d) => d.value)).toEqual(['2026-11-28']);
    expect(extractTimes(text, ctx).map((t) => t.value)).toEqual(['16:30']);
    expect(extractPhones(text).map((p) => p.value)).toEqual(['+79161234567']);
    expect(matchEnumOption(text, ['терапевт', 'хирург'])?.value).toBe('хирург');
    expect(extractNumbers(text)).toEqual([]);
  });

  it('a date with a time in digits: "28.11 в 15:30"', () => {
    const text = 'на 28.11 в 15:30';
    expect(extractDates(text, ctx).map((d) => cut(text, d))).toEqual(['на 28.11']);
    expect(extractTimes(text, ctx).map((t) => cut(text, t))).toEqual(['в 15:30']);
    expect(extractPhones(text)).toEqual([]);
  });

  it('a phone number is not a date, a time or a count', () => {
    const text = 'перезвоните на 8 916 123 45 67 после обеда';
    expect(extractPhones(text).map((p) => p.value)).toEqual(['+79161234567']);
    expect(extractDates(text, ctx)).toEqual([]);
    // Only "после обеда" is a time (14:00); none of the phone's digits are.
    expect(extractTimes(text, ctx).map((t) => cut(text, t))).toEqual(['после обеда']);
    expect(extractNumbers(text)).toEqual([]);
  });

  it('"три зуба" is a count only', () => {
    const text = 'мне нужно три зуба';
    expect(extractNumbers(text).map((n) => n.value)).toEqual([3]);
    expect(extractTimes(text, ctx)).toEqual([]);
    expect(extractDates(text, ctx)).toEqual([]);
  });

  it('every extractor returns an empty list on empty input', () => {
    for (const found of [extractDates('', ctx), extractTimes('', ctx), extractPhones(''), extractNames(''), extractNumbers('')]) {
      expect(found).toEqual([]);
    }
    expect(matchEnumOption('', ['стрижка'])).toBeNull();
  });
});
