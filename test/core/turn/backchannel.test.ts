import { describe, expect, it } from 'vitest';
import { isBackchannel, unsaidRest } from '../../../core/turn/index.ts';

describe('isBackchannel', () => {
  it.each([
    ['угу', true],
    ['ага', true],
    ['да-да', true],
    ['да', false],
    ['хорошо', false],
    ['так', true],
    ['ну', true],
    ['угу понятно', true],
    ['нет подождите', false],
    ['подождите', false],
    ['да но в пятницу я не могу', false],
    ['сколько стоит', false],
    ['', false],
  ])('"%s" → %s', (text, expected) => expect(isBackchannel(text)).toBe(expected));
});

describe('unsaidRest', () => {
  it.each([
    ['Записала вас на пятницу. Ждём вас!', 'записала вас', 'на пятницу. Ждём вас!'],
    ['Записала вас на пятницу.', '', 'Записала вас на пятницу.'],
    ['Записала вас на пятницу.', 'Записала вас на пятницу.', ''],
    ['Маникюр стоит полторы тысячи рублей, педикюр две.', 'маникюр стоит полторы', 'тысячи рублей, педикюр две.'],
  ])('%s minus "%s" → "%s"', (full, said, rest) => expect(unsaidRest(full, said)).toBe(rest));
});
