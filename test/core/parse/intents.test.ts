import { describe, expect, it } from 'vitest';
import {
  askedBusiness,
  detectGlobalIntent,
  dictatedDigits,
  refusesPhone,
  skipsQuestion,
  wantsSomethingElse,
} from '../../../core/parse/index.ts';

describe('detectGlobalIntent: what a caller may ask at any step', () => {
  it.each([
    ['алло девушка а можно администратора', 'person'],
    ['соедините меня с менеджером пожалуйста', 'person'],
    ['дайте живого человека', 'person'],
    ['я хочу поговорить с живым человеком а не с роботом', 'person'],
    ['мне бы с врачом напрямую', 'person'],
    ['позовите мастера к телефону', 'person'],
    ['оператор', 'person'],
    ['переключите на кого-нибудь', 'person'],
    ['я не туда попал', 'wrong_number'],
    ['ой извините ошиблась номером', 'wrong_number'],
    ['алло это пиццерия', 'wrong_number'],
    ['а это не такси', 'wrong_number'],
    ['что простите повторите', 'repeat'],
    ['не расслышала', 'repeat'],
    ['давайте сначала', 'restart'],
    ['ой нет давайте всё заново', 'restart'],
    ['отмена', 'cancel'],
    ['знаете я передумала', 'cancel'],
  ])('"%s" → %s', (text, intent) => expect(detectGlobalIntent(text)).toBe(intent));

  it.each([
    'запишите меня к врачу на пятницу',
    'хочу к мастеру Ольге на стрижку',
    'администратор сказал что у вас скидка на маникюр в этом месяце',
    'не надо администратора я сама',
    'запишите ещё раз на то же время',
    'хочу записаться на маникюр',
  ])('"%s" → nothing global', (text) => expect(detectGlobalIntent(text)).toBeNull());

  it('names the business a wrong-number caller expected', () => {
    expect(askedBusiness('алло это пиццерия')).toBe('пиццерия');
    expect(askedBusiness('а это стоматология')).toBe('стоматология');
    expect(askedBusiness('запишите на стрижку')).toBeNull();
  });
});

describe('phones, skips and other purposes', () => {
  it.each([
    ['восемь девятьсот шестнадцать', '8916'],
    ['ну сто двадцать три сорок пять', '12345'],
    ['так записывайте 916 123', '916123'],
    ['ноль семь', '07'],
  ])('dictated digits of "%s" → %s', (text, digits) => expect(dictatedDigits(text)).toBe(digits));

  it.each(['в три часа', 'завтра', 'да', 'маникюр'])('"%s" dictates no digits', (text) => expect(dictatedDigits(text)).toBeNull());

  it.each(['не хочу оставлять номер', 'а можно без телефона', 'номер не дам', 'не буду давать свой телефон'])('"%s" refuses the phone', (t) =>
    expect(refusesPhone(t)).toBe(true),
  );
  it('a number is no refusal', () => expect(refusesPhone('восемь девятьсот шестнадцать')).toBe(false));

  it.each(['не знаю', 'пропустим', 'да нет никаких', 'без разницы'])('"%s" skips an optional question', (t) => expect(skipsQuestion(t)).toBe(true));

  it.each(['хочу купить шампунь для щенка', 'у вас есть вакансии мастера', 'я хочу пожаловаться на стрижку'])('"%s" wants something else', (t) =>
    expect(wantsSomethingElse(t)).toBe(true),
  );
  it('a booking request wants nothing else', () => expect(wantsSomethingElse('запишите на стрижку завтра')).toBe(false));
});
