import { strFromU8, unzipSync } from 'fflate';
import { SectionCollector } from './sections.ts';
import { DocumentParseError, type ParsedDocument } from './types.ts';

const HEADING_NAME = /^(?:heading|заголовок)\s*\d|^(?:title|название|заглавие)$/i;
const XML_ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(XML_ENTITY, (_, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[name.toLowerCase()]!,
  );
}

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];

/** Style ids whose display name is a heading ("heading 1", "Заголовок 2", "Title"), from word/styles.xml. */
function headingStyleIds(stylesXml: string | undefined): Set<string> {
  const ids = new Set<string>();
  for (const m of (stylesXml ?? '').matchAll(/<w:style\b[^>]*>[\s\S]*?<\/w:style>/g)) {
    const id = attr(m[0], 'w:styleId');
    const name = /<w:name\b[^>]*w:val="([^"]*)"/.exec(m[0])?.[1];
    if (id && name && HEADING_NAME.test(name)) ids.add(id);
  }
  return ids;
}

/** Visible text of one `<w:p>`: runs, tabs and breaks. */
function paragraphText(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g)) {
    text += m[1] !== undefined ? unescapeXml(m[1]) : m[2] === 'tab' ? '\t' : '\n';
  }
  return text.replace(/[ \t]+/g, (s) => (s.includes('\t') ? ' ' : s)).trim();
}

function isHeading(pXml: string, styleIds: Set<string>): boolean {
  const style = /<w:pStyle\b[^>]*w:val="([^"]*)"/.exec(pXml)?.[1];
  if (style && (styleIds.has(style) || HEADING_NAME.test(style) || /^(?:Heading|Заголовок)\d$/i.test(style))) return true;
  return /<w:outlineLvl\b[^>]*w:val="[0-8]"/.test(pXml);
}

/**
 * A Word document: unzip, read `word/document.xml` in order. Paragraphs in a heading style (built-in ids,
 * localized names such as "Заголовок 1" resolved through styles.xml, or an outline level) start sections;
 * a table row becomes one paragraph "cell | cell | cell".
 */
export function parseDocx(bytes: Uint8Array): ParsedDocument {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocumentParseError(
      'Документ защищён паролем или это старый формат .doc — сохраните его как .docx без пароля (encrypted or legacy .doc file).',
    );
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' || f.name === 'word/styles.xml' });
  } catch (err) {
    throw new DocumentParseError('Файл повреждён или это не DOCX (the file is corrupt or not a DOCX).', { cause: err });
  }
  const documentXml = files['word/document.xml'];
  if (!documentXml) throw new DocumentParseError('В архиве нет word/document.xml — это не документ Word (not a Word document).');
  const xml = strFromU8(documentXml);
  const styleIds = headingStyleIds(files['word/styles.xml'] && strFromU8(files['word/styles.xml']));

  const out = new SectionCollector();
  // Tables first become single paragraphs so rows stay whole; then paragraphs in document order.
  const body = xml.replace(/<w:tr\b[\s\S]*?<\/w:tr>/g, (row) => {
    const cells = [...row.matchAll(/<w:tc\b[\s\S]*?<\/w:tc>/g)].map((c) =>
      [...c[0].matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((p) => paragraphText(p[0])).filter(Boolean).join(' '),
    );
    return `<w:p><w:r><w:t>${cells.join(' | ').replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`;
  });
  for (const m of body.matchAll(/<w:p\b(?:[^>]*[^/>])?>[\s\S]*?<\/w:p>/g)) {
    const text = paragraphText(m[0]);
    if (!text) continue;
    if (isHeading(m[0], styleIds)) out.heading(text);
    else out.paragraph(text);
  }
  const sections = out.finish();
  if (!sections.length) throw new DocumentParseError('В документе нет текста (the document has no text).');
  return { sections };
}
