import { stemWord } from '../text/index.ts';
import { indexText, questionConcepts } from './query.ts';
import { splitSentences } from './split.ts';

/** A table row as the CSV parser writes it: `header: value` lines ("Услуга: Стрижка женская\nЦена: 1500 руб."). */
interface Row {
  name: string;
  price: string | null;
  duration: string | null;
  other: string[];
}

const NAME_KEY = /^(услуга|название|наименование|товар|позиция|процедура|service|name)/iu;
const PRICE_KEY = /^(цена|стоимость|price|прайс)/iu;
const DURATION_KEY = /^(длительность|время|продолжительность|duration)/iu;
const SKIPPED_KEY = /^(категория|раздел|группа|category|section|синоним|артикул|id|код)/iu;
const FIELD = /^([^:\n]{1,40}):[ \t]*(\S.*)$/u;

function parseRow(text: string): Row | null {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const fields = lines.map((l) => FIELD.exec(l));
  if (lines.length < 2 || fields.some((f) => !f)) return null;
  const pairs = fields.map((f) => [f![1]!.trim(), f![2]!.trim()] as const);
  const nameAt = Math.max(0, pairs.findIndex(([k]) => NAME_KEY.test(k)));
  const price = pairs.find(([k]) => PRICE_KEY.test(k));
  const duration = pairs.find(([k]) => DURATION_KEY.test(k));
  // A bare number under "Цена, руб." is a price in roubles.
  const priced = price && (/^[\d\s]+$/.test(price[1]) ? `${price[1]} руб.` : price[1]);
  return {
    name: pairs[nameAt]![1],
    price: priced ?? null,
    duration: duration?.[1] ?? null,
    other: pairs.filter((p, i) => i !== nameAt && p !== price && p !== duration && !SKIPPED_KEY.test(p[0])).map(([, v]) => v),
  };
}

const ADJECTIVE = /(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$/u;

/** "Маникюр классический" → «Классический маникюр», the order a person says it; other names stay. */
function spokenName(name: string): string {
  const words = name.split(/\s+/);
  if (words.length !== 2 || !ADJECTIVE.test(words[1]!) || ADJECTIVE.test(words[0]!)) return name;
  return `${words[1]![0]!.toUpperCase()}${words[1]!.slice(1)} ${words[0]!.toLowerCase()}`;
}

const withStop = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);

/** A row as one sentence: «Классический маникюр стоит 1200 руб.» (+ «, длится 60 мин» when asked how long). */
function rowSentence(row: Row, asksDuration: boolean): string {
  const name = spokenName(row.name);
  if (row.price) return withStop(`${name} стоит ${row.price}${asksDuration && row.duration ? `, длится ${row.duration}` : ''}`);
  if (row.duration) return withStop(`${name} длится ${row.duration}`);
  return withStop(row.other.length ? `${name}: ${row.other.join(', ')}` : name);
}

const PRICE_STEM = stemWord('стоит');
const DURATION_STEM = stemWord('длится');
const isGeneric = (group: readonly string[]) => group.includes(PRICE_STEM) || group.includes(DURATION_STEM);

/** A short line without end punctuation followed by text is a heading ("Режим работы"): not read out. */
function withoutHeadings(text: string): string {
  const lines = text.split('\n');
  return lines
    .filter((line, i) => {
      const l = line.trim();
      const last = i === lines.length - 1 || !lines.slice(i + 1).some((x) => x.trim());
      return last || !l || /[.!?…:;,]$/.test(l) || l.split(/\s+/).length > 6 || !/^[\p{Lu}\d«"]/u.test(l);
    })
    .join('\n');
}

/**
 * Extractive answer, said as sentences. Price-list rows become «Классический маникюр стоит 1200 руб.» — every row
 * among the found chunks that names an item the question asks about (each asked item once, its price never
 * dropped). Prose gives the sentences of the best chunk that cover most of the question (headings are not read),
 * in their original order. Null when nothing covers at least `minCoverage` of the question, so the engine says it
 * has no information rather than reading out something unrelated. Used by the agent-host when no LLM answers, and
 * by the panel's text chat in the Worker.
 * @example extractiveAnswer('Сколько стоит маникюр?', ['Услуга: Маникюр классический\nЦена: 1200 руб.'])
 *   // 'Классический маникюр стоит 1200 руб.'
 */
export function extractiveAnswer(question: string, chunkTexts: readonly string[], maxSentences = 2, minCoverage = 0.4): string | null {
  const concepts = questionConcepts(question);
  const best = chunkTexts[0];
  if (!best || !concepts.length) return null;
  const bestRow = parseRow(best);
  if (bestRow) return rowsAnswer(concepts, chunkTexts, minCoverage);
  const scored = splitSentences(withoutHeadings(best)).map((s, i) => {
    const words = new Set(indexText(s).split(' '));
    const hits = concepts.filter((group) => group.some((w) => words.has(w))).length;
    return { s, i, hits };
  });
  const top = Math.max(0, ...scored.map((x) => x.hits));
  // Too little of the question found in one sentence: reading it out would likely answer something else.
  if (top / concepts.length < minCoverage) return null;
  // A second sentence only if it is nearly as relevant: "стоит" alone must not drag in every price.
  const picked = scored
    .filter((x) => x.hits > 0 && x.hits >= top * 0.75)
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, maxSentences)
    .sort((a, b) => a.i - b.i);
  if (!picked.length) return null;
  return picked.map((x) => withStop(x.s)).join(' ');
}

/** Rows among the found chunks that name what the question asks about, one sentence each, each asked item once. */
function rowsAnswer(concepts: readonly (readonly string[])[], chunkTexts: readonly string[], minCoverage: number, maxRows = 3): string | null {
  const items = concepts.filter((g) => !isGeneric(g));
  const asksDuration = concepts.some((g) => g.includes(DURATION_STEM));
  const covered = new Set<readonly string[]>();
  const sentences: string[] = [];
  for (const text of chunkTexts) {
    const row = parseRow(text);
    if (!row || sentences.length >= maxRows) continue;
    const words = new Set(indexText(`${row.name} ${row.other.join(' ')}`).split(' '));
    const named = items.filter((g) => g.some((w) => words.has(w)));
    const everything = new Set(indexText(text).split(' '));
    const all = concepts.filter((g) => g.some((w) => everything.has(w)));
    const fresh = named.filter((g) => !covered.has(g));
    // The first row must answer enough of the question; later ones only if they name another asked item.
    if (sentences.length === 0 ? all.length / concepts.length < minCoverage || (items.length > 0 && !named.length) : !fresh.length) continue;
    for (const g of named) covered.add(g);
    sentences.push(rowSentence(row, asksDuration));
  }
  return sentences.length ? sentences.join(' ') : null;
}
