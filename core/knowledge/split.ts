/**
 * Text units the chunker packs: paragraphs first, then sentences, then words.
 * Pure string functions, no tokenizer.
 */

/** Paragraphs: blocks separated by blank lines, trimmed, empty ones dropped. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

// A sentence ends at . ! ? … (with closing quotes/brackets) followed by space and an upper-case letter,
// a digit or an opening quote; a lower-case continuation ("т. д. и") does not end it. Line breaks inside
// a paragraph (list items, table rows) also end a sentence.
const SENTENCE_END = /(?<=[.!?…]["»”)\]]*)[ \t\u00a0]+(?=["«“(\[]?[\p{Lu}\d])|[ \t]*\n+[ \t]*/gu;

/**
 * Sentences of one paragraph, in order; joining them with a space (or a newline where the paragraph had one)
 * gives the paragraph back up to whitespace.
 * @example splitSentences('Мы открыты. Ждём вас!') // ['Мы открыты.', 'Ждём вас!']
 */
export function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Longest run of non-space characters the chunker hands to a tokenizer whole (BPE is quadratic in it). */
export const MAX_WORD_CHARS = 200;
const LONG_WORD = new RegExp(`\\S{${MAX_WORD_CHARS + 1},}`, 'g');

/**
 * `text` with every run of more than `MAX_WORD_CHARS` non-space characters (a base64 blob, a 100k-character
 * "word") cut into space-separated pieces, so no tokenizer call ever sees a long unbroken word.
 * @example breakLongWords('a'.repeat(450)) // 'aaa…a aaa…a aaa…a' (200 + 200 + 50)
 */
export function breakLongWords(text: string): string {
  return text.replace(LONG_WORD, (run) => {
    const parts: string[] = [];
    for (let i = 0; i < run.length; i += MAX_WORD_CHARS) parts.push(run.slice(i, i + MAX_WORD_CHARS));
    return parts.join(' ');
  });
}

/** Whitespace-separated words. */
export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * Cut `text` (one over-long "word", e.g. a URL or a table cell without spaces) into pieces of at most
 * `maxTokens` tokens each.
 */
export function splitByTokens(text: string, maxTokens: number, countTokens: (s: string) => number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest) {
    // Largest prefix that fits (binary search; token counts grow with the prefix). The cap keeps each probe cheap.
    let lo = 1;
    let hi = Math.min(rest.length, Math.max(1, maxTokens) * 8);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (countTokens(rest.slice(0, mid)) <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    out.push(rest.slice(0, lo));
    rest = rest.slice(lo);
  }
  return out;
}
