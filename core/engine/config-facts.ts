import { extractDates } from '../parse/index.ts';
import { normalizeText, stemWord, tokenize } from '../text/index.ts';
import { addDaysIso } from './calendar.ts';
import type { Turn } from './handlers/turn.ts';
import { formatDateForSpeech } from './speech-format.ts';
import { hoursOn } from './validate.ts';

const PRICE_QUESTION = /(?:^| )(?:сколько стоит|стоимост\p{L}*|цен[аыу]|почем|сколько будет стоить|прайс)(?: |$)/u;
const HAS_PRICE = /\d[\d\s]*(?:₽|руб|р\.)/u;
const ADDRESS_FACT = /адрес|улиц|ул\.|проспект|пр-т|шоссе|переул|бульвар|площад|этаж|метро/iu;
const MIN_STEM = 4;

/**
 * An answer the config itself holds, before the documents are searched: the opening hours of today or of a day the
 * caller names (from `business_hours`), the address (a `company.facts` line that gives one) and any fact the question
 * shares content words with ("сколько стоит почистить пальто" → the fact with the price of a coat). A price question
 * only takes a fact that names a price. Null when the config has nothing on it.
 */
export function answerFromConfig(t: Turn, text: string): string | null {
  const norm = normalizeText(text);
  const { factQuestions } = t.pack.understanding;
  const facts = t.config.company?.facts ?? [];
  if (factQuestions.address.test(norm)) {
    const address = facts.find((f) => ADDRESS_FACT.test(f));
    if (address) return address;
  }
  if (factQuestions.hours.test(norm)) return hoursAnswer(t, text);
  return matchingFact(t, norm, facts);
}

function hoursAnswer(t: Turn, text: string): string {
  const today = t.today();
  const day = extractDates(text, t.parse).at(-1)?.value ?? today;
  const spoken = formatDateForSpeech(day, today, t.pack);
  const hours = hoursOn(t, day);
  if (hours) return t.pack.phrases.outsideHours(spoken, hours.open, hours.close, []);
  const closed = t.pack.phrases.closedDay(spoken, []);
  for (let i = 1, d = addDaysIso(day, 1); i <= 7; i++, d = addDaysIso(d, 1)) {
    const h = hoursOn(t, d);
    if (h) return `${closed} ${t.pack.phrases.outsideHours(formatDateForSpeech(d, today, t.pack), h.open, h.close, [])}`;
  }
  return closed;
}

/** The fact sharing the most content words with the question (a price question needs a fact with a price). */
function matchingFact(t: Turn, norm: string, facts: readonly string[]): string | null {
  const noise = t.pack.understanding.factNoise;
  const stems = new Set(tokenize(norm).filter((w) => w.length >= MIN_STEM && !noise.has(w)).map(stemWord));
  if (stems.size === 0) return null;
  const price = PRICE_QUESTION.test(norm);
  let best: { fact: string; score: number } | null = null;
  for (const fact of facts) {
    if (price && !HAS_PRICE.test(fact)) continue;
    const score = new Set(tokenize(fact).map(stemWord).filter((s) => stems.has(s))).size;
    if (score > 0 && (!best || score > best.score)) best = { fact, score };
  }
  return best?.fact ?? null;
}
