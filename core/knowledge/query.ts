import { stemText, stemWord } from '../text/index.ts';

/**
 * Words that carry no topic in a caller's question ("Подскажите, а сколько у вас стоит ...").
 * Dropped from queries only; documents are indexed in full.
 */
const STOP_WORDS = new Set(
  (
    'а и но или да нет не ни же ли бы то это этот эта эти тот там тут здесь вот ну ещё еще уже очень просто ' +
    'я мы вы ты он она оно они мне меня нам нас вам вас тебе тебя ему его ей ее её им их мой моя мое мои ваш ваша ваше ваши наш наша наше наши свой ' +
    'в во на с со к ко по о об обо от до за из у при про для без над под через между ' +
    'как какой какая какое какие каков какова сколько что чем чего кто где куда откуда когда почему зачем ли можно нужно надо ' +
    'есть будет будут было был была быть хочу хотел хотела хотим хотелось скажите подскажите расскажите пожалуйста здравствуйте алло ' +
    // fillers of spoken questions ("эээ а сколько стоит", "короче типа")
    'э ээ эээ м мм ммм короче типа значит вообще слушайте девушка ' +
    'the a an is are was do does what how much many where when which who can you your i me my to of in on for and or'
  )
    .split(' ')
    .map(stemWord),
);

/**
 * Groups of words callers and documents use for the same thing: a question term from one group also
 * searches the others ("Сколько стоит" finds "Цена", "Во сколько открываетесь" finds "Режим работы").
 */
const SYNONYM_GROUPS: readonly string[][] = [
  ['стоит', 'стоимость', 'цена', 'цены', 'прайс', 'тариф', 'расценки', 'рублей', 'руб'],
  ['работаете', 'работает', 'открыты', 'открываетесь', 'закрываетесь', 'график', 'режим', 'часы'],
  ['адрес', 'находитесь', 'расположены', 'добраться', 'проехать', 'метро'],
  ['телефон', 'позвонить', 'номер', 'связаться'],
  ['записаться', 'запись', 'записать', 'бронь', 'забронировать'],
  ['отменить', 'отмена', 'перенести', 'перенос'],
  ['оплатить', 'оплата', 'карта', 'картой', 'наличные', 'наличными'],
  ['скидка', 'скидки', 'акция', 'акции', 'абонемент'],
  ['парковка', 'припарковаться', 'машину'],
  ['длится', 'длительность', 'продолжительность', 'долго'],
  ['подарок', 'подарочный', 'сертификат'],
  ['опоздать', 'опоздаю', 'опаздывает', 'опоздании'],
];

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  const stems = [...new Set(group.map(stemWord))];
  for (const s of stems) SYNONYMS.set(s, [...new Set([...(SYNONYMS.get(s) ?? []), ...stems])]);
}

/**
 * Stems as the FTS5 tokenizer splits them: runs of letters and digits ("15:30" → "15", "30"). Index and
 * queries both go through this, so every index token is a whole stem and can carry a per-bot prefix.
 */
function ftsTokens(stems: readonly string[]): string[] {
  return stems.flatMap((s) => s.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
}

/**
 * What goes into the full-text index for a chunk: stems of its section heading and text, space-separated.
 * The same stemmer runs on queries, so "стрижку" finds "стрижка" and "ё" matches "е".
 */
export function indexText(text: string, section?: string | null): string {
  return ftsTokens(stemText(section ? `${section}\n${text}` : text)).join(' ');
}

/** Max distinct terms a query expands to (keeps one search cheap). */
export const MAX_QUERY_TERMS = 24;

/**
 * Stems to search for a question: topic words (stop words dropped unless nothing else is left), each followed
 * by its synonyms, deduplicated.
 * @example queryTerms('Сколько стоит стрижка?') // ['стоит', 'стоимост', 'цен', …, 'стрижк']
 */
export function queryTerms(question: string): string[] {
  const stems = ftsTokens(stemText(question));
  const topical = stems.filter((s) => !STOP_WORDS.has(s));
  const base = topical.length ? topical : stems;
  const out = new Set<string>();
  for (const s of base) {
    out.add(s);
    for (const syn of SYNONYMS.get(s) ?? []) out.add(syn);
  }
  return [...out].slice(0, MAX_QUERY_TERMS);
}

/**
 * What a question asks about, for judging whether a text answers it: one group per topical word stem,
 * holding the stem and its synonyms (a text covers the word when it has any of them).
 * @example questionConcepts('Сколько стоит стрижка?') // [['сто', 'стоимост', 'цен', …], ['стрижк']]
 */
export function questionConcepts(question: string): string[][] {
  const stems = ftsTokens(stemText(question));
  const topical = stems.filter((s) => !STOP_WORDS.has(s));
  return [...new Set(topical.length ? topical : stems)].map((s) => [s, ...(SYNONYMS.get(s) ?? [])]);
}
