/**
 * Canonical form of Russian text for matching and indexing: lower case, `ё` → `е`,
 * punctuation to spaces (digits, `+`, `:` and `.` between digits are kept), spaces collapsed.
 * @example normalizeText('Ёлки-палки, 15:30!') // 'елки палки 15:30'
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/(?<=\d)[.:](?=\d)/g, (m) => (m === '.' ? '\u0001' : '\u0002'))
    .replace(/[^\p{L}\p{N}+\u0001\u0002]+/gu, ' ')
    .replace(/\u0001/g, '.')
    .replace(/\u0002/g, ':')
    .trim();
}

/** Words of normalized text. */
export function tokenize(text: string): string[] {
  const norm = normalizeText(text);
  return norm ? norm.split(' ') : [];
}
