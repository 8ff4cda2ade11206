import { decodeText } from './decode.ts';
import { assertTextWithin, INGEST_LIMITS, type IngestLimits } from './limits.ts';
import { DocumentParseError, type ParsedDocument } from './types.ts';

const DELIMITERS = [';', ',', '\t'] as const;
const SECTION_HEADER = /^(?:категория|раздел|группа|category|section|group)$/i;

/** RFC 4180 records: quoted fields may hold the delimiter, `""` and line breaks. */
export function parseCsvRecords(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  // Whether `field` is still only whitespace: a quote opens a quoted field only there. A flag, not field.trim():
  // that re-read the field at every quote, quadratic for a line of 500 000 stray quotes.
  let blank = true;
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && blank) {
      quoted = true;
      field = '';
      blank = false;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += ch;
      if (blank && ch.trim()) blank = false;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.map((r) => r.map((f) => f.trim())).filter((r) => r.some(Boolean));
}

/** The delimiter that splits the first lines into the most, equally sized, columns. */
export function detectDelimiter(text: string): string {
  const sample = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 10).join('\n');
  let best: string = DELIMITERS[0];
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const widths = parseCsvRecords(sample, d).map((r) => r.length);
    const first = widths[0] ?? 1;
    const consistent = widths.filter((w) => w === first).length / Math.max(1, widths.length);
    const score = first > 1 ? first * consistent : 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

const numeric = (s: string) => /\d/.test(s) && /^[\d\s.,:%₽$€+-]*(?:руб\.?|р\.?|rub)?$/i.test(s);

/**
 * A table (price list, schedule): every data row becomes one section of `header: value` lines, so a row is a
 * self-contained chunk ("Услуга: Стрижка женская / Цена: 1500 руб."). Without a header row (the first row has
 * numbers), a two-column row reads "name: value" and wider rows join their cells with "; ".
 * A "Категория"/"Раздел" column, when present, names the section.
 */
export function parseCsv(bytes: Uint8Array, limits: IngestLimits = INGEST_LIMITS): ParsedDocument {
  const { text } = decodeText(bytes);
  assertTextWithin(text.length, limits);
  const rows = parseCsvRecords(text, detectDelimiter(text));
  if (!rows.length) throw new DocumentParseError('Таблица пуста (the CSV file has no rows).');
  const hasHeader = !rows[0]!.some(numeric) && rows.length > 1;
  const header = hasHeader ? rows[0]! : [];
  const sectionCol = header.findIndex((h) => SECTION_HEADER.test(h));
  const sections = rows.slice(hasHeader ? 1 : 0).map((row) => {
    const lines = hasHeader
      ? row.map((v, i) => (v ? `${header[i] || `Столбец ${i + 1}`}: ${v}` : '')).filter(Boolean)
      : row.length === 2
        ? [`${row[0]}: ${row[1]}`]
        : [row.filter(Boolean).join('; ')];
    return { text: lines.join('\n'), section: sectionCol >= 0 ? row[sectionCol] || null : null };
  });
  return { sections: sections.filter((s) => s.text) };
}
