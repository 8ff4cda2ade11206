/** One service read from a price list. */
export interface PriceListRow {
  name: string;
  durationMin: number;
  price: number | null;
  synonyms: string[];
}

export interface PriceListIssue {
  line: number;
  message: string;
}

const COLUMNS: Record<keyof PriceListRow, RegExp> = {
  name: /^(услуга|название|наименование|name|service)/i,
  durationMin: /^(длительность|время|продолжительность|мин|duration)/i,
  price: /^(цена|стоимость|price|руб)/i,
  synonyms: /^(синоним|ещё|также|synonym|aliases)/i,
};

function splitLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') (cur += '"'), i++;
      else quoted = !quoted;
    } else if (ch === sep && !quoted) (out.push(cur.trim()), (cur = ''));
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** "90", "90 мин", "1:30", "1,5 ч" → minutes; null if unreadable. */
export function parseDuration(raw: string): number | null {
  const s = raw.trim().toLowerCase().replace(',', '.');
  const hm = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2]);
  const hours = /^(\d+(?:\.\d+)?)\s*(ч|час)/.exec(s);
  if (hours) return Math.round(Number(hours[1]) * 60);
  const min = /^(\d+)/.exec(s);
  return min ? Number(min[1]) : null;
}

/** "1 500 ₽", "1500 руб.", "от 2000" → 1500, 1500, 2000; null when empty. */
export function parsePrice(raw: string): number | null {
  const digits = raw.replace(/\s/g, '').replace(',', '.').match(/\d+(?:\.\d+)?/);
  return digits ? Number(digits[0]) : null;
}

/**
 * Services from a CSV price list with a header row (`Услуга;Длительность;Цена;Синонимы`, `;` or `,` separated,
 * in any column order; synonyms separated by `|` or `/`). Rows without a name or a readable duration are reported.
 */
export function parsePriceList(csv: string): { rows: PriceListRow[]; issues: PriceListIssue[] } {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = lines[headerAt] ?? '';
  const sep = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const cells = splitLine(header, sep);
  const col = Object.fromEntries(
    (Object.keys(COLUMNS) as (keyof PriceListRow)[]).map((k) => [k, cells.findIndex((c) => COLUMNS[k].test(c))]),
  ) as Record<keyof PriceListRow, number>;
  const issues: PriceListIssue[] = [];
  if (col.name < 0 || col.durationMin < 0) {
    return { rows: [], issues: [{ line: headerAt + 1, message: 'header must name the columns "Услуга" and "Длительность" (name, duration)' }] };
  }
  const rows: PriceListRow[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (!lines[i]!.trim()) continue;
    const c = splitLine(lines[i]!, sep);
    const name = c[col.name]?.trim() ?? '';
    const durationMin = parseDuration(c[col.durationMin] ?? '');
    if (!name) { issues.push({ line: i + 1, message: 'no service name' }); continue; }
    if (!durationMin || durationMin > 24 * 60) { issues.push({ line: i + 1, message: `"${name}": duration is not a number of minutes` }); continue; }
    const price = col.price >= 0 ? parsePrice(c[col.price] ?? '') : null;
    const synonyms = col.synonyms >= 0 ? (c[col.synonyms] ?? '').split(/[|/]/).map((s) => s.trim()).filter(Boolean) : [];
    rows.push({ name, durationMin, price, synonyms });
  }
  return { rows, issues };
}
