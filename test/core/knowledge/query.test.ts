import { describe, expect, it } from 'vitest';
import { ftsMatchExpression, indexText, queryTerms } from '../../../core/knowledge/index.ts';
import { stemWord } from '../../../core/text/index.ts';

describe('indexText', () => {
  it('stems the section heading and the text, folding case and ё', () => {
    expect(indexText('Стрижка женская: 1500 ₽', 'Прайс')).toBe(['прайс', 'стрижк', 'женск', '1500'].join(' '));
    expect(indexText('Ёлочные игрушки')).toBe(indexText('елочные игрушки'));
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

  it('keeps stop words when the question has nothing else', () => {
    expect(queryTerms('Как?')).toEqual([stemWord('как')]);
    expect(queryTerms('?!')).toEqual([]);
  });
});

describe('ftsMatchExpression', () => {
  it('ORs quoted terms so user input is never FTS syntax', () => {
    expect(ftsMatchExpression('стрижка NOT "маникюр*" OR')).toBe('"стрижк" OR "not" OR "маникюр"');
    expect(ftsMatchExpression('...')).toBeNull();
  });
});
