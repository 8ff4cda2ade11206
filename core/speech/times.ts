import { caseAfter, wordBefore } from './context.ts';
import { cardinal, countedNoun, NOUNS, ordinal, type Case } from './numbers.ts';

/**
 * How a bot says clock times: `conversational` «в три часа дня», «в половине шестого», «без четверти шесть»;
 * `official` «в пятнадцать ноль-ноль», «в семнадцать тридцать».
 */
export type TimeStyle = 'conversational' | 'official';

function dayPart(h: number): string {
  if (h < 4) return 'ночи';
  if (h < 12) return 'утра';
  if (h < 17) return 'дня';
  return 'вечера';
}

const h12 = (h: number) => h % 12 || 12;

/** "15:00" in the official style: «пятнадцать ноль-ноль», «семнадцать тридцать», «девять ноль пять». */
function official(h: number, m: number, c: Case): string {
  const oblique = c !== 'nom' && c !== 'acc';
  const hour = cardinal(h, 'm', c);
  if (m === 0) return oblique ? hour : `${hour} ноль-ноль`;
  const minutes = m < 10 ? `ноль ${cardinal(m, 'f', 'nom')}` : cardinal(m, 'f', c);
  return `${hour} ${minutes}`;
}

/** "15:00" as a person says it: «три часа дня», «половине шестого», «четверть шестого», «без четверти шесть». */
function conversational(h: number, m: number, c: Case, preposition: string): string {
  const oblique = c !== 'nom' && c !== 'acc';
  if (m === 0) {
    if (h === 12) return c === 'gen' ? 'полудня' : c === 'dat' ? 'полудню' : 'полдень';
    if (h === 0) return c === 'gen' ? 'полуночи' : c === 'dat' ? 'полуночи' : 'полночь';
    const n = h12(h);
    // «в час дня», «с часу дня» reads odd: «с часа дня»; «с девяти утра», «в девять утра», «к трём часам дня».
    if (n === 1) return `${countedNoun(1, NOUNS.hour, c)} ${dayPart(h)}`;
    if (c === 'gen') return `${cardinal(n, 'm', 'gen')} ${dayPart(h)}`;
    return `${cardinal(n, 'm', c)} ${countedNoun(n, NOUNS.hour, c)} ${dayPart(h)}`;
  }
  const next = ordinal(h12(h + 1), 'm', 'gen');
  const late = h >= 18 || h < 6 ? ` ${dayPart(h)}` : '';
  if (m === 30) {
    const half = preposition === 'в' || preposition === 'во' ? 'половине' : c === 'gen' ? 'половины' : c === 'dat' ? 'половине' : 'половина';
    return `${half} ${next}${late}`;
  }
  if (m === 15 && !oblique) return `четверть ${next}${late}`;
  if (m === 45 && !oblique) return `без четверти ${cardinal(h12(h + 1), 'm', 'nom')}${late}`;
  const minutes = m < 10 ? `ноль ${cardinal(m, 'f', 'nom')}` : cardinal(m, 'f', c);
  return `${cardinal(h12(h), 'm', c)} ${minutes} ${dayPart(h)}`;
}

/** One clock time in words, in the case its context asks. */
export function spokenTime(hhmm: string, style: TimeStyle, c: Case = 'nom', preposition = ''): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  // "без четверти шесть" takes no "в": the preposition is dropped by the caller.
  return style === 'official' ? official(h, m, c) : conversational(h, m, c, preposition);
}

const TIME = '([01]?\\d|2[0-3]):([0-5]\\d)';
const PREPOSITIONS = new Set(['в', 'во', 'к', 'ко', 'с', 'со', 'до', 'после', 'около']);

/**
 * Clock times in words: ranges "9:00–21:00" → «с девяти утра до девяти вечера», "с 9:00 до 21:00", "в 15:00" →
 * «в три часа дня», "к 17:30" → «к половине шестого»; a bare "15:00" → «три часа дня».
 */
export function speakTimes(text: string, style: TimeStyle): string {
  text = text.replace(new RegExp(`(?<![\\d:])(?:(с|со)\\s+)?${TIME}\\s*[-–—]\\s*${TIME}(?![\\d:])`, 'giu'), (_a, _s, h1: string, m1: string, h2: string, m2: string) =>
    `с ${spokenTime(`${h1}:${m1}`, style, 'gen', 'с')} до ${spokenTime(`${h2}:${m2}`, style, 'gen', 'до')}`,
  );
  // "в 15:00, 16:30 или 18:00": times listed after one preposition share it («в три часа дня, в половине пятого…»).
  let last: { end: number; before: string } | null = null;
  return text.replace(new RegExp(`(?<![\\d:])${TIME}(?![\\d:])`, 'gu'), (all, h: string, m: string, at: number, src: string) => {
    const listed = last !== null && PREPOSITIONS.has(last.before) && /^\s*(,|или|и|либо)\s*$/u.test(src.slice(last.end, at));
    const before = listed ? last!.before : wordBefore(src, at);
    last = { end: at + all.length, before };
    const c = before === 'в' || before === 'во' ? 'acc' : caseAfter(before);
    const words = spokenTime(`${h}:${m}`, style, c === 'pre' ? 'nom' : c, before);
    return listed && style === 'conversational' && before ? `${before} ${words}` : words;
  });
}

/** "в без четверти шесть" → "без четверти шесть": the preposition goes when the time already says "без". */
export const dropPrepositionBeforeBez = (text: string) => text.replace(/(?<![\p{L}])(в|во)\s+(без четверти)/gu, '$2');
