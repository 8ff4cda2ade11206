import { InflateBudget, measureDeflate } from './inflate-budget.ts';

const STREAM = [...'stream'].map((c) => c.charCodeAt(0));
const CR = 0x0d;
const LF = 0x0a;

/** Where the data of a `stream` keyword at `at` starts (after its end of line), or -1 when `at` is no stream keyword. */
function streamData(bytes: Uint8Array, at: number): number {
  for (let i = 1; i < STREAM.length; i++) if (bytes[at + i] !== STREAM[i]) return -1;
  // "endstream" ends a stream; "stream" must follow a dictionary (">>" then whitespace) and be followed by EOL.
  if (bytes[at - 1] === 0x64 /* d */) return -1;
  let end = at + STREAM.length;
  if (bytes[end] === CR) end++;
  if (bytes[end] !== LF && bytes[end - 1] !== CR) return -1;
  return bytes[end] === LF ? end + 1 : end;
}

/** A zlib header (CM 8, window ≤ 32 KB, check bits): what pdf.js's FlateDecode requires before it inflates. */
const zlibHeader = (b: Uint8Array, at: number) =>
  (b[at]! & 0x0f) === 8 && b[at]! >> 4 <= 7 && ((b[at]! << 8) | b[at + 1]!) % 31 === 0;

/**
 * Inflates every FlateDecode stream of a PDF once, counting the bytes that come out against `maxBytes` before pdf.js
 * reads the file: pdf.js decodes a stream whole into memory, so a 1 MB content or object stream of zeros would
 * otherwise become a 1 GiB buffer. Streams are found by their `stream` keyword, never by a `/Length` an attacker
 * wrote; each DEFLATE stream ends itself, so what follows it does not matter.
 */
export function checkPdfInflation(bytes: Uint8Array, maxBytes: number): void {
  const budget = new InflateBudget(maxBytes, 'PDF');
  for (let at = bytes.indexOf(STREAM[0]!); at >= 0; at = bytes.indexOf(STREAM[0]!, at + 1)) {
    const data = streamData(bytes, at);
    if (data < 0 || !zlibHeader(bytes, data)) continue;
    measureDeflate(bytes.subarray(data + 2), budget);
  }
}
