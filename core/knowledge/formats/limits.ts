import { DocumentParseError } from './types.ts';

/**
 * What one document may cost to index. Every parser stays linear in its input and stops at these caps, so the
 * worst file of the 20 MB upload limit still ends (`ready` or `failed`) within a few seconds of CPU.
 */
export const INGEST_LIMITS = {
  /** Bytes a DOCX (document.xml + styles.xml) or a PDF (all its FlateDecode streams) may inflate to, counted while inflating. */
  maxInflatedBytes: 24 * 1024 * 1024,
  /** Characters of extracted text (≈ 400 pages of prose). */
  maxChars: 1_000_000,
  /** Pages of a PDF. */
  maxPages: 1_000,
  /** Chunks (and sections) per document. */
  maxChunks: 20_000,
  /** Characters the tokenizer may read for one document, all chunking passes together (a multiple of maxChars). */
  maxTokenizedChars: 12_000_000,
} as const;

export type IngestLimits = { [K in keyof typeof INGEST_LIMITS]: number };

const num = (n: number) => n.toLocaleString('ru-RU');

/** A document with more text than `maxChars` fails at once with a reason the company can act on. */
export function assertTextWithin(chars: number, limits: IngestLimits = INGEST_LIMITS): void {
  if (chars > limits.maxChars) {
    throw new DocumentParseError(
      `Файл слишком большой: ${num(chars)} символов текста, максимум ${num(limits.maxChars)} — разделите его на части (too much text).`,
    );
  }
}
