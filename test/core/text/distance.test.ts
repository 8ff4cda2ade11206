import { describe, expect, it } from 'vitest';
import { commonPrefix, damerau } from '../../../core/text/distance.ts';

describe('damerau', () => {
  it.each([
    ['запишите', 'запишите', 0],
    ['запешите', 'запишите', 1],
    ['записатся', 'записаться', 1],
    ['зпаись', 'запись', 1],
    ['стрижка', 'стршка', 2],
    ['', 'абв', 3],
    ['прием', 'приём', 1],
    ['кошка', 'окошко', 2],
  ] as const)('%s ~ %s = %i', (a, b, d) => {
    expect(damerau(a, b)).toBe(d);
  });

  it('stops early past the limit', () => {
    expect(damerau('консультация', 'мастер', 2)).toBe(3);
  });
});

describe('commonPrefix', () => {
  it.each([
    ['записаться', 'запишите', 4],
    ['свободно', 'свободное', 8],
    ['а', 'б', 0],
  ] as const)('%s, %s → %i', (a, b, n) => {
    expect(commonPrefix(a, b)).toBe(n);
  });
});
