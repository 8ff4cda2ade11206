import { readNumeral } from '../text/numbers.ts';
import { wordTokens, type Token } from '../text/tokens.ts';
import type { Extracted } from './types.ts';

/** A run of digits said or written as one group: "916", "сто двадцать три", "8". */
interface Piece {
  digits: string;
  start: number;
  end: number;
  /** Separator text before this piece (from the previous piece's end). */
  gap: string;
}

// What may stand between the groups of one phone number.
const JOINER_RE = /^[\s\-().,+]*$/;

function readPieces(text: string, tokens: readonly Token[]): Piece[][] {
  const chains: Piece[][] = [];
  let chain: Piece[] = [];
  let lastEnd = -1;
  let plusAt = -1;
  const close = () => {
    if (chain.length > 0) chains.push(chain);
    chain = [];
  };
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    let piece: Piece | null = null;
    let next = i + 1;
    if (t.digits) {
      piece = { digits: t.text, start: t.start, end: t.end, gap: '' };
    } else if (t.text === 'плюс') {
      close();
      plusAt = t.start;
      lastEnd = t.end;
      i++;
      continue;
    } else {
      const n = readNumeral(text, tokens, i);
      if (n && !n.ordinal && n.value < 1000) {
        piece = { digits: String(n.value), start: t.start, end: tokens[n.to - 1]!.end, gap: '' };
        next = n.to;
      }
    }
    if (!piece) {
      close();
      plusAt = -1;
      i++;
      continue;
    }
    const gap = lastEnd >= 0 ? text.slice(lastEnd, piece.start) : '';
    if (chain.length > 0 && !JOINER_RE.test(gap)) close();
    if (chain.length === 0 && plusAt >= 0 && JOINER_RE.test(text.slice(lastEnd, piece.start))) piece.start = plusAt;
    else if (chain.length === 0 && text[piece.start - 1] === '+') piece.start -= 1;
    piece.gap = chain.length > 0 ? gap : '';
    chain.push(piece);
    plusAt = -1;
    lastEnd = piece.end;
    i = next;
  }
  close();
  return chains;
}

/** Joined digits → E.164 '+7…': 11 digits starting with 7/8, or 10 starting with 9; else null. */
export function phoneFrom(digits: string): string | null {
  if (digits.length === 11 && (digits[0] === '7' || digits[0] === '8')) return '+7' + digits.slice(1);
  if (digits.length === 10 && digits[0] === '9') return '+7' + digits;
  return null;
}

/** The next piece begins a phone of its own rather than continuing this one. */
function startsNewNumber(p: Piece | undefined): boolean {
  return !p || p.gap.includes(',') || p.gap.includes('+') || p.digits.length >= 10;
}

/**
 * Russian phone numbers → E.164 '+7XXXXXXXXXX', written or dictated: "8 916 123-45-67", "+7 (916) 123 45 67",
 * "9161234567", "восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь", "8 916 сто двадцать три 45 67".
 * After joining the groups there must be exactly 11 digits starting with 7/8, or 10 starting with 9.
 */
export function extractPhones(text: string): Extracted<string>[] {
  const tokens = wordTokens(text);
  const out: Extracted<string>[] = [];
  for (const chain of readPieces(text, tokens)) {
    let from = 0;
    for (let s = 0; s < chain.length; s++) {
      // A number starts the chain, right after another number, or clearly apart ("5 916 123 45 67" is not a phone).
      if (s !== from && !startsNewNumber(chain[s])) continue;
      const first = chain[s]!.digits[0];
      if (first !== '7' && first !== '8' && first !== '9') continue;
      const target = first === '9' ? 10 : 11;
      let digits = '';
      let e = s;
      while (e < chain.length && digits.length < target) digits += chain[e++]!.digits;
      const phone = digits.length === target ? phoneFrom(digits) : null;
      if (!phone || !startsNewNumber(chain[e])) continue;
      out.push({ value: phone, start: chain[s]!.start, end: chain[e - 1]!.end });
      from = e;
      s = e - 1;
    }
  }
  return out;
}
