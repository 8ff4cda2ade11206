import { decodeText } from './decode.ts';
import { assertTextWithin, INGEST_LIMITS, type IngestLimits } from './limits.ts';
import { looksLikeHeading, SectionCollector } from './sections.ts';
import { DocumentParseError, type ParsedDocument } from './types.ts';

const ATX_HEADING = /^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/;

/** Inline Markdown reduced to its text: emphasis, code ticks, links and images. */
function stripInlineMarkdown(line: string): string {
  return line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(?=\S)([^*_`]+?)\1/g, '$2');
}

/**
 * Plain text or Markdown. Sections start at `#` headings; in plain text also at a short capitalised line that
 * opens a block (see `looksLikeHeading`). Paragraphs are blocks separated by blank lines.
 */
export function parseTxt(bytes: Uint8Array, opts: { markdown: boolean }, limits: IngestLimits = INGEST_LIMITS): ParsedDocument {
  const { text } = decodeText(bytes);
  assertTextWithin(text.length, limits);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // A heading needs text after it; one backward pass instead of scanning the rest of the file per line.
  let lastTextLine = lines.length - 1;
  while (lastTextLine >= 0 && !lines[lastTextLine]!.trim()) lastTextLine--;
  const out = new SectionCollector();
  let para: string[] = [];
  const endPara = () => {
    if (para.length) out.paragraph(para.join('\n'));
    para = [];
  };
  let inFence = false;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trimEnd();
    if (opts.markdown && /^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    const atx = inFence ? null : ATX_HEADING.exec(line);
    if (atx) {
      endPara();
      out.heading(stripInlineMarkdown(atx[1]!));
      continue;
    }
    if (!line.trim()) {
      endPara();
      continue;
    }
    const opensBlock = para.length === 0;
    if (!opts.markdown && opensBlock && i < lastTextLine && looksLikeHeading(line)) {
      out.heading(line.trim());
      continue;
    }
    para.push(opts.markdown ? stripInlineMarkdown(line) : line);
  }
  endPara();
  const sections = out.finish();
  if (!sections.length) throw new DocumentParseError('Файл пуст: в нём нет текста (the file has no text).');
  return { sections };
}
