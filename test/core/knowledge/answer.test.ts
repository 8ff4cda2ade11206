import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../../core/knowledge/answer.ts';

const row = (name: string, price: string, extra = '\nКатегория: Ногтевой сервис\nДлительность: 60 мин') => `Услуга: ${name}${extra}\nЦена: ${price}`;
const PRICES = [row('Маникюр классический', '1200 руб.'), row('Педикюр', '2200 руб.', '\nДлительность: 90 мин'), row('Коррекция бровей', '600 руб.', '\nКатегория: Брови и ресницы\nДлительность: 30 мин'), row('Окрашивание в один тон', 'от 3500 руб.')];

describe('knowledge answers are sentences a person would say', () => {
  it.each([
    ['эээ а сколько у вас стоит маникюр', [PRICES[0]!], 'Классический маникюр стоит 1200 руб.'],
    ['почём окрашивание', [PRICES[3]!], 'Окрашивание в один тон стоит от 3500 руб.'],
    ['какие у вас цены на брови', [PRICES[2]!, PRICES[0]!], 'Коррекция бровей стоит 600 руб.'],
    ['сколько длится педикюр', [PRICES[1]!], 'Педикюр стоит 2200 руб., длится 90 мин.'],
    ['а педикюр и маникюр сколько стоят', [PRICES[1]!, PRICES[0]!, PRICES[2]!], 'Педикюр стоит 2200 руб. Классический маникюр стоит 1200 руб.'],
    ['сколько стоит стрижка', ['Услуга: Стрижка женская\nЦена, руб.: 1500'], 'Женская стрижка стоит 1500 руб.'],
  ])('%s', (question, chunks, answer) => {
    expect(extractiveAnswer(question, chunks)).toBe(answer);
  });

  it('the asked item\'s price is never dropped, whatever columns the row has', () => {
    const wide = 'Услуга: Коррекция бровей\nКатегория: Брови и ресницы\nМастер: любой\nДлительность: 30 мин\nЦена: 600 руб.';
    expect(extractiveAnswer('брови сколько', [wide])).toContain('600 руб.');
  });

  it('a row about another item is not read out as the answer', () => {
    expect(extractiveAnswer('сколько стоит наращивание ресниц', [PRICES[0]!])).toBeNull();
  });

  it('headings are not read aloud', () => {
    const chunk = 'Режим работы\nСалон красоты «Элегант» работает с понедельника по пятницу с 9:00 до 21:00, в субботу с 10:00 до 20:00.';
    expect(extractiveAnswer('а во сколько вы открываетесь', [chunk])).toBe('Салон красоты «Элегант» работает с понедельника по пятницу с 9:00 до 21:00, в субботу с 10:00 до 20:00.');
  });

  it('prose still answers from the sentence that covers the question', () => {
    const chunk = 'Как нас найти\nМы находимся по адресу: Москва, улица Тверская, 15, вход со двора. Для гостей есть бесплатная парковка во дворе.';
    expect(extractiveAnswer('а где вы находитесь', [chunk])).toBe('Мы находимся по адресу: Москва, улица Тверская, 15, вход со двора.');
  });
});
