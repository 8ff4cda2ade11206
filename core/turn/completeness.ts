import { matchEnumOption } from '../parse/enum.ts';
import { MONTHS, WEEKDAYS } from '../parse/vocab.ts';
import { detectYesNo } from '../parse/yes-no.ts';
import { HALF_WORDS, NUMBER_WORDS, readNumeral } from '../text/numbers.ts';
import { wordTokens, type Token } from '../text/tokens.ts';
import type { TurnExpectation } from './expectation.ts';

/**
 * Does the caller's text so far look like a finished answer?
 * `incomplete` → wait for more (up to the max endpointing delay); `complete` → commit as soon as
 * allowed; `unknown` → leave it to the audio end-of-turn model.
 */
export type Completeness = 'complete' | 'incomplete' | 'unknown';

/** The verdict and the rule that gave it (for logs, timelines and tests). */
export interface CompletenessVerdict {
  verdict: Completeness;
  reason: string;
}

// Words a Russian phrase does not end on: prepositions, conjunctions, hesitation fillers, openings.
const TRAILING_CONTINUES = new Set([
  'в', 'во', 'на', 'к', 'ко', 'и', 'а', 'с', 'со', 'до', 'по', 'за', 'от', 'у', 'о', 'об', 'из', 'для', 'через',
  'после', 'около', 'под', 'над', 'при', 'без', 'или', 'но', 'что', 'чтобы', 'если', 'потому', 'как',
  'ну', 'э', 'ээ', 'эээ', 'эм', 'мм', 'ммм', 'короче', 'значит', 'типа',
  // openings that need a rest: "сколько …", "скажите …", "хочу …"
  'сколько', 'когда', 'где', 'куда', 'какой', 'какая', 'какое', 'какие', 'почему', 'скажите', 'подскажите', 'хочу',
]);
const RELATIVE_DAYS = new Set(['сегодня', 'завтра', 'послезавтра']);
const SHORT_ANSWER_WORDS = 3;

const verdict = (v: Completeness, reason: string): CompletenessVerdict => ({ verdict: v, reason });

/** Digits dictated so far: "восемь девятьсот шестнадцать" → "8916"; written digits count as they are. */
export function dictatedDigits(text: string, tokens: readonly Token[] = wordTokens(text)): string {
  let digits = '';
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.digits) {
      digits += t.text;
      i += 1;
      continue;
    }
    const n = readNumeral(text, tokens, i);
    if (n && !n.ordinal && n.value < 1000) {
      digits += String(n.value);
      i = n.to;
    } else i += 1;
  }
  return digits;
}

function phoneVerdict(digits: string): CompletenessVerdict {
  if (!digits) return verdict('unknown', 'no_digits');
  const full = (digits.length === 11 && /^[78]/.test(digits)) || (digits.length === 10 && digits[0] === '9');
  if (full) return verdict('complete', 'full_phone');
  if (digits.length < 11 && !(digits.length >= 10 && digits[0] === '9')) return verdict('incomplete', 'phone_digits_missing');
  return verdict('unknown', 'phone_too_long');
}

function dateVerdict(tokens: readonly Token[]): CompletenessVerdict {
  const words = tokens.map((t) => t.text);
  if (words.some((w) => MONTHS.has(w) || WEEKDAYS.has(w) || RELATIVE_DAYS.has(w))) return verdict('complete', 'date_named');
  const dayNumber = tokens.some((t) => {
    const n = t.digits ? { value: Number(t.text), ordinal: true } : NUMBER_WORDS.get(t.text);
    return n !== undefined && n.ordinal && n.value >= 1 && n.value <= 31;
  });
  return dayNumber ? verdict('incomplete', 'date_without_month') : verdict('unknown', 'no_date');
}

/** A number word that a longer numeral may follow: "двадцать", "сто", "девятьсот". */
function numberContinues(word: string): boolean {
  const n = NUMBER_WORDS.get(word);
  return n !== undefined && !n.ordinal && (n.rank === 2 || n.rank === 3);
}

/**
 * Judge whether `text` (the caller's words so far in this turn) answers `expected` in full.
 * @example judgeCompleteness('восемь девятьсот шестнадцать', { kind: 'field', field: 'phone' }) // incomplete, phone_digits_missing
 * @example judgeCompleteness('да все верно', { kind: 'confirm' }) // complete, yes_no
 */
export function judgeCompleteness(text: string, expected: TurnExpectation): CompletenessVerdict {
  const tokens = wordTokens(text);
  const last = tokens.at(-1)?.text;
  if (!last) return verdict('unknown', 'empty');
  if (TRAILING_CONTINUES.has(last)) return verdict('incomplete', 'trailing_word');
  if (HALF_WORDS.has(last) || last === 'четверть') return verdict('incomplete', 'number_continues');
  if (expected.kind === 'field' && expected.field === 'phone') {
    const v = phoneVerdict(dictatedDigits(text, tokens));
    // "… сорок пять шестьдесят" is a full number, or "шестьдесят семь" is coming: let the audio decide.
    return v.verdict === 'complete' && numberContinues(last) ? verdict('unknown', 'phone_may_continue') : v;
  }
  if (numberContinues(last)) return verdict('incomplete', 'number_continues');
  switch (expected.kind) {
    case 'confirm':
      return detectYesNo(text) !== null && tokens.length <= SHORT_ANSWER_WORDS
        ? verdict('complete', 'yes_no')
        : verdict('unknown', 'not_short_yes_no');
    case 'field':
      if (expected.field === 'date') return dateVerdict(tokens);
      if (expected.field === 'enum' && expected.options && matchEnumOption(text, expected.options)) {
        return verdict('complete', 'enum_choice');
      }
      return verdict('unknown', 'field_value_unclear');
    default:
      return verdict('unknown', 'open_question');
  }
}
