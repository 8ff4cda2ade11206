import { describe, expect, it } from 'vitest';
import { decodeText } from '../../core/knowledge/formats/decode.ts';
import { detectFormat } from '../../core/knowledge/formats/index.ts';
import { parseCsv } from '../../core/knowledge/formats/csv.ts';
import { parseTxt } from '../../core/knowledge/formats/txt.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('CSV parsing', () => {
  it.each([
    ['semicolons, UTF-8 with BOM', '\uFEFFУслуга;Цена\r\nСтрижка женская;1500 ₽\r\n', ['Услуга: Стрижка женская\nЦена: 1500 ₽']],
    ['commas with quoted commas and line breaks', 'Услуга,Описание,Цена\n"Укладка","Вечерняя, с локонами\nи лаком",2000 руб.\n', ['Услуга: Укладка\nОписание: Вечерняя, с локонами\nи лаком\nЦена: 2000 руб.']],
    ['tabs', 'Услуга\tЦена\nМаникюр\t1200\n', ['Услуга: Маникюр\nЦена: 1200']],
    ['no header row, two columns', 'Стрижка женская;1500 ₽\nСтрижка мужская;900 ₽\n', ['Стрижка женская: 1500 ₽', 'Стрижка мужская: 900 ₽']],
    ['blank cells skipped', 'Услуга;Цена;Примечание\nПедикюр;2000;\n\n', ['Услуга: Педикюр\nЦена: 2000']],
  ])('%s', (_, text, expected) => {
    expect(parseCsv(utf8(text)).sections.map((s) => s.text)).toEqual(expected);
  });
});

describe('text decoding', () => {
  it('reads UTF-8, UTF-16 with BOM and falls back to Windows-1251', () => {
    expect(decodeText(utf8('Цена: 1500 ₽'))).toEqual({ text: 'Цена: 1500 ₽', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x26, 0x04, 0x35, 0x04]))).toEqual({ text: 'Це', encoding: 'utf-16le' });
    // "Ёж №1" in Windows-1251
    expect(decodeText(new Uint8Array([0xa8, 0xe6, 0x20, 0xb9, 0x31]))).toEqual({ text: 'Ёж №1', encoding: 'windows-1251' });
  });
});

describe('TXT and Markdown sections', () => {
  it('starts sections at Markdown headings and keeps the heading in the text', () => {
    const doc = parseTxt(utf8('# Прайс\n\n## Волосы\n\nСтрижка **женская** — 1500 ₽\n\n## Ногти\n\nМаникюр — 1200 ₽\n'), { markdown: true });
    expect(doc.sections).toEqual([
      { text: 'Прайс\n\nВолосы\n\nСтрижка женская — 1500 ₽', page: null, section: 'Волосы' },
      { text: 'Ногти\n\nМаникюр — 1200 ₽', page: null, section: 'Ногти' },
    ]);
  });

  it('does not take a price line for a heading in plain text', () => {
    const doc = parseTxt(utf8('Стрижка женская — 1500 ₽\n\nСтрижка мужская — 900 ₽\n'), { markdown: false });
    expect(doc.sections.map((s) => s.section)).toEqual([null]);
  });
});

describe('detectFormat', () => {
  it.each([
    ['прайс.CSV', 'application/vnd.ms-excel', 'csv'],
    ['notes.md', 'text/plain', 'md'],
    ['без-расширения', 'application/pdf', 'pdf'],
    ['фото.jpg', 'image/jpeg', null],
    ['старый.doc', 'application/msword', null],
  ])('%s (%s) → %s', (name, type, format) => {
    expect(detectFormat(name, type)).toBe(format);
  });
});
