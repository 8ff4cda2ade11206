import { describe, expect, it } from 'vitest';
import { createCompanyWithBot } from './support.ts';
import { search, uploadAndIndex } from './knowledge-helpers.ts';

const TOOLS = ['Дрель', 'Шуруповерт', 'Перфоратор', 'Болгарка', 'Лобзик', 'Рубанок', 'Фрезер', 'Гайковерт', 'Краскопульт', 'Пила'];
const BRANDS = ['Bosch', 'Metabo', 'DeWalt', 'Hitachi', 'Интерскол', 'Зубр', 'Ryobi', 'AEG', 'Einhell', 'Stanley'];

/**
 * A hardware store's price list of 5 000 rows (UTF-8, `;`): every row has a price in roubles, 2 200 are
 * cordless ("аккумуляторный"), the rest mains ("сетевой") or petrol. The last two rows are the same drill,
 * mains and cordless.
 */
function bigPriceList(): string {
  const rows = ['Товар;Категория;Цена;Наличие'];
  for (let i = 0; i < 5000; i++) {
    const kind = i < 2200 ? 'аккумуляторный' : i % 2 ? 'сетевой' : 'бензиновый';
    rows.push(`${TOOLS[i % TOOLS.length]} ${kind} ${BRANDS[Math.floor(i / 10) % BRANDS.length]} модель ${10000 + i};Электроинструмент;${1990 + (i % 40) * 250} руб.;в наличии`);
  }
  rows.push('Дрель сетевая Makita DF333;Электроинструмент;5290 руб.;под заказ');
  rows.push('Дрель аккумуляторная Makita DF333;Электроинструмент;8490 руб.;в наличии');
  return rows.join('\n');
}

describe('knowledge: BM25 search in a big price list', { timeout: 60_000 }, () => {
  it('tells two rows apart by a word 44% of the list shares, and still answers a question of common words only', async () => {
    const { company, bot } = await createCompanyWithBot();
    const doc = await uploadAndIndex(company.key, bot.id, 'прайс-инструмент.csv', bigPriceList(), 'text/csv');
    expect(doc).toMatchObject({ status: 'ready', chunk_count: 5002 });

    // "цена"/"руб" are in every row; "аккумуляторная" is in 44% of them, yet it is what picks the right drill.
    const cordless = await search(company.key, bot.id, 'Почём у вас аккумуляторная дрель Makita DF333?');
    expect(cordless[0]!.text).toContain('Товар: Дрель аккумуляторная Makita DF333');
    expect(cordless[0]!.text).toContain('Цена: 8490 руб.');
    expect(cordless[1]!.text).toContain('Товар: Дрель сетевая Makita DF333');

    const mains = await search(company.key, bot.id, 'А сетевая дрель Makita DF333 сколько стоит?');
    expect(mains[0]!.text).toContain('Товар: Дрель сетевая Makita DF333');

    // Nothing but words every row has: still five answers, not none.
    const prices = await search(company.key, bot.id, 'Какие у вас цены?');
    expect(prices).toHaveLength(5);
  });
});
