import { caseAfter, wordBefore } from './context.ts';
import { ordinal, type Case } from './numbers.ts';

export const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** The case of a day's ordinal: "на 11 декабря" → на одиннадцатое, "к 11" → к одиннадцатому, else одиннадцатого. */
function dayCase(before: string): Case {
  const c = caseAfter(before);
  if (before === 'в' || before === 'во') return 'gen';
  return c === 'acc' ? 'acc' : c === 'dat' ? 'dat' : c === 'pre' ? 'pre' : 'gen';
}

/** "2026" of a date: "две тысячи двадцать шестого года" ("в 2026 году": "в две тысячи двадцать шестом году"). */
export function spokenYear(year: number, c: Case): string {
  return c === 'pre' ? `${ordinal(year, 'm', 'pre')} году` : `${ordinal(year, 'm', 'gen')} года`;
}

/** A date in words: day ordinal (neuter, in the case the context asks), month genitive, year if given. */
export function spokenDate(day: number, month: number, year: number | null, c: Case): string {
  const words = `${ordinal(day, 'n', c)} ${MONTHS_GENITIVE[month - 1]}`;
  return year === null ? words : `${words} ${spokenYear(year, 'gen')}`;
}

const valid = (d: number, m: number) => d >= 1 && d <= 31 && m >= 1 && m <= 12;

/**
 * Dates as a person says them: "11 декабря" → «одиннадцатого декабря», "на 11.12" → «на одиннадцатое декабря»,
 * "2026-12-11" and "11.12.2026" with the year («…две тысячи двадцать шестого года»), "в 2026 г." → «в … году».
 */
export function speakDates(text: string): string {
  const months = MONTHS_GENITIVE.join('|');
  text = text.replace(new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})\\s+(${months})(?:\\s+(\\d{4})\\s*(?:г\\.|года)?)?(?![\\p{L}\\d])`, 'gu'), (all, d: string, m: string, y: string | undefined, at: number, src: string) => {
    const day = Number(d);
    if (day < 1 || day > 31) return all;
    return spokenDate(day, MONTHS_GENITIVE.indexOf(m) + 1, y ? Number(y) : null, dayCase(wordBefore(src, at)));
  });
  text = text.replace(/(?<![\p{L}\d.:-])(\d{4})-(\d{2})-(\d{2})(?![\d:])/gu, (all, y: string, m: string, d: string, at: number, src: string) =>
    valid(Number(d), Number(m)) ? spokenDate(Number(d), Number(m), Number(y), dayCase(wordBefore(src, at))) : all,
  );
  text = text.replace(/(?<![\p{L}\d.:])(\d{1,2})\.(\d{2})(?:\.(\d{4}))?(?![\d.]\d)/gu, (all, d: string, m: string, y: string | undefined, at: number, src: string) =>
    valid(Number(d), Number(m)) ? spokenDate(Number(d), Number(m), y ? Number(y) : null, dayCase(wordBefore(src, at))) : all,
  );
  return text.replace(/(?<![\p{L}\d])(\d{4})\s*(?:г\.|года|году|год)(?![\p{L}])/gu, (all, y: string, at: number, src: string) => {
    const year = Number(y);
    if (year < 1000) return all;
    const before = wordBefore(src, at);
    return spokenYear(year, before === 'в' || before === 'во' ? 'pre' : 'gen');
  });
}
