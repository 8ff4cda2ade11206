import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { INGEST_LIMITS, type IngestLimits } from './limits.ts';
import { SectionCollector } from './sections.ts';
import { DocumentParseError, type ParsedDocument } from './types.ts';
import { readWordXml } from './word-xml.ts';

const WANTED = new Set(['word/document.xml', 'word/styles.xml']);

/**
 * The two parts we read, inflated by fflate's streaming unzip under a running byte budget: a zip bomb
 * (1 MB inflating to 1 GiB) is cut off after `maxInflatedBytes`, whatever sizes its headers claim.
 */
function unzipParts(bytes: Uint8Array, maxBytes: number): Map<string, Uint8Array> {
  const chunks = new Map<string, Uint8Array[]>();
  let total = 0;
  let entries = 0;
  const unzip = new Unzip((file: UnzipFile) => {
    entries++;
    if (!WANTED.has(file.name)) return;
    const parts: Uint8Array[] = [];
    chunks.set(file.name, parts);
    file.ondata = (err, data) => {
      if (err) throw err;
      total += data.length;
      if (total > maxBytes) {
        throw new DocumentParseError(
          `Документ после распаковки больше ${Math.round(maxBytes / 2 ** 20)} МБ — уменьшите его или разделите на части (the DOCX inflates too much).`,
        );
      }
      parts.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (err) {
    if (err instanceof DocumentParseError) throw err;
    throw new DocumentParseError('Файл повреждён или это не DOCX (the file is corrupt or not a DOCX).', { cause: err });
  }
  if (!entries) throw new DocumentParseError('Файл повреждён или это не DOCX (the file is corrupt or not a DOCX).');
  const out = new Map<string, Uint8Array>();
  for (const [name, parts] of chunks) {
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    out.set(name, all);
  }
  return out;
}

/**
 * A Word document: unzip (capped), read `word/document.xml` in order. Paragraphs in a heading style (built-in
 * ids, localized names such as "Заголовок 1" resolved through styles.xml, or an outline level) start sections;
 * a table row becomes one paragraph "cell | cell | cell".
 */
export function parseDocx(bytes: Uint8Array, limits: IngestLimits = INGEST_LIMITS): ParsedDocument {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocumentParseError(
      'Документ защищён паролем или это старый формат .doc — сохраните его как .docx без пароля (encrypted or legacy .doc file).',
    );
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new DocumentParseError('Файл повреждён или это не DOCX (the file is corrupt or not a DOCX).');
  const files = unzipParts(bytes, limits.maxInflatedBytes);
  const documentXml = files.get('word/document.xml');
  if (!documentXml) throw new DocumentParseError('В архиве нет word/document.xml — это не документ Word (not a Word document).');
  const decoder = new TextDecoder();
  const styles = files.get('word/styles.xml');
  const paragraphs = readWordXml(decoder.decode(documentXml), styles ? decoder.decode(styles) : '', limits);

  const out = new SectionCollector();
  for (const p of paragraphs) {
    if (p.heading) out.heading(p.text);
    else out.paragraph(p.text);
  }
  const sections = out.finish();
  if (!sections.length) throw new DocumentParseError('В документе нет текста (the document has no text).');
  return { sections };
}
