/** A word or digit run of a text, with its span [start, end) in the ORIGINAL string. */
export interface Token {
  /** Lower case, `ё` → `е`. */
  text: string;
  start: number;
  end: number;
  /** True for a run of digits. */
  digits: boolean;
}

const TOKEN_RE = /\p{L}+(?:-\p{L}+)*|\d+/gu;

/**
 * Lower case with `ё` → `е`, keeping every index of the original string, so that regex
 * positions found on the result are valid spans in the input.
 */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower.replace(/ё/g, 'е');
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out.replace(/ё/g, 'е');
}

/**
 * Words (letters, hyphenated words kept whole: "что-то") and digit runs with spans.
 * @example wordTokens('В 15:30, Анна') // в[0,1) 15[2,4) 30[5,7) анна[9,13)
 */
export function wordTokens(text: string): Token[] {
  const lower = lowerSameLength(text);
  const out: Token[] = [];
  for (const m of lower.matchAll(TOKEN_RE)) {
    const start = m.index;
    const word = m[0];
    out.push({ text: word, start, end: start + word.length, digits: word.charCodeAt(0) <= 57 });
  }
  return out;
}

/** True when only spaces separate tokens `a` and `b` (they are adjacent words of one phrase). */
export function spaceBetween(text: string, a: Token, b: Token): boolean {
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 160) return false;
  }
  return true;
}
