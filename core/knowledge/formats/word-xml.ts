import { assertTextWithin, type IngestLimits } from './limits.ts';

const HEADING_NAME = /^(?:heading|заголовок)\s*\d|^(?:title|название|заглавие)$/i;
const BUILTIN_HEADING_ID = /^(?:Heading|Заголовок)\d$/i;
const XML_ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// One tag (no nested angle brackets, so a stray "<" never makes the scan run to the end) or one text run.
const TOKEN = /<([^<>]*)>|[^<]+/g;

const codePoint = (n: number) => (n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd');

function unescapeXml(s: string): string {
  return s.replace(XML_ENTITY, (_, dec: string, hex: string, name: string) =>
    dec ? codePoint(Number(dec)) : hex ? codePoint(parseInt(hex, 16)) : NAMED[name.toLowerCase()]!,
  );
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

interface Tag {
  name: string;
  close: boolean;
  selfClosing: boolean;
  raw: string;
}

/** Tags and text of an XML string in one linear pass. */
function* tokens(xml: string): Generator<Tag | string> {
  for (const m of xml.matchAll(TOKEN)) {
    if (m[1] === undefined) {
      yield m[0];
      continue;
    }
    const raw = m[1];
    if (raw.startsWith('?') || raw.startsWith('!')) continue;
    const close = raw.startsWith('/');
    const name = /^\/?\s*([^\s/]+)/.exec(raw)?.[1] ?? '';
    yield { name, close, selfClosing: raw.endsWith('/'), raw };
  }
}

/** Style ids whose display name is a heading ("heading 1", "Заголовок 2", "Title"), from word/styles.xml. */
function headingStyleIds(stylesXml: string): Set<string> {
  const ids = new Set<string>();
  let id: string | undefined;
  for (const t of tokens(stylesXml)) {
    if (typeof t === 'string') continue;
    if (t.name === 'w:style') id = t.close ? undefined : attr(t.raw, 'w:styleId');
    else if (t.name === 'w:name' && id) {
      const name = attr(t.raw, 'w:val');
      if (name && HEADING_NAME.test(name)) ids.add(id);
    }
  }
  return ids;
}

/** One paragraph of visible text; a table row comes out as one paragraph "cell | cell | cell". */
export interface WordParagraph {
  text: string;
  heading: boolean;
}

const tidy = (s: string) => s.replace(/[ \t]+/g, (w) => (w.includes('\t') ? ' ' : w)).trim();

/**
 * Paragraphs of `word/document.xml` in reading order, read by a linear tag walker (no backtracking regexes
 * over the whole document). Stops with a `DocumentParseError` once the text passes `maxChars`.
 */
export function readWordXml(documentXml: string, stylesXml: string, limits: IngestLimits): WordParagraph[] {
  const styleIds = headingStyleIds(stylesXml);
  const out: WordParagraph[] = [];
  let chars = 0;
  let rowDepth = 0; // nested tables fold into the outermost row's cells
  let cells: string[] = [];
  let cell: string[] = [];
  let para: string | null = null;
  let heading = false;
  let inText = false;

  const emit = (text: string, isHeading: boolean) => {
    if (!text) return;
    chars += text.length;
    assertTextWithin(chars, limits);
    out.push({ text, heading: isHeading });
  };

  for (const t of tokens(documentXml)) {
    if (typeof t === 'string') {
      if (inText && para !== null) para += unescapeXml(t);
      continue;
    }
    switch (t.name) {
      case 'w:t':
        inText = !t.close && !t.selfClosing;
        break;
      case 'w:tab':
        if (para !== null && !t.close) para += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (para !== null && !t.close) para += '\n';
        break;
      case 'w:pStyle': {
        const style = attr(t.raw, 'w:val');
        if (style && (styleIds.has(style) || HEADING_NAME.test(style) || BUILTIN_HEADING_ID.test(style))) heading = true;
        break;
      }
      case 'w:outlineLvl':
        if (/^[0-8]$/.test(attr(t.raw, 'w:val') ?? '')) heading = true;
        break;
      case 'w:p':
        if (t.selfClosing) break;
        if (!t.close) {
          para = '';
          heading = false;
        } else if (para !== null) {
          const text = tidy(para);
          if (rowDepth > 0) {
            if (text) cell.push(text);
          } else emit(text, heading);
          para = null;
        }
        break;
      case 'w:tr':
        if (t.selfClosing) break;
        if (!t.close && rowDepth++ === 0) cells = [];
        else if (t.close && rowDepth > 0 && --rowDepth === 0 && cells.some(Boolean)) emit(cells.join(' | '), false);
        break;
      case 'w:tc':
        if (rowDepth !== 1 || t.selfClosing) break;
        if (!t.close) cell = [];
        else cells.push(cell.join(' '));
        break;
    }
  }
  return out;
}
