import { cardinal } from './numbers.ts';

const L = '(?<![\\p{L}])';
const R = '(?![\\p{L}])';
const re = (body: string, flags = 'gu') => new RegExp(`${L}${body}${R}`, flags);

/** Written abbreviations and their spoken words; the order matters (longer first). */
const WORDS: [RegExp, string][] = [
  [re('т\\.\\s?е\\.'), 'то есть'],
  [re('т\\.\\s?д\\.'), 'так далее'],
  [re('т\\.\\s?п\\.'), 'тому подобное'],
  [re('т\\.\\s?к\\.'), 'так как'],
  [re('т\\.\\s?н\\.'), 'так называемый'],
  [re('и\\s+др\\.'), 'и другие'],
  [re('ул\\.'), 'улица'],
  [re('просп\\.|пр-т'), 'проспект'],
  [re('пер\\.'), 'переулок'],
  [re('наб\\.'), 'набережная'],
  [re('пл\\.'), 'площадь'],
  [re('б-р'), 'бульвар'],
  [re('корп\\.'), 'корпус'],
  [re('стр\\.(?=\\s*\\d)'), 'строение'],
  [re('кв\\.(?=\\s*\\d)'), 'квартира'],
  [re('д\\.(?=\\s*\\d)'), 'дом'],
  [re('г\\.(?=\\s*[А-ЯЁ])'), 'город'],
  [re('обл\\.'), 'область'],
  [re('тел\\.'), 'телефон'],
  [re('руб\\.'), 'рублей'],
  [re('коп\\.'), 'копеек'],
  [re('мин\\.'), 'минут'],
  [re('им\\.'), 'имени'],
  [/№\s*(?=\d)/gu, 'номер '],
];

/** "на ул. Тверской" → «на улице Тверской»: after в/на/по the street is in the prepositional/dative. */
function withPreposition(text: string): string {
  return text.replace(/(?<![\p{L}])(в|на|по)(\s+)ул\./gu, '$1$2улице');
}

const DAYS: Record<string, [nom: string, gen: string, acc: string]> = {
  пн: ['понедельник', 'понедельника', 'понедельник'],
  вт: ['вторник', 'вторника', 'вторник'],
  ср: ['среда', 'среды', 'среду'],
  чт: ['четверг', 'четверга', 'четверг'],
  пт: ['пятница', 'пятницы', 'пятницу'],
  сб: ['суббота', 'субботы', 'субботу'],
  вс: ['воскресенье', 'воскресенья', 'воскресенье'],
};
const DAY = '(пн|вт|ср|чт|пт|сб|вс)\\.?';

/**
 * Abbreviations read as words: "т.е." то есть, "ул. Тверская, д. 15" улица Тверская, дом 15, "руб." рублей, weekday
 * ranges "Пн–Пт" с понедельника по пятницу and a schedule's "Сб:" суббота.
 */
export function speakAbbreviations(text: string): string {
  text = withPreposition(text);
  for (const [pattern, words] of WORDS) {
    text = text.replace(pattern, (m: string, ...rest: unknown[]) => words + (CAN_END_SENTENCE.has(words) ? sentenceStop(m, rest) : ''));
  }
  text = text.replace(new RegExp(`${L}${DAY}\\s*[-–—]\\s*${DAY}${R}`, 'giu'), (m, a: string, b: string) =>
    sameCase(m, `с ${DAYS[a.toLowerCase()]![1]} по ${DAYS[b.toLowerCase()]![2]}`),
  );
  return text.replace(new RegExp(`${L}${DAY}(?=\\s*[:,])`, 'giu'), (m, a: string) => sameCase(m, DAYS[a.toLowerCase()]![0]));
}

/** Abbreviations that may close a sentence ("и т.д."); "ул." or "г." before a capital is followed by a name. */
const CAN_END_SENTENCE = new Set(['так далее', 'тому подобное', 'и другие', 'рублей', 'копеек', 'минут']);

/** "… и т.д." at the end of a sentence: the abbreviation's dot was also the full stop, so it stays. */
function sentenceStop(written: string, rest: unknown[]): string {
  const src = rest.at(-1) as string;
  const at = rest.at(-2) as number;
  return written.endsWith('.') && /^(\s+[А-ЯЁA-Z«"]|\s*$)/u.test(src.slice(at + written.length)) ? '.' : '';
}

/** Words in place of an abbreviation keep its capital letter ("Пн–Пт" at a sentence start → «С понедельника…»). */
const sameCase = (written: string, words: string) => (written[0] === written[0]!.toUpperCase() ? words[0]!.toUpperCase() + words.slice(1) : words);

/** Digits left over (a house number, a count without a unit) in words, nominative. */
export function speakBareNumbers(text: string): string {
  return text.replace(/(?<![\p{L}\d.,:])\d{1,9}(?![\d.,:]\d|\p{L})/gu, (n) => cardinal(Number(n)));
}
