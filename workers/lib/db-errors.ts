/** D1's UNIQUE failure, also when drizzle wraps it (`cause`): e.g. a concurrent insert of the same key. */
export function isUniqueViolation(e: unknown): boolean {
  for (let err = e as { message?: string; cause?: unknown } | undefined, i = 0; err && i < 4; err = err.cause as typeof err, i++) {
    if (String(err.message ?? '').includes('UNIQUE constraint failed')) return true;
  }
  return false;
}
