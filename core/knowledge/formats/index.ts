import { parseCsv } from './csv.ts';
import { parseDocx } from './docx.ts';
import { INGEST_LIMITS, type IngestLimits } from './limits.ts';
import { parsePdf } from './pdf.ts';
import { parseTxt } from './txt.ts';
import type { DocFormat, ParsedDocument } from './types.ts';

export { DocumentParseError, DOC_FORMATS, type DocFormat, type ParsedDocument } from './types.ts';
export { decodeText } from './decode.ts';
export { INGEST_LIMITS, type IngestLimits } from './limits.ts';

const BY_EXTENSION: Record<string, DocFormat> = { pdf: 'pdf', docx: 'docx', txt: 'txt', text: 'txt', md: 'md', markdown: 'md', csv: 'csv' };
const BY_MIME: Record<string, DocFormat> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'text/csv': 'csv',
  'application/csv': 'csv',
};

/**
 * The format of an upload from its file name, else its declared type; null when unsupported.
 * The extension wins because browsers send CSV as `application/vnd.ms-excel` and Markdown as `text/plain`.
 */
export function detectFormat(filename: string, contentType: string | undefined): DocFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext) return BY_EXTENSION[ext] ?? null;
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return BY_MIME[mime] ?? null;
}

/** Parse an uploaded file of a known format within `limits`; throws `DocumentParseError` for unusable files. */
export async function parseDocument(format: DocFormat, bytes: Uint8Array, limits: IngestLimits = INGEST_LIMITS): Promise<ParsedDocument> {
  switch (format) {
    case 'pdf':
      return parsePdf(bytes, limits);
    case 'docx':
      return parseDocx(bytes, limits);
    case 'csv':
      return parseCsv(bytes, limits);
    case 'txt':
    case 'md':
      return parseTxt(bytes, { markdown: format === 'md' }, limits);
  }
}
