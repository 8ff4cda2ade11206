import { breakLongWords, splitByTokens, splitParagraphs, splitSentences, splitWords } from './split.ts';

/** One logical part of a parsed document: a PDF page, a DOCX/Markdown section, a CSV row. */
export interface DocSection {
  text: string;
  /** 1-based page number (PDF only). */
  page?: number | null;
  /** Heading the text sits under, if any. */
  section?: string | null;
}

/** A piece of a document small enough to index and to quote in a prompt. */
export interface DocChunk {
  /** 0-based position in the document. */
  ord: number;
  text: string;
  tokenCount: number;
  source: string;
  page: number | null;
  section: string | null;
}

/** Counts tokens of a text with the tokenizer of the caller's choice (injected: core has no tokenizer). */
export type CountTokens = (text: string) => number;

export interface ChunkOptions {
  /** File name shown as the chunk's source. */
  source: string;
  countTokens: CountTokens;
  /** Upper bound of a chunk, in tokens. */
  maxTokens?: number;
  /** Tokens repeated from the end of the previous chunk of the same section. */
  overlap?: number;
}

export const DEFAULT_CHUNKING = { maxTokens: 500, overlap: 50 } as const;

interface Unit {
  text: string;
  tokens: number;
  /** What joins it to the unit before it in one chunk. */
  sep: string;
}

/**
 * Cut a parsed document into chunks of at most `maxTokens` tokens, each carrying source, page and section.
 * Chunks never cross sections (so page and section stay true); inside a section whole paragraphs are packed
 * first, over-long paragraphs are cut at sentences, over-long sentences at words; each chunk after the first
 * of a section starts with up to `overlap` tokens (whole sentences when they fit) from the end of the one before.
 * @example chunkDocument([{ text, page: 1 }], { source: 'price.pdf', countTokens })
 */
export function chunkDocument(sections: readonly DocSection[], opts: ChunkOptions): DocChunk[] {
  const maxTokens = opts.maxTokens ?? DEFAULT_CHUNKING.maxTokens;
  const overlap = Math.min(opts.overlap ?? DEFAULT_CHUNKING.overlap, Math.floor(maxTokens / 2));
  const out: DocChunk[] = [];
  for (const s of sections) {
    for (const { text, tokens } of chunkSection(s.text, maxTokens, overlap, opts.countTokens)) {
      out.push({ ord: out.length, text, tokenCount: tokens, source: opts.source, page: s.page ?? null, section: s.section ?? null });
    }
  }
  return out;
}

function chunkSection(text: string, max: number, overlap: number, count: CountTokens): { text: string; tokens: number }[] {
  const pending = toUnits(text, max, count);
  // A cursor, not shift()/unshift(): those move the whole array, quadratic for a section of 200 000 short sentences.
  let next = 0;
  const out: { text: string; tokens: number }[] = [];
  let cur: Unit[] = [];
  let curTokens = 0;
  let withOverlap = false; // cur[0] is the tail of the previous chunk

  const dropOverlap = () => {
    cur.shift();
    withOverlap = false;
    curTokens = cur.reduce((n, u, i) => n + u.tokens + (i ? 1 : 0), 0);
  };
  const emit = () => {
    let joined = join(cur);
    let tokens = count(joined);
    // Token counts of parts do not add up exactly (BPE merges across joins): give units back until it fits.
    while (tokens > max && cur.length > (withOverlap ? 2 : 1)) {
      pending[--next] = cur.pop()!; // it came from pending, so its slot is free again
      joined = join(cur);
      tokens = count(joined);
    }
    if (tokens > max && withOverlap) {
      dropOverlap();
      joined = join(cur);
      tokens = count(joined);
    }
    out.push({ text: joined, tokens });
    const tail = overlap > 0 ? tailWithin(joined, overlap, count) : '';
    cur = tail ? [{ text: tail, tokens: count(tail), sep: '' }] : [];
    curTokens = cur[0]?.tokens ?? 0;
    withOverlap = cur.length > 0;
  };
  const hasFresh = () => cur.length > (withOverlap ? 1 : 0);

  while (next < pending.length) {
    const unit = pending[next++]!;
    if (hasFresh() && curTokens + unit.tokens + 1 > max) emit();
    if (!hasFresh() && withOverlap && curTokens + unit.tokens + 1 > max) dropOverlap();
    cur.push(unit);
    curTokens += unit.tokens + (cur.length > 1 ? 1 : 0);
  }
  if (hasFresh()) emit();
  return out;
}

/** Paragraphs that fit whole, else their lines and sentences, else word runs, each with its token count. */
function toUnits(text: string, max: number, count: CountTokens): Unit[] {
  const units: Unit[] = [];
  for (const para of splitParagraphs(breakLongWords(text))) {
    const tokens = count(para);
    if (tokens <= max) {
      units.push({ text: para, tokens, sep: '\n\n' });
      continue;
    }
    let first = true;
    for (const line of para.split('\n')) {
      let lineStart = true;
      for (const sentence of splitSentences(line)) {
        const sep = first ? '\n\n' : lineStart ? '\n' : ' ';
        for (const [i, piece] of fitSentence(sentence, max, count).entries()) units.push({ ...piece, sep: i ? ' ' : sep });
        first = false;
        lineStart = false;
      }
    }
  }
  return units;
}

/** A sentence as one piece, or as runs of words of at most `max` tokens. */
function fitSentence(sentence: string, max: number, count: CountTokens): { text: string; tokens: number }[] {
  const tokens = count(sentence);
  if (tokens <= max) return [{ text: sentence, tokens }];
  const pieces: { text: string; tokens: number }[] = [];
  let run: string[] = [];
  let runTokens = 0;
  const flush = () => {
    if (run.length) pieces.push({ text: run.join(' '), tokens: count(run.join(' ')) });
    run = [];
    runTokens = 0;
  };
  for (const word of splitWords(sentence)) {
    const t = count(word);
    if (t > max) {
      flush();
      for (const part of splitByTokens(word, max, count)) pieces.push({ text: part, tokens: count(part) });
      continue;
    }
    if (runTokens + t + 1 > max) flush();
    run.push(word);
    runTokens += t + 1;
  }
  flush();
  return pieces;
}

function join(units: readonly Unit[]): string {
  return units.map((u, i) => (i === 0 ? u.text : (u.sep || ' ') + u.text)).join('');
}

/** The end of `text` within `budget` tokens: whole trailing sentences if any fit, else trailing words. */
export function tailWithin(text: string, budget: number, count: CountTokens): string {
  const sentences = splitSentences(text);
  let tail = '';
  for (let i = sentences.length - 1; i >= 0; i--) {
    const next = tail ? `${sentences[i]} ${tail}` : sentences[i]!;
    if (count(next) > budget) break;
    tail = next;
  }
  if (tail) return tail;
  const words = splitWords(text);
  for (let i = words.length - 1; i >= 0; i--) {
    const next = tail ? `${words[i]} ${tail}` : words[i]!;
    if (count(next) > budget) break;
    tail = next;
  }
  return tail;
}
