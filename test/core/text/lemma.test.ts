import { describe, expect, it } from 'vitest';
import { canonicalStem, matchKeyword, toNominative } from '../../../core/text/index.ts';

describe('canonicalStem: one key for the forms of a noun the stemmer splits', () => {
  it.each([
    ['щенок', 'щенка'], ['щенок', 'щенков'], ['щенок', 'щенята'], ['котенок', 'котята'], ['котенок', 'котят'],
    ['котенок', 'котятами'], ['поросенок', 'поросята'], ['ребенок', 'детей'], ['ребенок', 'дети'], ['ребенка', 'ребята'],
    ['человек', 'людей'], ['отец', 'отца'], ['ковер', 'ковра'], ['пес', 'псом'], ['день', 'дня'], ['стрижка', 'стрижек'],
  ])('%s ~ %s', (a, b) => expect(canonicalStem(a)).toBe(canonicalStem(b)));

  it.each([['кот', 'котенок'], ['кошка', 'котенок'], ['мастер', 'масло'], ['дети', 'детский']])('%s ≁ %s', (a, b) =>
    expect(canonicalStem(a)).not.toBe(canonicalStem(b)),
  );

  it('lets keywords and enum synonyms match such forms', () => {
    expect(matchKeyword('хочу записать щенка на стрижку', 'щенок')).toMatchObject({ value: 'щенок', start: 14, end: 19 });
    expect(matchKeyword('у меня двое котят', 'котёнок')?.value).toBe('котёнок');
    expect(matchKeyword('записать двоих детей', 'ребёнок')?.value).toBe('ребёнок');
  });
});

describe('toNominative: free text said as an object, stored as a name', () => {
  it.each([
    ['стрижку', 'стрижка'],
    ['мужскую стрижку', 'мужская стрижка'],
    ['стрижку и укладку', 'стрижка и укладка'],
    ['покраску волос', 'покраска волос'],
    ['консультацию', 'консультация'],
    ['замену масла', 'замена масла'],
    ['маникюр с покрытием', 'маникюр с покрытием'],
    ['к мастеру Ольге', 'к мастеру Ольге'],
    ['Киа Рио', 'Киа Рио'],
    ['шины мои привезу', 'шины мои привезу'],
    ['по поводу гарантии', 'по поводу гарантии'],
    ['хочу перенести запись на другой день', 'хочу перенести запись на другой день'],
  ])('%s → %s', (said, stored) => expect(toNominative(said)).toBe(stored));
});
