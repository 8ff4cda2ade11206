import type { DocFormat } from './types.ts';

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const WORD_PART = ascii('word/document.xml');
const SAMPLE = 64 * 1024;

/** Does `needle` occur in `bytes` (a linear scan; only ever for the ASCII name of a ZIP entry)? */
function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  const first = needle[0]!;
  for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    if (startsWith(bytes, needle, i)) return true;
  }
  return false;
}

/** Binary rather than text: NUL bytes or many C0 control characters in the first 64 KB (UTF-16 with a BOM is text). */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const sample = bytes.subarray(0, SAMPLE);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > sample.length / 100;
}

/** What sniffing made of an upload: the format to parse it as, or why it is refused. */
export type SniffResult = { format: DocFormat } | { refused: string };

/**
 * The format an upload really is, from its first bytes, whatever its name says: a PDF named `.txt` is parsed as
 * a PDF, a Word file named `.doc.txt` as DOCX; random binary, images, other archives and legacy Office files
 * named as text are refused.
 */
export function sniffFormat(bytes: Uint8Array, claimed: DocFormat): SniffResult {
  if (startsWith(bytes, PDF)) return { format: 'pdf' };
  if (startsWith(bytes, ZIP)) {
    if (claimed === 'docx' || contains(bytes, WORD_PART)) return { format: 'docx' };
    return { refused: 'это архив (ZIP, XLSX или другой), а не документ Word или текст' };
  }
  if (startsWith(bytes, OLE)) {
    return claimed === 'docx' ? { format: 'docx' } : { refused: 'это файл старого формата Word/Excel (.doc/.xls): сохраните его как DOCX или CSV' };
  }
  if ((claimed === 'txt' || claimed === 'md' || claimed === 'csv') && looksBinary(bytes)) {
    return { refused: 'это двоичный файл, а не текст' };
  }
  return { format: claimed };
}
