import type { DocSection } from '../chunker.ts';

/** Formats the knowledge base accepts (the `format` column of knowledge_docs). */
export const DOC_FORMATS = ['pdf', 'docx', 'txt', 'md', 'csv'] as const;
export type DocFormat = (typeof DOC_FORMATS)[number];

/** What a parser makes of a file: sections in reading order, and the page count for paged formats. */
export interface ParsedDocument {
  sections: DocSection[];
  pageCount?: number;
}

/**
 * The file itself is unusable (empty, encrypted, corrupt, not the format it claims): retrying cannot help,
 * so the doc is marked `failed` with `message` as its reason, shown to the company as is.
 */
export class DocumentParseError extends Error {
  override readonly name = 'DocumentParseError';
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
