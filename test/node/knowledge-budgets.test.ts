import fontkit from '@pdf-lib/fontkit';
import { zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../core/knowledge/index.ts';
import { chunkWithinBudget } from '../../core/knowledge/chunk-budget.ts';
import { parseCsv } from '../../core/knowledge/formats/csv.ts';
import { parseDocx } from '../../core/knowledge/formats/docx.ts';
import { INGEST_LIMITS } from '../../core/knowledge/formats/limits.ts';
import { parsePdf } from '../../core/knowledge/formats/pdf.ts';
import { parseTxt } from '../../core/knowledge/formats/txt.ts';
import { DocumentParseError } from '../../core/knowledge/formats/types.ts';
import { sniffFormat } from '../../core/knowledge/formats/sniff.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const docx = (documentXml: string | Uint8Array) =>
  zipSync({ 'word/document.xml': typeof documentXml === 'string' ? utf8(documentXml) : documentXml }, { level: 9 });
const wordDoc = (body: string) => `<?xml version="1.0"?><w:document><w:body>${body}</w:body></w:document>`;
const p = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

// Each input here took the old parsers tens of seconds (or the whole heap); the new ones are linear.
describe('ingest budgets: parsers stay linear', () => {
  it('reads 100 000 short heading-like lines (the old per-line lookahead was quadratic)', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? 'Цены' : 'Адрес')).join('\n');
    const doc = parseTxt(utf8(lines), { markdown: false });
    expect(doc.sections.length).toBe(1);
    expect(doc.sections[0]!.text.startsWith('Адрес\n\nЦены\n\nАдрес')).toBe(true);
  });

  it('chunks a 300 000-character "word" without handing it to the tokenizer whole (old: 138 s)', () => {
    const word = 'ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа'.repeat(3000);
    const chunks = chunkDocument([{ text: `ну короче прайс ${word} вот такой` }], { source: 'прайс.txt', countTokens });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.tokenCount <= 500)).toBe(true);
    expect(chunks.map((c) => c.text).join(' ').replace(/\s/g, '').length).toBeGreaterThanOrEqual(word.length);
  });

  it('chunks 230 000 short sentences in one section (the chunker queue used shift(): 45 s)', () => {
    const chunks = chunkWithinBudget([{ text: 'Да. '.repeat(230_000) }], { source: 'ответы.txt', countTokens });
    expect(chunks.length).toBeGreaterThan(1000);
    expect(chunks.every((c) => c.tokenCount <= 500)).toBe(true);
  });

  it('reads a CSV line of 450 000 stray quotes (the quote check re-trimmed the field each time)', () => {
    const doc = parseCsv(utf8(`Услуга;Цена\n${'а"'.repeat(450_000)};100\n`));
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0]!.text.endsWith('Цена: 100')).toBe(true);
  });

  it('stops a DOCX that inflates past the cap while unzipping, with a reason in Russian', () => {
    const bomb = new Uint8Array(INGEST_LIMITS.maxInflatedBytes + 1024).fill(0x20);
    const zipped = docx(bomb);
    expect(zipped.length).toBeLessThan(200_000);
    expect(() => parseDocx(zipped)).toThrowError(/после распаковки больше 24 МБ/);
  });

  it('reads a DOCX with unclosed rows and paragraphs in one pass', () => {
    const xml = wordDoc(`${p('Прайс', 'Heading1')}${p('Стрижка женская тысяча пятьсот')}${'<w:tr><w:p><w:t>'.repeat(50_000)}`);
    const doc = parseDocx(docx(xml));
    expect(doc.sections).toEqual([{ text: 'Прайс\n\nСтрижка женская тысяча пятьсот', page: null, section: 'Прайс' }]);
  });

  it('still reads headings, tables and breaks of an ordinary DOCX', () => {
    const row = (...cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`;
    const xml = wordDoc(`${p('Услуги', 'Heading1')}<w:tbl>${row('Стрижка', '1500 ₽')}${row('Маникюр', '1200 ₽')}</w:tbl><w:p><w:r><w:t>Звоните&#160;нам</w:t><w:br/><w:t>с девяти &amp; до&#99999999;</w:t></w:r></w:p>`);
    expect(parseDocx(docx(xml)).sections).toEqual([
      { text: 'Услуги\n\nСтрижка | 1500 ₽\n\nМаникюр | 1200 ₽\n\nЗвоните\u00a0нам\nс девяти & до\ufffd', page: null, section: 'Услуги' },
    ]);
  });
});

describe('ingest budgets: caps end a document at once', () => {
  it('fails text over the character cap before chunking it', () => {
    const big = 'ну вот стрижка стоит тысячу рублей '.repeat(40_000);
    expect(big.length).toBeGreaterThan(INGEST_LIMITS.maxChars);
    expect(() => parseTxt(utf8(big), { markdown: false })).toThrowError(/Файл слишком большой: .* символов текста, максимум/);
  });

  it('fails a PDF with more pages than the cap before extracting its text', async () => {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const font = await pdf.embedFont(readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), { subset: true });
    for (let i = 0; i < 3; i++) pdf.addPage([595, 842]).drawText(`Прайс страница ${i + 1}`, { x: 50, y: 790, size: 14, font });
    const bytes = await pdf.save();
    await expect(parsePdf(bytes, { ...INGEST_LIMITS, maxPages: 2 })).rejects.toThrowError(/В PDF 3 страниц, максимум 2/);
    expect((await parsePdf(bytes)).pageCount).toBe(3);
  });

  it('stops chunking past the chunk cap and past the tokenizer budget', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ text: `Услуга ${i}: стрижка за ${i} сотен рублей` }));
    expect(() => chunkWithinBudget(rows, { source: 'прайс.csv', countTokens }, { ...INGEST_LIMITS, maxChunks: 20 })).toThrowError(/больше 20 фрагментов/);
    let calls = 0;
    const counting = (s: string) => (calls++, countTokens(s));
    expect(() => chunkWithinBudget(rows, { source: 'прайс.csv', countTokens: counting }, { ...INGEST_LIMITS, maxTokenizedChars: 200 })).toThrow(DocumentParseError);
    expect(calls).toBeLessThan(10);
    expect(chunkWithinBudget(rows, { source: 'прайс.csv', countTokens }).map((c) => c.ord)).toEqual([...rows.keys()]);
  });
});

describe('content sniffing', () => {
  it.each([
    ['a PDF named .txt is a PDF', utf8('%PDF-1.7\n%âãÏÓ'), 'txt', { format: 'pdf' }],
    ['a Word file named .txt is a DOCX', docx(wordDoc(p('Прайс'))), 'txt', { format: 'docx' }],
    ['a plain ZIP named .csv is refused', zipSync({ 'a.txt': utf8('привет') }), 'csv', { refused: expect.stringMatching(/архив/) }],
    ['random bytes named .txt are refused', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256), 'txt', { refused: expect.stringMatching(/двоичный/) }],
    ['a legacy .xls named .csv is refused', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'csv', { refused: expect.stringMatching(/старого формата/) }],
    ['UTF-16 text stays text', new Uint8Array([0xff, 0xfe, 0x26, 0x04, 0x35, 0x04]), 'txt', { format: 'txt' }],
    ['Windows-1251 CSV stays CSV', new Uint8Array([0xd3, 0xf1, 0xeb, 0xf3, 0xe3, 0xe0, 0x3b, 0x31, 0x30, 0x30, 0x0d, 0x0a]), 'csv', { format: 'csv' }],
  ] as const)('%s', (_, bytes, claimed, expected) => {
    expect(sniffFormat(bytes, claimed)).toEqual(expected);
  });
});
