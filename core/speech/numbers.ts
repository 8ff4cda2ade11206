/**
 * Russian numerals in words, declined: cardinals with gender and case ("одну тысячу двести", "двух", "трёх тысяч
 * пятисот"), ordinals ("одиннадцатого", "две тысячи двадцать шестом") and the noun form a count takes.
 */

export type Case = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'pre';
export type Gender = 'm' | 'f' | 'n';

const CASES: Case[] = ['nom', 'gen', 'dat', 'acc', 'ins', 'pre'];
const row = (s: string): Record<Case, string> => Object.fromEntries(s.split(' ').map((w, i) => [CASES[i]!, w])) as Record<Case, string>;

/** 5–20 and 30: "пять" → пяти, пятью. */
const softNumeral = (nom: string, ins = `${nom.slice(0, -1)}ью`) => row(`${nom} ${nom.slice(0, -1)}и ${nom.slice(0, -1)}и ${nom} ${ins} ${nom.slice(0, -1)}и`);

const UNITS: Record<number, Record<Case, string>> = {
  2: row('два двух двум два двумя двух'),
  3: row('три трёх трём три тремя трёх'),
  4: row('четыре четырёх четырём четыре четырьмя четырёх'),
  5: softNumeral('пять'),
  6: softNumeral('шесть'),
  7: softNumeral('семь'),
  8: row('восемь восьми восьми восемь восемью восьми'),
  9: softNumeral('девять'),
};
const ONE: Record<Gender, Record<Case, string>> = {
  m: row('один одного одному один одним одном'),
  f: row('одна одной одной одну одной одной'),
  n: row('одно одного одному одно одним одном'),
};
const TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'].map((w) => softNumeral(w));
const TENS: Record<number, Record<Case, string>> = {
  2: softNumeral('двадцать'),
  3: softNumeral('тридцать'),
  4: row('сорок сорока сорока сорок сорока сорока'),
  5: row('пятьдесят пятидесяти пятидесяти пятьдесят пятьюдесятью пятидесяти'),
  6: row('шестьдесят шестидесяти шестидесяти шестьдесят шестьюдесятью шестидесяти'),
  7: row('семьдесят семидесяти семидесяти семьдесят семьюдесятью семидесяти'),
  8: row('восемьдесят восьмидесяти восьмидесяти восемьдесят восемьюдесятью восьмидесяти'),
  9: row('девяносто девяноста девяноста девяносто девяноста девяноста'),
};
const HUNDREDS: Record<number, Record<Case, string>> = {
  1: row('сто ста ста сто ста ста'),
  2: row('двести двухсот двумстам двести двумястами двухстах'),
  3: row('триста трёхсот трёмстам триста тремястами трёхстах'),
  4: row('четыреста четырёхсот четырёмстам четыреста четырьмястами четырёхстах'),
  5: row('пятьсот пятисот пятистам пятьсот пятьюстами пятистах'),
  6: row('шестьсот шестисот шестистам шестьсот шестьюстами шестистах'),
  7: row('семьсот семисот семистам семьсот семьюстами семистах'),
  8: row('восемьсот восьмисот восьмистам восемьсот восемьюстами восьмистах'),
  9: row('девятьсот девятисот девятистам девятьсот девятьюстами девятистах'),
};

/** A noun's forms after a count: singular and plural in every case. */
export interface CountedNoun {
  gender: Gender;
  sg: Record<Case, string>;
  pl: Record<Case, string>;
}

export const noun = (gender: Gender, sg: string, pl: string): CountedNoun => ({ gender, sg: row(sg), pl: row(pl) });

export const NOUNS = {
  thousand: noun('f', 'тысяча тысячи тысяче тысячу тысячей тысяче', 'тысячи тысяч тысячам тысячи тысячами тысячах'),
  million: noun('m', 'миллион миллиона миллиону миллион миллионом миллионе', 'миллионы миллионов миллионам миллионы миллионами миллионах'),
  billion: noun('m', 'миллиард миллиарда миллиарду миллиард миллиардом миллиарде', 'миллиарды миллиардов миллиардам миллиарды миллиардами миллиардах'),
  rouble: noun('m', 'рубль рубля рублю рубль рублём рубле', 'рубли рублей рублям рубли рублями рублях'),
  kopeck: noun('f', 'копейка копейки копейке копейку копейкой копейке', 'копейки копеек копейкам копейки копейками копейках'),
  minute: noun('f', 'минута минуты минуте минуту минутой минуте', 'минуты минут минутам минуты минутами минутах'),
  hour: noun('m', 'час часа часу час часом часе', 'часы часов часам часы часами часах'),
  percent: noun('m', 'процент процента проценту процент процентом проценте', 'проценты процентов процентам проценты процентами процентах'),
  piece: noun('f', 'штука штуки штуке штуку штукой штуке', 'штуки штук штукам штуки штуками штуках'),
  day: noun('m', 'день дня дню день днём дне', 'дни дней дням дни днями днях'),
  year: noun('m', 'год года году год годом годе', 'годы лет годам годы годами годах'),
} as const;

/**
 * The noun after a count in a case: "1 рубль", "2 рубля", "5 рублей" (nominative/accusative take the genitive after
 * 2–4 and 5+); other cases agree in number: "от 5 рублей", "к 3 часам".
 */
export function countedNoun(n: number, word: CountedNoun, c: Case): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const one = mod10 === 1 && mod100 !== 11;
  if (c === 'nom' || c === 'acc') {
    if (one) return word.sg[c];
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return word.sg.gen;
    return word.pl.gen;
  }
  return one ? word.sg[c] : word.pl[c];
}

/** 1–999 in words. */
function below1000(n: number, gender: Gender, c: Case): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h) out.push(HUNDREDS[h]![c]);
  if (rest >= 10 && rest < 20) out.push(TEENS[rest - 10]![c]);
  else {
    const t = Math.floor(rest / 10);
    const u = rest % 10;
    if (t) out.push(TENS[t]![c]);
    if (u === 1) out.push(ONE[gender][c]);
    else if (u === 2 && gender === 'f' && (c === 'nom' || c === 'acc')) out.push('две');
    else if (u) out.push(UNITS[u]![c]);
  }
  return out;
}

/**
 * A whole number (0 … 999 999 999 999) in words, agreeing with a noun of `gender` in case `c`.
 * @example cardinal(1200, 'm', 'acc') // 'тысячу двести' ("стоит тысячу двести рублей")
 */
export function cardinal(n: number, gender: Gender = 'm', c: Case = 'nom'): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`cardinal: ${n} is not a whole number ≥ 0`);
  if (n === 0) return c === 'nom' || c === 'acc' ? 'ноль' : c === 'ins' ? 'нулём' : c === 'dat' ? 'нулю' : c === 'pre' ? 'нуле' : 'нуля';
  const out: string[] = [];
  const groups: [number, CountedNoun][] = [[1e9, NOUNS.billion], [1e6, NOUNS.million], [1e3, NOUNS.thousand]];
  let rest = n;
  for (const [size, word] of groups) {
    const k = Math.floor(rest / size);
    rest %= size;
    if (!k) continue;
    // "тысяча", not "одна тысяча", when the group is exactly one.
    if (k !== 1) out.push(...below1000(k, word.gender, c));
    out.push(countedNoun(k, word, c));
  }
  if (rest) out.push(...below1000(rest, gender, c));
  return out.join(' ');
}

const ORDINAL_UNITS = ['', 'перв', 'втор', 'трет', 'четвёрт', 'пят', 'шест', 'седьм', 'восьм', 'девят'];
const ORDINAL_TEENS = ['десят', 'одиннадцат', 'двенадцат', 'тринадцат', 'четырнадцат', 'пятнадцат', 'шестнадцат', 'семнадцат', 'восемнадцат', 'девятнадцат'];
const ORDINAL_TENS = ['', '', 'двадцат', 'тридцат', 'сороков', 'пятидесят', 'шестидесят', 'семидесят', 'восьмидесят', 'девяност'];
const ORDINAL_HUNDREDS = ['', 'сот', 'двухсот', 'трёхсот', 'четырёхсот', 'пятисот', 'шестисот', 'семисот', 'восьмисот', 'девятисот'];
const STRESSED = new Set(['втор', 'шест', 'седьм', 'восьм', 'сороков']);

const HARD: Record<Gender, Record<Case, string>> = {
  m: row('ый ого ому ый ым ом'),
  f: row('ая ой ой ую ой ой'),
  n: row('ое ого ому ое ым ом'),
};
const SOFT_THIRD: Record<Gender, Record<Case, string>> = {
  m: row('ий ьего ьему ий ьим ьем'),
  f: row('ья ьей ьей ью ьей ьей'),
  n: row('ье ьего ьему ье ьим ьем'),
};

function ordinalEnding(stem: string, gender: Gender, c: Case): string {
  if (stem === 'трет') return stem + SOFT_THIRD[gender][c];
  const end = HARD[gender][c];
  return stem + (STRESSED.has(stem) && gender === 'm' && (c === 'nom' || c === 'acc') ? 'ой' : end);
}

/**
 * An ordinal (1 … 9999) in words: only the last word is ordinal ("две тысячи двадцать шестого").
 * @example ordinal(11, 'n', 'gen') // 'одиннадцатого'
 */
export function ordinal(n: number, gender: Gender = 'm', c: Case = 'nom'): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`ordinal: ${n} is out of 1…9999`);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (!rest) {
    const prefix = thousands === 1 ? '' : cardinal(thousands, 'f', 'gen').replace(/\s/g, '');
    return ordinalEnding(`${prefix}тысячн`, gender, c);
  }
  const head = thousands ? `${cardinal(thousands * 1000)} ` : '';
  const h = Math.floor(rest / 100);
  const r = rest % 100;
  if (!r) return head + ordinalEnding(ORDINAL_HUNDREDS[h]!, gender, c);
  const lead = h ? `${HUNDREDS[h]!.nom} ` : '';
  let stem: string;
  let tens = '';
  if (r >= 10 && r < 20) stem = ORDINAL_TEENS[r - 10]!;
  else if (r % 10 === 0) stem = ORDINAL_TENS[r / 10]!;
  else {
    stem = ORDINAL_UNITS[r % 10]!;
    if (r >= 20) tens = `${TENS[Math.floor(r / 10)]!.nom} `;
  }
  return head + lead + tens + ordinalEnding(stem, gender, c);
}
