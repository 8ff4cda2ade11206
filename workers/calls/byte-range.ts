/** What a `Range` header asks of a representation of `size` bytes (RFC 9110 §14). */
export type RangeRequest = { kind: 'whole' } | { kind: 'unsatisfiable' } | { kind: 'range'; offset: number; length: number };

const SINGLE = /^bytes=(\d*)-(\d*)$/i;

/**
 * One byte range, per RFC 9110: an absent, malformed, multi-range or non-bytes header is ignored (the whole
 * representation, 200); a range starting at or past the end, or an empty suffix (`-0`), is unsatisfiable (416);
 * otherwise the satisfiable part (an end past the size is clamped, a suffix longer than the size is all of it).
 * @example parseRange('bytes=0-99', 1000) // { kind: 'range', offset: 0, length: 100 }
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  const m = header ? SINGLE.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    const length = Math.min(suffix, size);
    return { kind: 'range', offset: size - length, length };
  }
  const first = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (last < first) return { kind: 'whole' }; // invalid range-spec: the header is ignored
  if (first >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', offset: first, length: Math.min(last, size - 1) - first + 1 };
}
