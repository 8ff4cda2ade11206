/**
 * An error as one log line, without SQL parameters: drizzle's "Failed query: … params: …" carries every bound
 * value (a whole bot config, webhook secrets, callers' numbers). Keeps the statement and the database's reason.
 * @example describeError(drizzleInsertError) // 'DrizzleQueryError: Failed query: insert into "bots" … — D1_ERROR: UNIQUE constraint failed: …'
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err).replace(/\nparams:[\s\S]*$/, '');
  const message = err.message.replace(/\nparams:[\s\S]*$/, '');
  const cause = err.cause instanceof Error && err.cause !== err ? ` — ${describeError(err.cause)}` : '';
  return `${err.name}: ${message}${cause}`.slice(0, 2000);
}
