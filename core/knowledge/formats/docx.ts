import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { InflateBudget, pushInSlices } from './inflate-budget.ts';
import { INGEST_LIMITS, type IngestLimits } from './limits.ts';
import { SectionCollector } from './sections.ts';
import { DocumentParseError, type ParsedDocument } from './types.ts';
import { readWordXml } from './word-xml.ts';

const WANTED = new Set(['word/document.xml', 'word/styles.xml']);
const corrupt = (cause?: unknown) => new DocumentParseError('Файл повреждён или это не DOCX (the file is corrupt or not a DOCX).', { cause });

/**
 * The two parts we read, as text, inflated by fflate's streaming unzip fed `INFLATE_SLICE` bytes at a time: each
 * piece that comes out is counted against the budget and decoded at once, so a zip bomb (1 MB → 1 GiB) stops
 * after `maxBytes` of output and a few MB of memory, whatever sizes its headers claim. Other entries are skipped
 * without inflating them.
 */
function unzipParts(bytes: Uint8Array, maxBytes: number): Map<string, string> {
  const budget = new InflateBudget(maxBytes, 'DOCX');
  const texts = new Map<string, string[]>();
  let entries = 0;
  const unzip = new Unzip((file: UnzipFile) => {
    entries++;
    if (!WANTED.has(file.name) || texts.has(file.name)) return;
    const parts: string[] = [];
    const decoder = new TextDecoder();
    texts.set(file.name, parts);
    file.ondata = (err, data, final) => {
      if (err) throw err;
      budget.take(data.length);
      parts.push(decoder.decode(data, { stream: !final }));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    pushInSlices(bytes, (slice, final) => unzip.push(slice, final));
  } catch (err) {
    if (err instanceof DocumentParseError) throw err;
    throw corrupt(err);
  }
  if (!entries) throw corrupt();
  return new Map([...texts].map(([name, parts]) => [name, parts.join('')]));
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
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw corrupt();
  const files = unzipParts(bytes, limits.maxInflatedBytes);
  const documentXml = files.get('word/document.xml');
  if (!documentXml) throw new DocumentParseError('В архиве нет word/document.xml — это не документ Word (not a Word document).');
  const paragraphs = readWordXml(documentXml, files.get('word/styles.xml') ?? '', limits);

  const out = new SectionCollector();
  for (const p of paragraphs) {
    if (p.heading) out.heading(p.text);
    else out.paragraph(p.text);
  }
  const sections = out.finish();
  if (!sections.length) throw new DocumentParseError('В документе нет текста (the document has no text).');
  return { sections };
}
