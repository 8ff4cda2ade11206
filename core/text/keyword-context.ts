import { stemWord } from './stem.ts';
import { spaceBetween, type Token } from './tokens.ts';

/**
 * Words that may stand between "не" and the word it negates: prepositions, intensifiers and the verbs that
 * carry a refusal ("не хочу записываться", "не надо меня записывать", "не в этом месяце", "не очень срочно").
 */
const NEGATION_SCOPE = new Set([
  'в', 'во', 'на', 'к', 'ко', 'с', 'со', 'по', 'за', 'у', 'для', 'до', 'из', 'от',
  'очень', 'особо', 'особенно', 'слишком', 'так', 'уж', 'сильно', 'обязательно',
  'хочу', 'хотим', 'хотел', 'хотела', 'хотели', 'хочется', 'буду', 'будем', 'будет', 'надо', 'нужно', 'стану',
  'собираюсь', 'собираемся', 'планирую', 'планируем', 'меня', 'нас', 'нам', 'мне', 'его', 'ее',
]);
/** After the word: "записываться не надо", "мастер не нужен", "удалять не хочу". */
const NEGATED_AFTER = new Set([
  'надо', 'нужно', 'нужен', 'нужна', 'нужны', 'хочу', 'хотим', 'хочется', 'буду', 'будем', 'стоит', 'требуется', 'планирую', 'собираюсь',
]);
const MAX_SCOPE = 3;

function joined(text: string | undefined, a: Token, b: Token): boolean {
  return text === undefined || spaceBetween(text, a, b);
}

/**
 * Whether the word at `tokens[i]` is negated: "не" before it (up to three scope words apart, within one
 * clause) or "не надо/не хочу/…" right after it. Punctuation ends the scope when `text` is given.
 * @example isNegated(wordTokens('не хочу записываться'), 2) // true
 */
export function isNegated(tokens: readonly Token[], i: number, text?: string): boolean {
  for (let j = i - 1, steps = 0; j >= 0 && steps <= MAX_SCOPE; j--, steps++) {
    if (!joined(text, tokens[j]!, tokens[j + 1]!)) break;
    const w = tokens[j]!.text;
    if (w === 'не') return true;
    if (!NEGATION_SCOPE.has(w)) break;
  }
  const ne = tokens[i + 1];
  const verb = tokens[i + 2];
  return (
    ne?.text === 'не' && verb !== undefined && NEGATED_AFTER.has(verb.text) &&
    joined(text, tokens[i]!, ne) && joined(text, ne, verb)
  );
}

// "на ТО", "пройти ТО", "плановое ТО": words after which a short abbreviation is the thing itself.
const ABBREVIATION_LEAD = new Set([
  'на', 'пройти', 'пройду', 'пройдем', 'сделать', 'сделаем', 'плановое', 'плановый', 'очередное', 'очередной', 'для',
  'после', 'нужно', 'надо', 'про',
]);
// "то есть", "то что", "то же", "то ли": the pronoun, not the abbreviation.
const PRONOUN_NEXT = new Set(['есть', 'что', 'чтобы', 'же', 'ли', 'и', 'самое', 'самый', 'самая', 'бишь', 'там', 'тут']);

/**
 * The rule for keywords of one or two letters ("ТО" = техобслуживание), which collide with everyday words
 * ("то есть", "а то"): the word matches when it is written in capitals in the caller's text ("ТО"), when it is
 * the whole utterance ("то"), or when a word that takes a service stands right before it ("на то",
 * "пройти то", "плановое то", or one of `leads` (stems of the field's own words: "категории би")) and no pronoun phrase
 * follows ("на то, чтобы" and "то есть" do not count).
 */
export function standsAsAbbreviation(tokens: readonly Token[], i: number, text?: string, leads?: ReadonlySet<string>): boolean {
  const t = tokens[i]!;
  if (text !== undefined) {
    const raw = text.slice(t.start, t.end);
    if (raw.length >= 2 && raw === raw.toUpperCase() && raw !== raw.toLowerCase()) return true;
  }
  if (tokens.length === 1) return true;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (!prev || !(ABBREVIATION_LEAD.has(prev.text) || leads?.has(stemWord(prev.text))) || !joined(text, prev, t)) return false;
  return !next || !PRONOUN_NEXT.has(next.text) || !joined(text, t, next);
}
