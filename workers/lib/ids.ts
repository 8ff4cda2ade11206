const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Random base62 string of `length` characters from the platform CSPRNG. */
export function randomToken(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 62];
  return out;
}

/**
 * Prefixed, sortable-enough id: `cmp_…`, `bot_…`, `doc_…`.
 * @example newId('bot') // 'bot_m3k2a9x1Qw8ZpLr2'
 */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomToken(10)}`;
}
