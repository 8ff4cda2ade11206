import { spaceBetween, type Token } from './tokens.ts';

/** Place of a number word in a composed numeral: units/teens < tens < hundreds < thousands. */
export type NumberRank = 1 | 2 | 3 | 4;

/** What one Russian number word means. */
export interface NumberWord {
  value: number;
  rank: NumberRank;
  /** "третьего", "двадцатого" — an ordinal ends a numeral. */
  ordinal: boolean;
  /** "двое", "пятерых", "впятером": a count of people; it ends a numeral too. */
  collective?: boolean;
}

const CARDINALS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [0, ['ноль', 'нуль', 'ноля', 'нуля']],
  [1, ['один', 'одна', 'одно', 'одного', 'одной', 'одному', 'одним', 'одну']],
  [2, ['два', 'две', 'двух', 'двум', 'двумя']],
  [3, ['три', 'трех', 'трем', 'тремя']],
  [4, ['четыре', 'четырех', 'четырем', 'четырьмя']],
  [5, ['пять', 'пяти', 'пятью']],
  [6, ['шесть', 'шести', 'шестью']],
  // "семью" is left out on purpose: it is far more often "семья" (family) than "семь".
  [7, ['семь', 'семи']],
  [8, ['восемь', 'восьми', 'восемью']],
  [9, ['девять', 'девяти', 'девятью']],
  [10, ['десять', 'десяти', 'десятью']],
  [11, ['одиннадцать', 'одиннадцати']],
  [12, ['двенадцать', 'двенадцати']],
  [13, ['тринадцать', 'тринадцати']],
  [14, ['четырнадцать', 'четырнадцати']],
  [15, ['пятнадцать', 'пятнадцати']],
  [16, ['шестнадцать', 'шестнадцати']],
  [17, ['семнадцать', 'семнадцати']],
  [18, ['восемнадцать', 'восемнадцати']],
  [19, ['девятнадцать', 'девятнадцати']],
  [20, ['двадцать', 'двадцати']],
  [30, ['тридцать', 'тридцати']],
  [40, ['сорок', 'сорока']],
  [50, ['пятьдесят', 'пятидесяти']],
  [60, ['шестьдесят', 'шестидесяти']],
  [70, ['семьдесят', 'семидесяти']],
  [80, ['восемьдесят', 'восьмидесяти']],
  [90, ['девяносто', 'девяноста']],
  [100, ['сто', 'ста']],
  [200, ['двести', 'двухсот']],
  [300, ['триста', 'трехсот']],
  [400, ['четыреста', 'четырехсот']],
  [500, ['пятьсот', 'пятисот']],
  [600, ['шестьсот', 'шестисот']],
  [700, ['семьсот', 'семисот']],
  [800, ['восемьсот', 'восьмисот']],
  [900, ['девятьсот', 'девятисот']],
  [1000, ['тысяча', 'тысячи', 'тысяч', 'тысячу', 'тысяче', 'тысячей']],
];

/** Ordinal stems; every adjective ending is generated from them ("перв" → первый, первого, первое, ...). */
const ORDINAL_STEMS: ReadonlyArray<readonly [number, string]> = [
  [1, 'перв'], [2, 'втор'], [4, 'четверт'], [5, 'пят'], [6, 'шест'], [7, 'седьм'], [8, 'восьм'],
  [9, 'девят'], [10, 'десят'], [11, 'одиннадцат'], [12, 'двенадцат'], [13, 'тринадцат'],
  [14, 'четырнадцат'], [15, 'пятнадцат'], [16, 'шестнадцат'], [17, 'семнадцат'], [18, 'восемнадцат'],
  [19, 'девятнадцат'], [20, 'двадцат'], [30, 'тридцат'], [40, 'сороков'], [50, 'пятидесят'],
  [60, 'шестидесят'], [70, 'семидесят'], [80, 'восьмидесят'], [90, 'девяност'], [100, 'сот'],
  [200, 'двухсот'], [300, 'трехсот'], [400, 'четырехсот'], [500, 'пятисот'], [600, 'шестисот'],
  [700, 'семисот'], [800, 'восьмисот'], [900, 'девятисот'], [1000, 'тысячн'],
];
const HARD_ENDINGS = ['ый', 'ой', 'ая', 'ое', 'ые', 'ого', 'ому', 'ом', 'ую', 'ых', 'ым', 'ыми'];
const THIRD_FORMS = ['третий', 'третья', 'третье', 'третьи', 'третьего', 'третьему', 'третьем', 'третью', 'третьей', 'третьих', 'третьим', 'третьими'];

/** Collective numerals in every case, and "вдвоём"-style adverbs: they count people ("нас пятеро", "на двоих"). */
const COLLECTIVE_STEMS: ReadonlyArray<readonly [number, string, string]> = [
  [2, 'дво', 'вдвоем'], [3, 'тро', 'втроем'], [4, 'четвер', 'вчетвером'], [5, 'пятер', 'впятером'],
  [6, 'шестер', 'вшестером'], [7, 'семер', 'всемером'], [8, 'восьмер', 'ввосьмером'], [9, 'девятер', 'вдевятером'],
  [10, 'десятер', 'вдесятером'],
];
const COLLECTIVE_ENDINGS = { small: ['е', 'их', 'им', 'ими'], large: ['о', 'ых', 'ым', 'ыми'] };

function rankOf(value: number): NumberRank {
  if (value >= 1000) return 4;
  if (value >= 100) return 3;
  if (value >= 20) return 2;
  return 1;
}

function buildTable(): Map<string, NumberWord> {
  const table = new Map<string, NumberWord>();
  for (const [value, forms] of CARDINALS) {
    for (const form of forms) table.set(form, { value, rank: rankOf(value), ordinal: false });
  }
  for (const [value, stem] of ORDINAL_STEMS) {
    for (const ending of HARD_ENDINGS) table.set(stem + ending, { value, rank: rankOf(value), ordinal: true });
  }
  for (const form of THIRD_FORMS) table.set(form, { value: 3, rank: 1, ordinal: true });
  for (const [value, stem, adverb] of COLLECTIVE_STEMS) {
    const endings = value <= 3 ? COLLECTIVE_ENDINGS.small : COLLECTIVE_ENDINGS.large;
    for (const form of [...endings.map((e) => stem + e), adverb]) {
      table.set(form, { value, rank: 1, ordinal: false, collective: true });
    }
  }
  return table;
}

/** Every known Russian number word (lower case, `е` for `ё`), cardinal and ordinal, in all the cases used. */
export const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = buildTable();

/** "полтора" and friends: 1.5. */
export const ONE_AND_HALF_WORDS: ReadonlySet<string> = new Set(['полтора', 'полторы', 'полутора']);
/** "половина", "половине", ... (a half; "в половине пятого"). */
export const HALF_WORDS: ReadonlySet<string> = new Set(['половина', 'половине', 'половину', 'половины', 'пол']);

/** One numeral read from consecutive tokens. */
export interface NumeralRead {
  value: number;
  /** The last word was an ordinal ("двадцать восьмого"). */
  ordinal: boolean;
  /** A collective numeral ("пятеро"), never part of a longer numeral. */
  collective?: boolean;
  /** Index of the first token and one past the last token used. */
  from: number;
  to: number;
}

/**
 * Reads the longest Russian numeral starting at `tokens[i]` ("сто двадцать пять", "двадцать восьмого",
 * "две тысячи двадцать шестого"). Words must be separated by spaces only; digit tokens are not read.
 * A word that cannot continue the numeral starts a new one: "восемь девятьсот" is 8, then 900.
 */
export function readNumeral(text: string, tokens: readonly Token[], i: number): NumeralRead | null {
  const first = tokens[i];
  if (!first) return null;
  const w0 = NUMBER_WORDS.get(first.text);
  if (!w0) return null;
  if (w0.value === 0) return { value: 0, ordinal: w0.ordinal, from: i, to: i + 1 };
  if (w0.collective) return { value: w0.value, ordinal: false, collective: true, from: i, to: i + 1 };
  let total = 0;
  let group = w0.rank === 4 ? 0 : w0.value;
  if (w0.rank === 4) total = 1000;
  let lastRank: number = w0.rank;
  let ordinal = w0.ordinal;
  let j = i + 1;
  while (!ordinal && j < tokens.length) {
    const tok = tokens[j]!;
    const w = NUMBER_WORDS.get(tok.text);
    if (!w || w.value === 0 || w.collective || !spaceBetween(text, tokens[j - 1]!, tok)) break;
    if (w.rank === 4) {
      if (total > 0) break;
      total = (group || 1) * 1000;
      group = 0;
    } else {
      // Only a smaller rank may follow; teens never follow tens ("двадцать двенадцать" is two numbers).
      const fits = lastRank === 4 || (w.rank < lastRank && !(lastRank === 2 && w.value >= 10));
      if (!fits) break;
      group += w.value;
    }
    lastRank = w.rank;
    ordinal = w.ordinal;
    j++;
  }
  return { value: total + group, ordinal, from: i, to: j };
}
