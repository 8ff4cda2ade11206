import { readNumeral } from '../text/numbers.ts';
import { wordTokens } from '../text/tokens.ts';

// Words that may come with dictated digits: "ну", "так", "записывайте", "дальше", "мой номер".
const AROUND_DIGITS = new Set([
  'ну', 'так', 'вот', 'это', 'а', 'и', 'да', 'значит', 'короче', 'эээ', 'ээ', 'э', 'эм', 'мм', 'записывайте',
  'пишите', 'запишите', 'дальше', 'потом', 'мой', 'номер', 'телефон', 'телефона', 'плюс', 'сейчас', 'секунду',
  'щас', 'там', 'последние', 'начало', 'конец', 'еще', 'ещё', 'тире', 'пожалуйста',
]);

/**
 * The digits of an utterance that only dictates digits ("восемь девятьсот шестнадцать", "ну сто двадцать три
 * сорок пять", "91 61"), in order; null when it says anything else (a time, a date, a word that is no filler).
 * @example dictatedDigits('так восемь девятьсот шестнадцать') // '8916'
 */
export function dictatedDigits(text: string): string | null {
  const tokens = wordTokens(text);
  let digits = '';
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.digits) {
      digits += t.text;
      i++;
      continue;
    }
    const n = readNumeral(text, tokens, i);
    if (n && !n.ordinal && n.value < 1000) {
      // "ноль ноль" and "сто" keep their places: "сто пять" is 105, "ноль семь" is 07.
      digits += String(n.value);
      i = n.to;
      continue;
    }
    if (!AROUND_DIGITS.has(t.text.replace(/ё/g, 'е'))) return null;
    i++;
  }
  return digits.length > 0 ? digits : null;
}
