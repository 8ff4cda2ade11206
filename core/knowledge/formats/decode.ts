/**
 * Bytes → text for TXT/Markdown/CSV uploads: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251,
 * the usual encoding of spreadsheets exported by a Russian Excel. The 1251 table is built in because
 * workerd's TextDecoder only knows the WHATWG "utf-8"/"utf-16" family reliably.
 */

// Code points of bytes 0x80–0xBF in Windows-1251; 0xC0–0xFF are А–я (U+0410–U+044F) in order.
const CP1251_HIGH = [
  0x402, 0x403, 0x201a, 0x453, 0x201e, 0x2026, 0x2020, 0x2021, 0x20ac, 0x2030, 0x409, 0x2039, 0x40a, 0x40c, 0x40b, 0x40f,
  0x452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0xfffd, 0x2122, 0x459, 0x203a, 0x45a, 0x45c, 0x45b, 0x45f,
  0xa0, 0x40e, 0x45e, 0x408, 0xa4, 0x490, 0xa6, 0xa7, 0x401, 0xa9, 0x404, 0xab, 0xac, 0xad, 0xae, 0x407,
  0xb0, 0xb1, 0x406, 0x456, 0x491, 0xb5, 0xb6, 0xb7, 0x451, 0x2116, 0x454, 0xbb, 0x458, 0x405, 0x455, 0x457,
];

/** Windows-1251 bytes as a string. */
export function decodeCp1251(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b < 0x80 ? b : b >= 0xc0 ? 0x410 + b - 0xc0 : CP1251_HIGH[b - 0x80]!));
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Which encoding `decodeText` picked. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

/** Decode an uploaded text file; invalid UTF-8 is taken for Windows-1251. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    // The decoder drops a UTF-8 BOM itself (ignoreBOM is false by default).
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeCp1251(bytes), encoding: 'windows-1251' };
  }
}
