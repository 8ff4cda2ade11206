import { describe, expect, it } from 'vitest';
import { indexText, queryTerms } from '../../../core/knowledge/index.ts';
import { stemWord } from '../../../core/text/index.ts';

describe('indexText', () => {
  it('stems the section heading and the text, folding case and ё', () => {
    expect(indexText('Стрижка женская: 1500 ₽', 'Прайс')).toBe(['прайс', 'стрижк', 'женск', '1500'].join(' '));
    expect(indexText('Ёлочные игрушки')).toBe(indexText('елочные игрушки'));
  });

  it('splits times and decimals into the letter/digit runs the FTS tokenizer sees, so every token is a whole term', () => {
    expect(indexText('Перерыв 13:30–14:00, скидка 2.5%')).toBe([stemWord('перерыв'), '13', '30', '14', '00', stemWord('скидка'), '2', '5'].join(' '));
  });
});

describe('queryTerms', () => {
  it.each([
    ['Сколько стоит стрижка?', 'стрижка', 'цена'],
    ['Во сколько вы открываетесь?', 'открываетесь', 'режим'],
    ['Как к вам добраться от метро?', 'добраться', 'адрес'],
    ['Можно оплатить картой?', 'картой', 'оплата'],
    ['А если я опоздаю?', 'опоздаю', 'опоздании'],
  ])('%s → topic stems and their synonyms', (question, word, synonym) => {
    const terms = queryTerms(question);
    expect(terms).toContain(stemWord(word));
    expect(terms).toContain(stemWord(synonym));
    for (const stop of ['сколько', 'вы', 'как', 'можно', 'я']) expect(terms).not.toContain(stemWord(stop));
  });

  it('splits a time in the question the same way as the index', () => {
    expect(queryTerms('Вы открыты в 21:30?')).toEqual(expect.arrayContaining(['21', '30']));
    expect(queryTerms('Вы открыты в 21:30?')).not.toContain('21:30');
  });

  it('keeps stop words when the question has nothing else', () => {
    expect(queryTerms('Как?')).toEqual([stemWord('как')]);
    expect(queryTerms('?!')).toEqual([]);
  });
});
