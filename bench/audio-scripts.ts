import type { CallerScript } from '../agent-host/src/audio/caller-script.ts';
import { parseCallerScript } from '../agent-host/src/audio/caller-script.ts';

const UNITS = ['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

/** A number group as said on the phone: "916" → "девятьсот шестнадцать", "05" → "ноль пять". */
export function sayGroup(digits: string): string {
  if (digits.startsWith('0')) return digits.split('').map((d) => UNITS[Number(d)]).join(' ');
  const n = Number(digits);
  const words: string[] = [];
  if (n >= 100) words.push(HUNDREDS[Math.floor(n / 100)]!);
  const r = n % 100;
  if (r >= 20) {
    words.push(TENS[Math.floor(r / 10)]!);
    if (r % 10) words.push(UNITS[r % 10]!);
  } else if (r >= 10) words.push(TEENS[r - 10]!);
  else if (r > 0 || n === 0) words.push(UNITS[r]!);
  return words.join(' ');
}

/** Deterministic pseudo-random choices (the same scripts on every run). */
export function picker(seed: number) {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return { pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, between: (a: number, b: number) => Math.round(a + next() * (b - a)) };
}

const SERVICES = ['маникюр', 'педикюр', 'стрижку', 'окрашивание'];
const DATES = ['в пятницу', 'на завтра', 'в четверг', 'двадцать восьмого ноября', 'в понедельник'];
const TIMES = ['в три часа дня', 'в десять утра', 'в шесть вечера', 'в двенадцать', 'в четыре часа'];
const QUESTIONS = ['скажите сколько стоит маникюр', 'а сколько стоит педикюр', 'сколько стоит стрижка', 'а вы работаете в воскресенье'];
const BACKCHANNELS = ['угу', 'ага', 'да-да', 'так', 'ну'];

/**
 * The benchmark's callers: `count` booking calls in the salon, each opening with a price question,
 * a booking (date, time, phone — dictated whole or in three chunks with 700–900 ms pauses), a
 * backchannel or a barge-in over the read-back, "да", another question, goodbye.
 */
export function benchScripts(count: number): CallerScript[] {
  return Array.from({ length: count }, (_, i) => {
    const r = picker(i + 11);
    const phone = `9${r.between(10, 99)}${r.between(100, 999)}${r.between(10, 99)}${r.between(10, 99)}`;
    const groups = [phone.slice(0, 3), phone.slice(3, 6), phone.slice(6, 8), phone.slice(8, 10)].map(sayGroup);
    const chunked = i % 2 === 0;
    const phoneSay = chunked
      ? `восемь ${groups[0]} | ${r.between(700, 900)}ms | ${groups[1]} | ${r.between(700, 900)}ms | ${groups[2]} ${groups[3]}`
      : `восемь ${groups.join(' ')}`;
    const bargeIn = i % 4 === 3;
    const over = bargeIn
      ? `  - say: "нет подождите давайте ${r.pick(DATES.filter((d) => d !== 'на завтра'))}"\n    over_reply: ${r.between(900, 1800)}ms\n    kind: other\n  - say: "да"\n    kind: short_answer\n`
      : `  - say: "${r.pick(BACKCHANNELS)}"\n    over_reply: ${r.between(700, 1800)}ms\n    backchannel: true\n  - say: "да"\n    kind: short_answer\n`;
    return parseCallerScript(`
name: bench-${String(i + 1).padStart(2, '0')}
noise_snr_db: ${r.pick([20, 25, 30, 35])}
turns:
  - say: "${r.pick(QUESTIONS)}"
    kind: knowledge
  - say: "хочу записаться на ${r.pick(SERVICES)}"
    kind: short_answer
  - say: "${r.pick(DATES)}"
    kind: short_answer
  - say: "${r.pick(TIMES)}"
    kind: short_answer
  - say: "${phoneSay}"
    kind: ${chunked ? 'partial_phone' : 'full_phone'}
${over}  - say: "${r.pick(QUESTIONS)}"
    kind: knowledge
  - say: "нет спасибо до свидания"
    kind: short_answer
`);
  });
}

const LONG_QUESTIONS = [
  ...QUESTIONS, 'а маникюр с покрытием сколько', 'до скольки вы работаете', 'а в субботу вы открыты', 'сколько стоит окрашивание',
  'а педикюр дорого', 'вы работаете каждый день', 'а стрижка сколько стоит у вас', 'когда вы открываетесь в воскресенье',
];

/**
 * One long call (`turns` caller turns, default 40): a booking in the middle, price and opening-hours
 * questions all around it — to show replies do not slow down as a call goes on.
 */
export function longCallScript(turns = 40): CallerScript {
  const r = picker(97);
  const booking = [
    ['хочу записаться на маникюр', 'short_answer'],
    ['в четверг', 'short_answer'],
    ['в шесть вечера', 'short_answer'],
    ['восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', 'full_phone'],
    ['да', 'short_answer'],
  ] as const;
  const before = Math.floor((turns - booking.length - 1) / 2);
  const lines: string[] = [];
  for (let i = 0; i < turns - 1; i++) {
    const b = i - before;
    const [say, kind] = b >= 0 && b < booking.length ? booking[b]! : [r.pick(LONG_QUESTIONS), 'knowledge'];
    lines.push(`  - say: "${say}"\n    kind: ${kind}\n`);
  }
  lines.push('  - say: "нет спасибо до свидания"\n    kind: short_answer\n');
  return parseCallerScript(`name: long-${turns}\nnoise_snr_db: 30\nturns:\n${lines.join('')}`);
}
