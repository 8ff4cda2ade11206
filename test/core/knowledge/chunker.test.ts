import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { describe, expect, it } from 'vitest';
import { chunkDocument, tailWithin, type DocSection } from '../../../core/knowledge/index.ts';

const SENTENCES = [
  'Салон красоты «Элегант» работает ежедневно с 9:00 до 21:00 без перерыва на обед.',
  'В праздничные дни мы открыты с 10:00 до 18:00, а последняя запись принимается за час до закрытия.',
  'Окрашивание выполняют мастера-колористы со стажем не меньше пяти лет.',
  'Перед процедурой проводится бесплатная консультация, мастер подбирает оттенок и оценивает состояние волос.',
  'Отменить запись или перенести её можно не позднее чем за три часа до визита.',
  'Подарочный сертификат действует шесть месяцев со дня покупки и распространяется на все услуги салона.',
];

/** A long Russian text: `paragraphs` paragraphs of `perParagraph` sentences each. */
function longText(paragraphs: number, perParagraph: number): string {
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const para: string[] = [];
    for (let s = 0; s < perParagraph; s++) para.push(SENTENCES[(p * perParagraph + s) % SENTENCES.length]!.replace('.', ` (пункт ${p + 1}.${s + 1}).`));
    out.push(para.join(' '));
  }
  return out.join('\n\n');
}

const opts = { source: 'памятка.pdf', countTokens };

describe('chunkDocument', () => {
  it('keeps a short section whole, with source, page and section on the chunk', () => {
    const chunks = chunkDocument([{ text: 'Часы работы\n\nМы работаем с 9:00 до 21:00.', page: 2, section: 'Часы работы' }], opts);
    expect(chunks).toEqual([
      { ord: 0, text: 'Часы работы\n\nМы работаем с 9:00 до 21:00.', tokenCount: countTokens('Часы работы\n\nМы работаем с 9:00 до 21:00.'), source: 'памятка.pdf', page: 2, section: 'Часы работы' },
    ]);
  });

  it('never exceeds 500 real tokens and never crosses a section or page', () => {
    const sections: DocSection[] = [
      { text: longText(12, 6), page: 1, section: 'Режим работы' },
      { text: longText(3, 2), page: 2, section: 'Окрашивание' },
      { text: longText(20, 4), page: 3, section: null },
    ];
    const chunks = chunkDocument(sections, opts);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.tokenCount).toBe(countTokens(c.text));
      expect(c.tokenCount).toBeLessThanOrEqual(500);
      expect(c.source).toBe('памятка.pdf');
    }
    expect(chunks.map((c) => c.ord)).toEqual(chunks.map((_, i) => i));
    // Every sentence of page 2 lands in page-2 chunks only.
    const page2 = chunks.filter((c) => c.page === 2);
    expect(page2).toHaveLength(1);
    expect(page2[0]!.section).toBe('Окрашивание');
    expect(page2[0]!.text).toBe(sections[1]!.text);
  });

  it('packs whole paragraphs (each chunk at least half full) and cuts only at sentence ends', () => {
    const text = longText(30, 5);
    const chunks = chunkDocument([{ text }], opts);
    for (const c of chunks.slice(0, -1)) expect(c.tokenCount).toBeGreaterThan(250);
    for (const c of chunks) expect(c.text).toMatch(/\.$/); // ends at a sentence end
    expect(chunks[0]!.text.startsWith(text.slice(0, 200))).toBe(true);
  });

  it('repeats up to 50 tokens from the end of the previous chunk at the start of the next', () => {
    const chunks = chunkDocument([{ text: longText(30, 5) }], opts);
    expect(chunks.length).toBeGreaterThan(2);
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1]!.text;
      const cur = chunks[i]!.text;
      let shared = '';
      for (let n = Math.min(prev.length, cur.length); n > 0; n--) {
        if (prev.endsWith(cur.slice(0, n))) {
          shared = cur.slice(0, n);
          break;
        }
      }
      expect(shared.length).toBeGreaterThan(0);
      expect(countTokens(shared)).toBeLessThanOrEqual(50);
    }
  });

  it('cuts an over-long sentence at words and an endless token run by tokens', () => {
    const longSentence = Array.from({ length: 400 }, (_, i) => `услуга${i}`).join(' ');
    const blob = 'Ж'.repeat(3000);
    const chunks = chunkDocument([{ text: longSentence }, { text: blob, section: 'Приложение' }], opts);
    for (const c of chunks) expect(c.tokenCount).toBeLessThanOrEqual(500);
    expect(chunks.filter((c) => c.section === 'Приложение').map((c) => c.text).join('')).toContain('Ж'.repeat(100));
    const words = chunks.filter((c) => c.section === null).flatMap((c) => c.text.split(' '));
    expect(words.every((w) => /^услуга\d+$/.test(w))).toBe(true);
    expect(new Set(words).size).toBe(400);
  });

  it('honours custom sizes and skips empty sections', () => {
    const chunks = chunkDocument([{ text: '   ' }, { text: longText(4, 4) }], { ...opts, maxTokens: 80, overlap: 10 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.tokenCount).toBeLessThanOrEqual(80);
  });
});

describe('tailWithin', () => {
  it('prefers whole sentences, else trailing words', () => {
    const text = 'Первое предложение довольно длинное и подробное. Второе короткое.';
    expect(tailWithin(text, 10, countTokens)).toBe('Второе короткое.');
    expect(tailWithin('одно очень длинное предложение без точки в конце', 6, countTokens).split(' ').length).toBeGreaterThan(0);
    expect(countTokens(tailWithin('одно очень длинное предложение без точки в конце', 6, countTokens))).toBeLessThanOrEqual(6);
  });
});
