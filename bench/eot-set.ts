/**
 * The Russian end-of-turn set (eot-bench schema, see docs/eot-bench-ru.md): caller turns on a phone
 * line answering the bundled configs' prompts (service, date, time, phone, name, numbers, the
 * read-back's yes/no) and free questions, each said whole or cut at word boundaries by mid-turn
 * pauses, in several espeak-ng voices and rates, through 8 kHz G.711 μ-law with line noise.
 * Every row: `id`, `language`, `audio` (16 kHz mono WAV of the μ-law line), `silence_spans`
 * (each pause ≥ 100 ms; the last is the true end of turn), `messages` (the bot's prompt), `words`
 * (word timings, estimated by syllables), and `expect` (what the dialog waits for).
 *
 *   npx tsx bench/eot-set.ts [--out .tmp/eot-set-ru]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LINE_RATE, synthesizeCaller, trimSilence, wordEnds } from '../agent-host/src/audio/caller-voice.ts';
import { LineNoise, speechRms } from '../agent-host/src/audio/line.ts';
import { monoWav, readMonoWav } from '../agent-host/src/audio/wav.ts';
import type { CollectField, EnumOption } from '../core/config/bot-config.ts';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import { fieldKind } from '../core/engine/field-kind.ts';
import type { TurnExpectation } from '../core/turn/index.ts';
import { picker, sayGroup } from './audio-scripts.ts';

/** One turn of the set, as written to rows.jsonl. */
export interface EotRow {
  id: string;
  language: 'ru';
  audio: string;
  sample_rate: number;
  silence_spans: { start: number; end: number }[];
  messages: { role: 'assistant' | 'user'; content: string }[];
  words: { word: string; start: number; end: number }[];
  expect: TurnExpectation;
  text: string;
  voice: string;
  words_per_minute: number;
  snr_db: number;
  source: string;
}

const VOICES = ['ru', 'ru+m3', 'ru+f3', 'ru+m1'];
const RATES = [140, 165, 190];
const SNRS = [20, 25, 30, 35];
/** Mid-turn pauses, s: hesitations to dictation gaps. */
const PAUSES = [0.25, 0.35, 0.5, 0.7, 0.9, 1.2, 1.6, 2.2];
const LEAD_S = 0.3;
const TAIL_S = 3;

const optionWords = (o: EnumOption) => (typeof o === 'string' ? [o] : [o.value, ...o.synonyms]).map((w) => w.toLowerCase());

/** What callers say to a field's prompt; `|` is a mid-turn pause (a cut at a word boundary). */
function answers(field: CollectField, seed: number): string[] {
  const r = picker(seed);
  const kind = fieldKind(field);
  const phone = () => {
    const d = `9${r.between(10, 99)}${r.between(100, 999)}${r.between(10, 99)}${r.between(10, 99)}`;
    return [d.slice(0, 3), d.slice(3, 6), d.slice(6, 8), d.slice(8, 10)].map(sayGroup);
  };
  switch (kind) {
    case 'phone': {
      const [a, b, c, d] = [phone(), phone(), phone(), phone()];
      return [`восемь ${a.join(' ')}`, `восемь ${b[0]} | ${b[1]} | ${b[2]} ${b[3]}`, `${c[0]} ${c[1]} | ${c[2]} ${c[3]}`, `плюс семь | ${d.join(' ')}`, `восемь | ${a[0]} ${a[1]} | ${a[2]} | ${a[3]}`];
    }
    case 'date':
      return ['в пятницу', 'двадцать восьмого | ноября', 'давайте | на завтра', 'на следующей неделе | в среду', 'первого | декабря', 'в понедельник'];
    case 'time':
      return ['в три часа дня', 'в половине | пятого', 'часов в | одиннадцать', 'в десять утра', 'после | шести вечера', 'в двенадцать'];
    case 'name':
      return ['ольга', 'меня зовут | анна', 'сергей | петрович', 'записывайте на | марину'];
    case 'number':
      return ['два', 'три | или четыре', 'один зуб', 'наверное | пять'];
    case 'enum': {
      const words = (field.options ?? []).flatMap(optionWords);
      const pick = () => r.pick(words);
      return [pick(), `ну | ${pick()}`, `мне | ${pick()}`, `${pick()} | наверное`, pick()];
    }
    default:
      return ['киа рио', 'тойота | камри', 'пока не знаю', 'тысяч | пятьдесят'];
  }
}

const CONFIRM = ['да', 'да все верно', 'нет | давайте в субботу', 'да | записывайте', 'угу', 'нет | телефон другой'];
const OPEN = ['сколько стоит | маникюр', 'а вы работаете | в воскресенье', 'подскажите пожалуйста | где вы находитесь', 'а можно | оплатить картой', 'хочу записаться на | пятницу', 'у вас есть парковка', 'добрый день', 'мне нужно | перенести запись'];

/** Every (prompt, expectation, answer) of the bundled configs, plus read-back answers and free questions. */
export function setPrompts(scenarioDir = 'scenarios'): { source: string; prompt: string; expect: TurnExpectation; text: string }[] {
  const out: { source: string; prompt: string; expect: TurnExpectation; text: string }[] = [];
  for (const file of readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = parseBotConfigText(readFileSync(join(scenarioDir, file), 'utf8'));
    if (!parsed.ok) continue;
    const name = file.replace(/\.yaml$/, '');
    for (const [si, scenario] of parsed.config.scenarios.entries()) {
      for (const [fi, field] of scenario.collect_fields.entries()) {
        const kind = fieldKind(field);
        const expect: TurnExpectation = kind === 'enum' && field.options ? { kind: 'field', field: kind, options: field.options } : { kind: 'field', field: kind };
        for (const text of answers(field, 1000 * si + 31 * fi + name.length)) out.push({ source: `${name}/${field.name}`, prompt: field.prompt, expect, text });
      }
    }
    for (const text of CONFIRM) out.push({ source: `${name}/confirm`, prompt: 'Давайте проверим. Всё верно?', expect: { kind: 'confirm' }, text });
    for (const text of OPEN) out.push({ source: `${name}/open`, prompt: parsed.config.greeting, expect: { kind: 'open' }, text });
  }
  return out;
}

/** Write the set into `dir` (rows.jsonl + audio/); deterministic. Returns the rows. */
export async function generateEotSet(dir: string): Promise<EotRow[]> {
  mkdirSync(join(dir, 'audio'), { recursive: true });
  const r = picker(7);
  const rows: EotRow[] = [];
  // Each answer twice: two voices, rates and noise levels.
  for (const [i, p] of setPrompts().flatMap((q) => [q, q]).entries()) {
    const voice = VOICES[i % VOICES.length]!;
    const rate = r.pick(RATES);
    const snr = r.pick(SNRS);
    const chunks = p.text.split('|').map((c) => c.trim()).filter(Boolean);
    const pcms = await Promise.all(chunks.map(async (c) => trimSilence(await synthesizeCaller(c, { voice, wordsPerMinute: rate, telephone: true }))));
    const pauses = chunks.slice(1).map(() => r.pick(PAUSES));
    const lead = Math.round(LEAD_S * LINE_RATE);
    const total = lead + pcms.reduce((a, b) => a + b.length, 0) + pauses.reduce((a, b) => a + Math.round(b * LINE_RATE), 0) + TAIL_S * LINE_RATE;
    const pcm = new Int16Array(total);
    const words: EotRow['words'] = [];
    const spans: EotRow['silence_spans'] = [];
    let at = lead;
    for (const [ci, chunk] of pcms.entries()) {
      pcm.set(chunk, at);
      let start = at;
      for (const w of wordEnds(chunks[ci]!, chunk.length)) {
        words.push({ word: w.text, start: start / LINE_RATE, end: (at + w.end) / LINE_RATE });
        start = at + w.end;
      }
      at += chunk.length;
      const gap = ci < pauses.length ? Math.round(pauses[ci]! * LINE_RATE) : total - at;
      spans.push({ start: at / LINE_RATE, end: (at + gap) / LINE_RATE });
      at += gap;
    }
    new LineNoise(snr, speechRms(pcm), i + 1).addTo(pcm);
    const id = `ru-${String(i).padStart(4, '0')}`;
    writeFileSync(join(dir, 'audio', `${id}.wav`), monoWav(pcm, LINE_RATE));
    rows.push({
      id, language: 'ru', audio: `audio/${id}.wav`, sample_rate: LINE_RATE, silence_spans: spans,
      messages: [{ role: 'assistant', content: p.prompt }], words, expect: p.expect, text: chunks.join(' '),
      voice, words_per_minute: rate, snr_db: snr, source: p.source,
    });
  }
  writeFileSync(join(dir, 'rows.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  return rows;
}

/** The set in `dir` (generated there first if missing), with each row's audio. */
export async function loadEotSet(dir: string): Promise<{ row: EotRow; pcm: Int16Array }[]> {
  const rows = existsSync(join(dir, 'rows.jsonl'))
    ? readFileSync(join(dir, 'rows.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as EotRow)
    : await generateEotSet(dir);
  return rows.map((row) => ({ row, pcm: readMonoWav(readFileSync(join(dir, row.audio))).pcm }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: '.tmp/eot-set-ru' } } });
  const rows = await generateEotSet(values.out);
  const holds = rows.reduce((n, r) => n + r.silence_spans.length - 1, 0);
  console.log(`${rows.length} turns, ${holds} mid-turn pauses, in ${values.out}`);
}
