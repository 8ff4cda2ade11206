import type { DocSection } from '../chunker.ts';

const NUMBERING = /^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+/;

/**
 * Does a line of plain text read as a heading? Short (≤ 80 characters, ≤ 10 words), starts with a capital,
 * no digits besides a leading "2.1" numbering, no sentence punctuation at the end (a colon is fine) and no
 * "label: value" inside. Used for TXT and PDF, which have no markup for headings.
 * @example looksLikeHeading('Часы работы') // true
 * @example looksLikeHeading('Стрижка женская — 1500 ₽') // false
 */
export function looksLikeHeading(line: string): boolean {
  const text = line.trim().replace(NUMBERING, '');
  if (text.length < 2 || text.length > 80) return false;
  if (!/^["«„]?\p{Lu}/u.test(text)) return false;
  if (/\d/.test(text) || /[.,;!?…—–-]$/.test(text)) return false;
  if (/:\s*\S/.test(text)) return false;
  return text.split(/\s+/).length <= 10;
}

/**
 * Collects headings and paragraphs into sections. A heading's own text stays in its section (so a search for
 * words of the heading finds the text under it); headings with no text before the next heading are kept and
 * prepended to it, and the section name carries over page breaks.
 */
export class SectionCollector {
  private readonly out: DocSection[] = [];
  private section: string | null = null;
  private headings: string[] = [];
  private body: string[] = [];
  private page: number | null = null;

  heading(text: string): void {
    if (this.body.length) this.flush();
    this.headings.push(text);
    this.section = text;
  }

  paragraph(text: string): void {
    const t = text.trim();
    if (t) this.body.push(t);
  }

  /** Start page `page` (1-based): text after this belongs to it. */
  newPage(page: number): void {
    this.flush();
    this.page = page;
  }

  finish(): DocSection[] {
    if (!this.body.length && this.headings.length) {
      this.body = this.headings;
      this.headings = [];
    }
    this.flush();
    return this.out;
  }

  private flush(): void {
    if (!this.body.length) return;
    this.out.push({ text: [...this.headings, ...this.body].join('\n\n'), page: this.page, section: this.section });
    this.headings = [];
    this.body = [];
  }
}
