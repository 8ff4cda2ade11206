/**
 * Compressed inputs crafted to blow up when inflated, built by streaming so building them never holds the
 * inflated size in memory: DOCX zip bombs and PDFs with bombs in FlateDecode streams, a deep nesting of arrays
 * and page trees that claim a million pages. Shared by the ingest tests and bench/knowledge-adversarial.ts.
 */
import { Zip, ZipDeflate, Zlib } from 'fflate';

const MB = 2 ** 20;
const utf8 = (s: string) => new TextEncoder().encode(s);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `inflatedMb` MB of one repeated byte, compressed by `push`, 1 MB at a time. */
function pushRepeated(push: (chunk: Uint8Array, final: boolean) => void, inflatedMb: number, byte = 0x20): void {
  const block = new Uint8Array(MB).fill(byte);
  for (let i = 0; i < inflatedMb; i++) push(block, i === inflatedMb - 1);
}

/** A DOCX whose `entry` (document.xml by default) inflates to `inflatedMb` MB of spaces (1 024 MB ≈ 1 MB on disk). */
export function docxBomb(inflatedMb: number, entry = 'word/document.xml'): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  if (entry !== 'word/document.xml') {
    const doc = new ZipDeflate('word/document.xml');
    zip.add(doc);
    doc.push(utf8('<w:document><w:body><w:p><w:r><w:t>Прайс салона</w:t></w:r></w:p></w:body></w:document>'), true);
  }
  const bomb = new ZipDeflate(entry, { level: 1 });
  zip.add(bomb);
  pushRepeated((c, f) => bomb.push(c, f), inflatedMb);
  zip.end();
  return concat(parts);
}

/** zlib data of `inflatedMb` MB of spaces (a FlateDecode stream's body). */
function zlibOfSpaces(inflatedMb: number, prefix = ''): Uint8Array {
  const parts: Uint8Array[] = [];
  const z = new Zlib({ level: 1 }, (data) => parts.push(data));
  if (prefix) z.push(utf8(prefix), inflatedMb === 0);
  pushRepeated((c, f) => z.push(c, f), inflatedMb);
  return concat(parts);
}

/** A PDF of numbered objects (each `[dictionary, stream bytes?]`) with a correct xref table; object 1 is the catalog. */
function pdf(objects: readonly (readonly [string, Uint8Array?])[]): Uint8Array {
  const parts: Uint8Array[] = [utf8('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n')];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  const add = (p: Uint8Array) => {
    parts.push(p);
    size += p.length;
  };
  objects.forEach(([dict, stream], i) => {
    offsets.push(size);
    add(utf8(`${i + 1} 0 obj\n${stream ? dict.replace(/>>\s*$/, ` /Length ${stream.length} >>`) : dict}\n`));
    if (stream) {
      add(utf8('stream\n'));
      add(stream);
      add(utf8('\nendstream\n'));
    }
    add(utf8('endobj\n'));
  });
  const xref = size;
  add(utf8(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`));
  add(utf8(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return concat(parts);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const page = (contents: string) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents ${contents} >>`;

/** One page whose content stream inflates to `inflatedMb` MB (mostly spaces, then a line of text). */
export function pdfContentBomb(inflatedMb: number): Uint8Array {
  return pdf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [page('4 0 R')],
    ['<< /Filter /FlateDecode >>', zlibOfSpaces(inflatedMb, 'BT /F1 12 Tf 72 720 Td (Price list) Tj ET\n')],
    [FONT],
  ]);
}

/** A PDF whose objects sit in an object stream that inflates to `inflatedMb` MB (the objects, then padding). */
export function pdfObjectStreamBomb(inflatedMb: number): Uint8Array {
  const objs = '3 0 4 60 ';
  const body = `${objs}${page('6 0 R').padEnd(60)}${FONT.padEnd(60)}`.replace('/F1 5 0 R', '/F1 4 0 R');
  return pdf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Pages /Kids [] /Count 0 >>'],
    ['<< /Type /Pages /Kids [] /Count 0 >>'],
    [`<< /Type /ObjStm /N 2 /First ${objs.length} /Filter /FlateDecode >>`, zlibOfSpaces(inflatedMb, body)],
    ['<< /Filter /FlateDecode >>', zlibOfSpaces(0, 'BT /F1 12 Tf 72 720 Td (Price list) Tj ET\n')],
  ]);
}

/** A page whose dictionary holds arrays nested `depth` deep. */
export function pdfDeepNesting(depth: number): Uint8Array {
  return pdf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [page('4 0 R').replace(/>>$/, ` /Junk ${'['.repeat(depth)}${']'.repeat(depth)} >>`)],
    ['<< /Filter /FlateDecode >>', zlibOfSpaces(0, 'BT /F1 12 Tf 72 720 Td (Price list) Tj ET\n')],
    [FONT],
  ]);
}

/** A page tree of `fanout`² pages made of one page: a node whose kids are `fanout` references to a node of `fanout` references. */
export function pdfHugePageTree(fanout: number): Uint8Array {
  const refs = (n: number, obj: number) => Array.from({ length: n }, () => `${obj} 0 R`).join(' ');
  return pdf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    [`<< /Type /Pages /Kids [${refs(fanout, 6)}] /Count ${fanout * fanout} >>`],
    [page('4 0 R').replace('/Parent 2 0 R', '/Parent 6 0 R')],
    ['<< /Filter /FlateDecode >>', zlibOfSpaces(0, 'BT /F1 12 Tf 72 720 Td (Price list) Tj ET\n')],
    [FONT],
    [`<< /Type /Pages /Parent 2 0 R /Kids [${refs(fanout, 3)}] /Count ${fanout} >>`],
  ]);
}

/** A page tree whose only node lists itself as its kid (with an honest-looking count of one). */
export function pdfPageTreeCycle(): Uint8Array {
  return pdf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1 >>'],
    [FONT],
  ]);
}
