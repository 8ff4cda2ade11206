import { describe, expect, it } from 'vitest';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import { dictatedDigits, expectationOf, judgeCompleteness, type TurnExpectation } from '../../../core/turn/index.ts';

const phone: TurnExpectation = { kind: 'field', field: 'phone' };
const date: TurnExpectation = { kind: 'field', field: 'date' };
const time: TurnExpectation = { kind: 'field', field: 'time' };
const confirm: TurnExpectation = { kind: 'confirm' };
const open: TurnExpectation = { kind: 'open' };
const master: TurnExpectation = { kind: 'field', field: 'enum', options: ['анна', 'мария', { value: 'любой', synonyms: ['все равно', 'кто свободен'] }] };

describe('judgeCompleteness', () => {
  const cases: [string, TurnExpectation, 'complete' | 'incomplete' | 'unknown', string][] = [
    // phones dictated in chunks
    ['восемь девятьсот шестнадцать', phone, 'incomplete', 'phone_digits_missing'],
    ['восемь девятьсот шестнадцать сто двадцать три', phone, 'incomplete', 'phone_digits_missing'],
    ['восемь девятьсот шестнадцать сто двадцать три сорок пять', phone, 'incomplete', 'phone_digits_missing'],
    ['восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', phone, 'complete', 'full_phone'],
    ['ну восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят', phone, 'unknown', 'phone_may_continue'],
    ['восемь девятьсот шестнадцать сто двадцать', phone, 'incomplete', 'phone_digits_missing'],
    ['девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', phone, 'complete', 'full_phone'],
    ['8 916 123 45 67', phone, 'complete', 'full_phone'],
    ['записывайте восемь', phone, 'incomplete', 'phone_digits_missing'],
    ['а зачем вам мой номер', phone, 'unknown', 'no_digits'],
    ['мой номер эээ', phone, 'incomplete', 'trailing_word'],
    // trailing prepositions, conjunctions, fillers
    ['хочу записаться на', open, 'incomplete', 'trailing_word'],
    ['на маникюр и', open, 'incomplete', 'trailing_word'],
    ['давайте в', time, 'incomplete', 'trailing_word'],
    ['к', open, 'incomplete', 'trailing_word'],
    ['маникюр а', open, 'incomplete', 'trailing_word'],
    ['ну короче', open, 'incomplete', 'trailing_word'],
    ['сколько', open, 'incomplete', 'trailing_word'],
    ['подскажите', open, 'incomplete', 'trailing_word'],
    ['скажите сколько стоит', open, 'unknown', 'open_question'],
    // numbers that can go on
    ['давайте в половине', time, 'incomplete', 'number_continues'],
    ['в двадцать', time, 'incomplete', 'number_continues'],
    ['в пять', time, 'unknown', 'field_value_unclear'],
    // dates
    ['двадцать восьмого', date, 'incomplete', 'date_without_month'],
    ['на третье', date, 'incomplete', 'date_without_month'],
    ['двадцать восьмого ноября', date, 'complete', 'date_named'],
    ['в пятницу', date, 'complete', 'date_named'],
    ['давайте завтра', date, 'complete', 'date_named'],
    ['не знаю пока', date, 'unknown', 'no_date'],
    // short answers
    ['да', confirm, 'complete', 'yes_no'],
    ['да все верно', confirm, 'complete', 'yes_no'],
    ['нет', confirm, 'complete', 'yes_no'],
    ['нет давайте лучше в пятницу вечером', confirm, 'unknown', 'not_short_yes_no'],
    ['к анне', master, 'complete', 'enum_choice'],
    ['мне все равно', master, 'complete', 'enum_choice'],
    ['сколько стоит маникюр', open, 'unknown', 'open_question'],
    ['', open, 'unknown', 'empty'],
  ];
  it.each(cases)('"%s" (%o) → %s', (text, expected, verdict, reason) => {
    expect(judgeCompleteness(text, expected)).toEqual({ verdict, reason });
  });
});

describe('dictatedDigits', () => {
  it.each([
    ['восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', '89161234567'],
    ['ноль пять', '05'],
    ['8 916 сто двадцать три', '8916123'],
    ['на двадцать восьмое', ''],
  ])('"%s" → %s', (text, digits) => expect(dictatedDigits(text)).toBe(digits));
});

describe('expectationOf', () => {
  const parsed = parseBotConfigText(`
bot_id: "turn-test"
voice_id: "russian-female-1"
language: "ru"
greeting: "Здравствуйте"
scenarios:
  - name: "booking"
    trigger_keywords: ["записаться"]
    collect_fields:
      - name: "date"
        prompt: "На какой день?"
      - name: "phone"
        prompt: "Ваш номер?"
      - name: "master"
        prompt: "К какому мастеру?"
        type: "enum"
        options: ["анна", "мария"]
fallback: "Не поняла"
`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  const config = parsed.config;
  it.each([
    [{ phase: 'collecting', scenario: 'booking', pending: 'phone' }, { kind: 'field', field: 'phone' }],
    [{ phase: 'collecting', scenario: 'booking', pending: 'date' }, { kind: 'field', field: 'date' }],
    [{ phase: 'collecting', scenario: 'booking', pending: 'master' }, { kind: 'field', field: 'enum', options: ['анна', 'мария'] }],
    [{ phase: 'confirming', scenario: 'booking', pending: null }, { kind: 'confirm' }],
    [{ phase: 'open', scenario: null, pending: null }, { kind: 'open' }],
  ] as const)('%o → %o', (state, expected) => expect(expectationOf(config, state)).toEqual(expected));
});
