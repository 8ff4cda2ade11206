import { normalizeText } from '../text/normalize.ts';
import { damerau } from '../text/distance.ts';
import { stemWord } from '../text/stem.ts';
import type { LanguagePack } from './templates/index.ts';

/** A character range of the caller's utterance. */
export interface Span {
  start: number;
  end: number;
}

/** Blanks the spans out (same length, so other spans stay valid). */
export function maskSpans(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const s of spans) {
    if (s.end <= s.start) continue;
    out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const CORRECTION = /(?:^|[\s,.;])не\s[^]*?[\s,.;](?:а|лучше)\s+([^]+)$/iu;

/**
 * What is left of an utterance for a free-text field once recognised values, trigger words,
 * the field's own name ("услугу") and filler words ("хочу", "запишите", "пожалуйста") are cut;
 * for a correction "не X, а Y" only Y. Original spelling is kept; '' when nothing is left.
 * @example freeTextRemainder('Запишите меня на маникюр, пожалуйста', [], ru, []) // 'маникюр'
 */
export function freeTextRemainder(
  text: string,
  spans: readonly Span[],
  pack: LanguagePack,
  ownNames: readonly string[],
): string {
  let rest = maskSpans(text, spans);
  const correction = CORRECTION.exec(rest);
  if (correction?.[1]) rest = correction[1];
  const { fillerPhrases } = pack.understanding;
  const words = [...rest.matchAll(WORD)].map((m) => ({ raw: m[0], norm: normalizeText(m[0]) }));
  const dropped = new Array<boolean>(words.length).fill(false);
  for (const phrase of fillerPhrases) {
    const parts = phrase.split(' ');
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.every((p, k) => words[i + k]?.norm === p)) for (let k = 0; k < parts.length; k++) dropped[i + k] = true;
    }
  }
  const own = new Set(ownNames.map(stemWord));
  const content = words.map((w, i) => !dropped[i] && !isFiller(w.norm, pack) && !own.has(stemWord(w.norm)));
  keepNegation(words, content, dropped);
  const first = content.indexOf(true);
  const last = content.lastIndexOf(true);
  const kept = words.filter(
    (w, i) => content[i] || (i > first && i < last && first >= 0 && pack.understanding.connectors.has(w.norm)),
  );
  return kept.map((w) => w.raw).join(' ');
}

const NEGATION_REACH = 2;

/**
 * "не" stays with the content word it negates ("не включается", "чтобы не было ковров"): a value without it says the
 * opposite. The filler words between them stay too.
 */
function keepNegation(words: readonly { norm: string }[], content: boolean[], dropped: readonly boolean[]): void {
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.norm !== 'не' || dropped[i]) continue;
    for (let j = i + 1; j <= i + NEGATION_REACH && j < words.length; j++) {
      if (dropped[j]) break;
      if (!content[j]) continue;
      for (let k = i; k < j; k++) content[k] = true;
      break;
    }
  }
}

const longFillers = new WeakMap<LanguagePack, string[]>();

/** A filler word, also misspelt ("хачу", "пожалуста"): the remainder must not keep STT typos of fillers. */
function isFiller(word: string, pack: LanguagePack): boolean {
  const { fillerWords } = pack.understanding;
  if (fillerWords.has(word)) return true;
  if (word.length < 4 || /\d/.test(word)) return false;
  let long = longFillers.get(pack);
  if (!long) longFillers.set(pack, (long = [...fillerWords].filter((f) => f.length >= 4)));
  return long.some((f) => f[0] === word[0] && Math.abs(f.length - word.length) <= 1 && damerau(word, f, 1) <= 1);
}

/** True when a remainder carries real content: a word of three letters or more. */
export function isContent(remainder: string): boolean {
  return /[\p{L}\p{N}]{3,}/u.test(remainder) || /^\p{Lu}{2}$/u.test(remainder);
}
