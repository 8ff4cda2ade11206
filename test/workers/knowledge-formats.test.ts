import { describe, expect, it } from 'vitest';
import csvB64 from '../fixtures/knowledge/price-list-cp1251.csv.b64?raw';
import docxB64 from '../fixtures/knowledge/salon-services.docx.b64?raw';
import pdfB64 from '../fixtures/knowledge/salon-handbook.pdf.b64?raw';
import txt from '../fixtures/knowledge/salon-handbook.txt?raw';
import { api, createCompanyWithBot } from './support.ts';
import { fromBase64, search, uploadAndIndex, uploadFile, waitForDoc } from './knowledge-helpers.ts';

const PDF_TYPE = 'application/pdf';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Each test goes through the real queue consumer (≈ 1 s batch timeout) and pdf.js: more than the default 5 s.
describe('knowledge: real files through the queue, found by differently phrased Russian questions', { timeout: 30_000 }, () => {
  it('indexes a four-page Russian PDF and answers with the right page and section', async () => {
    const { company, bot } = await createCompanyWithBot();
    const up = await uploadFile(company.key, bot.id, 'памятка-клиента.pdf', fromBase64(pdfB64), PDF_TYPE);
    expect(up.status).toBe(202);
    expect(up.body).toMatchObject({ status: 'pending', format: 'pdf', filename: 'памятка-клиента.pdf', chunk_count: 0 });

    const doc = await waitForDoc(company.key, bot.id, up.body.id);
    expect(doc).toMatchObject({ status: 'ready', page_count: 4, error: null });
    expect(doc.chunk_count).toBeGreaterThanOrEqual(4);

    const holidays = await search(company.key, bot.id, 'До скольки вы открыты в праздники?');
    expect(holidays[0]).toMatchObject({ page: 1, section: 'Режим работы салона', source: 'памятка-клиента.pdf', doc_id: up.body.id });
    expect(holidays[0]!.text).toContain('с 10:00 до 18:00');

    const reschedule = await search(company.key, bot.id, 'Получится ли сдвинуть мой визит на другой день?');
    expect(reschedule[0]).toMatchObject({ page: 3, section: 'Отмена и перенос визита' });

    const gift = await search(company.key, bot.id, 'Как долго можно пользоваться сертификатом в подарок?');
    expect(gift[0]).toMatchObject({ page: 4, section: 'Подарочные сертификаты' });
    expect(gift[0]!.text).toContain('шесть месяцев');
  });

  it('indexes a DOCX with headings (built-in and localized styles) and tables', async () => {
    const { company, bot } = await createCompanyWithBot();
    const doc = await uploadAndIndex(company.key, bot.id, 'услуги.docx', fromBase64(docxB64), DOCX_TYPE);
    expect(doc).toMatchObject({ status: 'ready', format: 'docx', page_count: null });

    const keratin = await search(company.key, bot.id, 'Сколько держится кератиновое выпрямление?');
    expect(keratin[0]).toMatchObject({ section: 'Уход за волосами', page: null });
    expect(keratin[0]!.text).toContain('до четырёх месяцев');

    const pass = await search(company.key, bot.id, 'Почём абонемент на маникюр?');
    expect(pass[0]!.section).toBe('Абонементы');
    expect(pass[0]!.text).toContain('Маникюр ×5 | 5100 руб.');
  });

  it('indexes a Windows-1251 CSV price list row by row: "Сколько стоит стрижка?"', async () => {
    const { company, bot } = await createCompanyWithBot();
    const doc = await uploadAndIndex(company.key, bot.id, 'прайс.csv', fromBase64(csvB64), 'application/vnd.ms-excel');
    expect(doc).toMatchObject({ status: 'ready', format: 'csv', chunk_count: 5 });

    const haircut = await search(company.key, bot.id, 'Сколько стоит стрижка?');
    expect(haircut.slice(0, 2).map((h) => h.text.split('\n')[0]).sort()).toEqual(['Услуга: Стрижка женская', 'Услуга: Стрижка мужская']);
    expect(haircut[0]!.section).toBe('Волосы');

    const female = await search(company.key, bot.id, 'А женская стрижка у вас почём?');
    expect(female[0]!.text).toBe('Услуга: Стрижка женская\nКатегория: Волосы\nЦена: 1500 руб.\nДлительность: 60 мин');

    const manicure = await search(company.key, bot.id, 'цена классического маникюра');
    expect(manicure[0]!.text).toContain('Услуга: Маникюр "классический"');
  });

  it('indexes a TXT file with plain-text headings', async () => {
    const { company, bot } = await createCompanyWithBot();
    const doc = await uploadAndIndex(company.key, bot.id, 'о-салоне.txt', txt, 'text/plain');
    expect(doc).toMatchObject({ status: 'ready', format: 'txt' });

    const parking = await search(company.key, bot.id, 'Где оставить машину?');
    expect(parking[0]).toMatchObject({ section: 'Как нас найти' });
    expect(parking[0]!.text).toContain('бесплатная парковка');

    const cards = await search(company.key, bot.id, 'Принимаете карты?');
    expect(cards[0]).toMatchObject({ section: 'Оплата' });
  });

  it('does not index the same file twice for a bot', async () => {
    const { company, bot } = await createCompanyWithBot();
    const first = await uploadAndIndex(company.key, bot.id, 'о-салоне.txt', txt, 'text/plain');
    const again = await uploadFile(company.key, bot.id, 'копия.txt', txt, 'text/plain');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.id, status: 'ready', filename: 'о-салоне.txt' });
    const list = await api('GET', `/bots/${bot.id}/knowledge`, { key: company.key });
    expect(list.body.docs).toHaveLength(1);
    const hits = await search(company.key, bot.id, 'парковка', 10);
    expect(new Set(hits.map((h) => h.chunk_id)).size).toBe(hits.length);
  });
});
