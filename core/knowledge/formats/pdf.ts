import { extractText, getDocumentProxy } from 'unpdf';
import { checkPdfInflation } from './pdf-streams.ts';
import { assertTextWithin, INGEST_LIMITS, type IngestLimits } from './limits.ts';
import { looksLikeHeading, SectionCollector } from './sections.ts';
import { DocumentParseError, type ParsedDocument } from './types.ts';

const SENTENCE_END = /[.!?…:;]["»”)]?$/;

// A wrapped body line often ends with a preposition or conjunction; a heading never does.
const DANGLING_WORD = /\s(?:и|а|но|или|в|во|на|с|со|к|по|о|об|от|до|за|из|у|для|при|без|не|что|как)$/i;

/** A heading line stands alone: the line after it starts a new sentence (capital, digit or quote). */
function isPdfHeading(line: string, next: string | undefined): boolean {
  return next !== undefined && /^["«„\p{Lu}\d]/u.test(next) && !DANGLING_WORD.test(line) && looksLikeHeading(line);
}

/** Why pdf.js refused a file, in words a company can act on. */
function reason(err: unknown): string {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (name === 'PasswordException') return 'PDF защищён паролем — снимите защиту и загрузите снова (the PDF is password-protected).';
  if (name === 'InvalidPDFException') return 'Файл повреждён или это не PDF (the file is corrupt or not a PDF).';
  return `Не удалось прочитать PDF (cannot read the PDF): ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Text of each page via unpdf (pdf.js), so chunks keep their page numbers. Wrapped lines are joined back into
 * paragraphs; short capitalised lines become section headings. A PDF with no text layer (a scan) fails.
 */
export async function parsePdf(bytes: Uint8Array, limits: IngestLimits = INGEST_LIMITS): Promise<ParsedDocument> {
  let pages: string[];
  let totalPages: number;
  checkPdfInflation(bytes, limits.maxInflatedBytes);
  try {
    // pdf.js may transfer (detach) the buffer it is given: pass a copy.
    const pdf = await getDocumentProxy(bytes.slice());
    if (pdf.numPages > limits.maxPages) {
      await pdf.cleanup();
      throw new DocumentParseError(`В PDF ${pdf.numPages} страниц, максимум ${limits.maxPages} — разделите файл (too many pages).`);
    }
    const result = await extractText(pdf, { mergePages: false });
    pages = result.text;
    totalPages = result.totalPages;
  } catch (err) {
    if (err instanceof DocumentParseError) throw err;
    throw new DocumentParseError(reason(err), { cause: err });
  }
  assertTextWithin(pages.reduce((n, p) => n + p.length, 0), limits);
  const out = new SectionCollector();
  for (const [i, pageText] of pages.entries()) {
    out.newPage(i + 1);
    const lines = pageText.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
    let para = '';
    for (const [j, line] of lines.entries()) {
      if (isPdfHeading(line, lines[j + 1]) && (!para || SENTENCE_END.test(para))) {
        out.paragraph(para);
        para = '';
        out.heading(line);
      } else if (!para) {
        para = line;
      } else if (SENTENCE_END.test(para) && /^\P{Ll}/u.test(line)) {
        out.paragraph(para);
        para = line;
      } else {
        para += para.endsWith('-') && /^\p{Ll}/u.test(line) ? line : ` ${line}`;
      }
    }
    out.paragraph(para);
  }
  const sections = out.finish();
  if (!sections.length) {
    throw new DocumentParseError(
      'В PDF нет текстового слоя — похоже на скан; загрузите PDF с текстом или DOCX (the PDF has no text layer, e.g. a scan).',
    );
  }
  return { sections, pageCount: totalPages };
}
