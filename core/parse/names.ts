import { NUMBER_WORDS } from '../text/numbers.ts';
import { spaceBetween, wordTokens, type Token } from '../text/tokens.ts';
import { AMBIGUOUS_NAMES, FIRST_NAMES, FIRST_NAME_FORMS, MALE_NAMES } from './name-list.ts';
import type { Extracted } from './types.ts';

const SURNAME_RE = /(ов|ев|ин|ын|ова|ева|ина|ына|овой|евой|иной|ыной|ский|ская|цкий|цкая|енко|ук|юк|ян|дзе|швили|ых|их)$/;
// A feminine surname in the genitive/dative/instrumental ("на имя Петровой") → nominative ("Петрова").
const FEMININE_OBLIQUE_RE = /(ов|ев|ин|ын)ой$/u;
// Adverbs that may follow "меня зовут" instead of a name ("по-разному", "по-всякому").
const ADVERB_RE = /^по-/;
const PATRONYMIC_RE = /(ович|евич|ична|овна|евна)$/;
// Words that follow "меня зовут" or stand in short answers but are never names.
const NOT_A_NAME = new Set(
  `я меня мне мой моя мое это вот ну да нет алло здравствуйте добрый день привет пожалуйста спасибо хочу хотел хотела
  хотим записаться запишите записать можно нужно надо как что кто вас вам и а но или так тоже зовут звать имя фамилия
  на в к по с у за для его ее их их всех других своих готов готова часов зубов мужчин магазин как-то если бы уже
  сейчас сегодня завтра послезавтра скажите подскажите девушка молодой человек`.split(/\s+/),
);
const FILLERS = new Set(['ну', 'э', 'эм', 'да', 'алло', 'это', 'я', 'меня', 'зовут', 'мое', 'имя', 'пожалуйста', 'вот']);

type Mode = 'free' | 'named' | 'known' | 'surname';
const SURNAME_WORDS = new Set(['фамилия', 'фамилию', 'фамилии', 'фамилией']);
// A masculine surname in the genitive, said with a masculine first name ("на имя Петрова Ивана" → "Петров").
const MASCULINE_GENITIVE_RE = /(ов|ев|ин|ын)а$/u;

function capitalize(word: string): string {
  return word
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
    .join('-');
}

function original(text: string, t: Token): string {
  return text.slice(t.start, t.end);
}

/** A surname as said, capitalized, in the nominative when its oblique form is unambiguous. */
function surname(text: string, t: Token): string {
  const word = capitalize(original(text, t));
  return FEMININE_OBLIQUE_RE.test(t.text) && !FIRST_NAMES.has(t.text) ? `${word.slice(0, -2)}а` : word;
}

function isCapitalized(text: string, t: Token): boolean {
  const c = text[t.start]!;
  return c !== c.toLowerCase();
}

/** First name at token t: nominative display, or null. `mode` says how sure the context is. */
function firstNameAt(text: string, t: Token | undefined, mode: Mode): string | null {
  if (!t || t.digits || NOT_A_NAME.has(t.text) || NUMBER_WORDS.has(t.text) || ADVERB_RE.test(t.text)) return null;
  if (FIRST_NAMES.has(t.text)) return capitalize(original(text, t));
  if (mode !== 'known' && FIRST_NAME_FORMS.has(t.text)) return FIRST_NAME_FORMS.get(t.text)!;
  if (mode === 'free' && t.text.length >= 2) return capitalize(original(text, t));
  if ((mode === 'named' || mode === 'surname') && (isCapitalized(text, t) || SURNAME_RE.test(t.text))) return surname(text, t);
  if (mode === 'surname' && t.text.length >= 3) return surname(text, t);
  return null;
}

function isFamilyPart(text: string, prev: Token, t: Token | undefined): boolean {
  if (!t || !spaceBetween(text, prev, t) || t.digits || t.text.length < 4 || NOT_A_NAME.has(t.text) || NUMBER_WORDS.has(t.text) || FIRST_NAMES.has(t.text)) return false;
  return SURNAME_RE.test(t.text) || PATRONYMIC_RE.test(t.text) || isCapitalized(text, t);
}

/** A full name starting at token k: first name, then up to two patronymic/surname words; or "Петров Иван". */
function readName(text: string, tokens: readonly Token[], k: number, mode: Mode): Extracted<string> | null {
  const t = tokens[k];
  if (!t) return null;
  const next = tokens[k + 1];
  const nextName = next ? (FIRST_NAMES.get(next.text) ?? (mode !== 'known' ? FIRST_NAME_FORMS.get(next.text) : undefined)) : undefined;
  if (next && nextName && spaceBetween(text, t, next) && isFamilyPart(text, t, t) && !FIRST_NAMES.has(t.text) && SURNAME_RE.test(t.text)) {
    return { value: `${familyAgreeing(text, t, next)} ${nextName}`, start: t.start, end: next.end };
  }
  const first = firstNameAt(text, t, mode);
  if (!first) return null;
  const parts = [first];
  let end = t.end;
  for (let j = k + 1; j <= k + 2 && isFamilyPart(text, tokens[j - 1]!, tokens[j]); j++) {
    parts.push(surname(text, tokens[j]!));
    end = tokens[j]!.end;
  }
  return { value: parts.join(' '), start: t.start, end };
}

/** A surname said before a first name, in the nominative: "Петрова Ивана" (both genitive) → "Петров". */
function familyAgreeing(text: string, t: Token, next: Token): string {
  const oblique = !FIRST_NAMES.has(next.text) && FIRST_NAME_FORMS.has(next.text);
  const male = oblique && MALE_NAMES.has(FIRST_NAME_FORMS.get(next.text)!);
  if (male && MASCULINE_GENITIVE_RE.test(t.text)) return capitalize(original(text, t)).slice(0, -1);
  return surname(text, t);
}

function triggered(text: string, tokens: readonly Token[]): Extracted<string>[] {
  const out: Extracted<string>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.text;
    let mode: Mode | null = null;
    if (w === 'зовут' || w === 'звать') mode = 'free';
    else if (w === 'имя') mode = 'named';
    else if (SURNAME_WORDS.has(w)) mode = 'surname';
    else if (w === 'я' || (w === 'это' && tokens.slice(0, i).every((x) => FILLERS.has(x.text) || x.text === 'здравствуйте'))) mode = 'known';
    if (!mode) continue;
    const name = readName(text, tokens, i + 1, mode);
    if (name) {
      out.push(name);
      i = tokens.findIndex((x) => x.end === name.end);
    }
  }
  return out;
}

/**
 * Person names: "меня зовут Анна", "это Иван Петров", "Анна" as the whole answer, lowercase speech-to-text
 * ("меня зовут анна" → "Анна"), "на имя Ольги" → "Ольга". Names from a built-in list are brought to the
 * nominative, and so are feminine surnames in -овой/-евой/-иной/-ыной ("на имя Петровой" → "Петрова");
 * after "зовут" any word but an adverb ("по-разному") is taken as the name. Values are capitalized.
 */
export function extractNames(text: string, opts: { asked?: boolean } = {}): Extracted<string>[] {
  const tokens = wordTokens(text).filter((t) => !t.digits);
  if (tokens.length === 0) return [];
  const found = triggered(text, tokens);
  if (found.length > 0) return found;
  const content = tokens.filter((t) => !FILLERS.has(t.text));
  const head = content[0];
  // The answer to "как вас зовут" / "на чьё имя" may be a surname alone ("смирнова", "Орлов Игорь").
  if (opts.asked && head && content.length <= 3 && !FIRST_NAMES.has(head.text) && (SURNAME_RE.test(head.text) || isCapitalized(text, head))) {
    const name = readName(text, tokens, tokens.indexOf(head), 'surname');
    if (name && content.every((t) => t.end <= name.end)) return [name];
  }
  if (head && content.length <= 3 && FIRST_NAMES.has(head.text)) {
    const name = readName(text, tokens, tokens.indexOf(head), 'known');
    // The whole answer is the name ("Вера", "анна петрова"), so even a name that is also a word counts.
    if (name && content.every((t) => t.end <= name.end)) return [name];
  }
  // Elsewhere in a sentence only an unambiguous nominative first name counts ("анна хочу записаться").
  const out: Extracted<string>[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (!FIRST_NAMES.has(t.text) || (AMBIGUOUS_NAMES.has(t.text) && !isCapitalized(text, t))) continue;
    const name = readName(text, tokens, k, 'known');
    if (name) {
      out.push(name);
      while (k + 1 < tokens.length && tokens[k + 1]!.end <= name.end) k++;
    }
  }
  return out;
}
