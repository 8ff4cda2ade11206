import { describe, expect, it } from 'vitest';
import { NUMBER_WORDS, readNumeral } from '../../../core/text/numbers.ts';
import { wordTokens } from '../../../core/text/tokens.ts';

function readAll(text: string): [number, boolean][] {
  const tokens = wordTokens(text);
  const out: [number, boolean][] = [];
  for (let i = 0; i < tokens.length; ) {
    const n = readNumeral(text, tokens, i);
    if (!n) {
      i++;
      continue;
    }
    out.push([n.value, n.ordinal]);
    i = n.to;
  }
  return out;
}

describe('readNumeral', () => {
  it.each([
    ['ноль', [[0, false]]],
    ['семь', [[7, false]]],
    ['девятнадцать', [[19, false]]],
    ['сорок пять', [[45, false]]],
    ['сто двадцать три', [[123, false]]],
    ['девятьсот шестнадцать', [[916, false]]],
    ['тысяча двести', [[1200, false]]],
    ['две тысячи двадцать шестого', [[2026, true]]],
    ['двадцать восьмого', [[28, true]]],
    ['тридцать первое', [[31, true]]],
    ['третьего', [[3, true]]],
    ['восемь девятьсот шестнадцать', [[8, false], [916, false]]],
    ['девять один шесть', [[9, false], [1, false], [6, false]]],
    ['двадцать двенадцать', [[20, false], [12, false]]],
    ['сто двадцать три сорок пять', [[123, false], [45, false]]],
    ['к пяти', [[5, false]]],
    ['без двадцати пяти', [[25, false]]],
    ['двух трех', [[2, false], [3, false]]],
    ['двадцать, пять', [[20, false], [5, false]]],
  ] as const)('%s', (text, expected) => {
    expect(readAll(text)).toEqual(expected);
  });

  it('knows ordinals in every case', () => {
    for (const form of ['первый', 'первого', 'первому', 'первом', 'первое', 'первую', 'третьей', 'третьему', 'седьмого', 'двадцатое']) {
      expect(NUMBER_WORDS.get(form)?.ordinal).toBe(true);
    }
  });
});
