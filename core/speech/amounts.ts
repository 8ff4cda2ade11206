import { caseAfter, wordBefore } from './context.ts';
import { cardinal, countedNoun, NOUNS, type Case, type CountedNoun } from './numbers.ts';

/** Units written after a number, with the noun they are read as (only abbreviations take a dot). */
const UNITS: [RegExp, CountedNoun][] = [
  [/^(?:руб\.?|рубл(?:ей|я|ь|ям|ями|ях)|р\.|₽)$/u, NOUNS.rouble],
  [/^(?:коп\.?|копе(?:ек|йки|йка|йку))$/u, NOUNS.kopeck],
  [/^(?:мин\.?|минут[аыу]?)$/u, NOUNS.minute],
  [/^(?:ч\.?|час(?:а|ов)?)$/u, NOUNS.hour],
  [/^(?:%|процент(?:а|ов)?)$/u, NOUNS.percent],
  [/^(?:шт\.?|штук[аи]?)$/u, NOUNS.piece],
];
const UNIT = '(руб\\.?|рубл(?:ей|я|ь|ям|ями|ях)|р\\.|₽|коп\\.?|копе(?:ек|йки|йка|йку)|мин\\.?|минут[аыу]?|ч\\.?|час(?:а|ов)?|%|процент(?:а|ов)?|шт\\.?|штук[аи]?)';
const unitOf = (written: string) => UNITS.find(([re]) => re.test(written))?.[1] ?? null;

const NUMBER = '(\\d{1,3}(?:[\\s\\u00a0]\\d{3})+|\\d+)(?:[.,](\\d{1,2}))?';

/** The noun after "полтора", "две с половиной": genitive singular in nominative/accusative, else plural in the case. */
const afterFraction = (unit: CountedNoun, c: Case) => (c === 'nom' || c === 'acc' ? unit.sg.gen : unit.pl[c]);

/**
 * A number (with its unit, if any) in words, agreeing in case and gender: «тысячу двести рублей», «полторы тысячи
 * рублей», «полтора часа», «два с половиной часа», «девяносто девять рублей девяносто копеек».
 */
export function spokenAmount(n: number, fraction: string | undefined, unit: CountedNoun | null, c: Case): string {
  const oblique = c !== 'nom' && c !== 'acc';
  const tail = (words: string, noun: string | null) => (noun ? `${words} ${noun}` : words);
  const frac = fraction !== undefined && Number(fraction) > 0 ? fraction : undefined;
  if (frac === '5' && n === 1) return tail(oblique ? 'полутора' : unit?.gender === 'f' ? 'полторы' : 'полтора', unit && afterFraction(unit, c));
  if (!frac && n === 1500 && unit === NOUNS.rouble) return `${oblique ? 'полутора тысяч' : 'полторы тысячи'} ${unit.pl.gen}`;
  const gender = unit?.gender ?? 'm';
  if (frac === '5') return tail(`${cardinal(n, gender, c)} с половиной`, unit && afterFraction(unit, c));
  if (frac && unit === NOUNS.rouble) {
    const kop = Number(frac.padEnd(2, '0'));
    return `${cardinal(n, 'm', c)} ${countedNoun(n, unit, c)} ${cardinal(kop, 'f', c)} ${countedNoun(kop, NOUNS.kopeck, c)}`;
  }
  if (frac) return tail(`${cardinal(n, 'f', c)} целых ${cardinal(Number(frac), 'f', c)} ${frac.length === 1 ? 'десятых' : 'сотых'}`, unit && unit.sg.gen);
  return tail(cardinal(n, gender, c), unit && countedNoun(n, unit, c));
}

/**
 * Prices and counts with units: "1200 руб." → «тысяча двести рублей», "стоит 1200 ₽" → «стоит тысячу двести
 * рублей», "от 3 500 руб." → «от трёх тысяч пятисот рублей», "1500 руб." → «полторы тысячи рублей», "90 мин" →
 * «девяносто минут», "1,5 ч" → «полтора часа», "5 тыс. руб." → «пять тысяч рублей». Bare numbers stay as they are.
 */
export function speakAmounts(text: string): string {
  const re = new RegExp(`(?<![\\p{L}\\d.,:+-])${NUMBER}(?:[\\s\\u00a0]*(тыс\\.|тысяч[аи]?))?(?:[\\s\\u00a0]*${UNIT})?(?![\\p{L}\\d])`, 'gu');
  return text.replace(re, (all, digits: string, fraction: string | undefined, thousands: string | undefined, written: string | undefined, at: number, src: string) => {
    const unit = written ? unitOf(written) : null;
    if (!unit && !thousands) return all;
    const c = caseAfter(wordBefore(src, at));
    const n = Number(digits.replace(/[\s\u00a0]/g, ''));
    // "… 1200 руб." at the end of a sentence: the abbreviation's dot was also the full stop.
    const stop = (written ?? thousands ?? '').endsWith('.') && /^(\s+[А-ЯЁA-Z«"]|\s*$)/u.test(src.slice(at + all.length)) ? '.' : '';
    if (!thousands) return spokenAmount(n, fraction, unit, c) + stop;
    // "5 тыс. руб." → «пять тысяч рублей»: the unit after thousands is genitive plural.
    const k = spokenAmount(n, fraction, NOUNS.thousand, c);
    return (unit ? `${k} ${unit.pl.gen}` : k) + stop;
  });
}
