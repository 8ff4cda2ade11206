// Sign-in rate limit: failed attempts counted per e-mail and per client address in a fixed 15-minute window.
// Checked before the password is hashed, so a flood of guesses costs no PBKDF2 time once the limit is reached.
import type { Env } from '../env.ts';

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per window: per e-mail (guessing one person's password), per address (spraying many). */
export const MAX_FAILURES = { email: 5, ip: 30 } as const;

type Scope = keyof typeof MAX_FAILURES;
const keyOf = (scope: Scope, value: string) => `${scope}:${value}`;

/** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
export async function retryAfterSeconds(env: Env, who: Record<Scope, string>, now = Date.now()): Promise<number> {
  const keys = (Object.keys(who) as Scope[]).map((s) => keyOf(s, who[s]));
  const rows = await env.DB.prepare(`SELECT key, window_start, failures FROM panel_sign_in_failures WHERE key IN (?, ?)`)
    .bind(...keys).all<{ key: string; window_start: number; failures: number }>();
  let wait = 0;
  for (const row of rows.results) {
    const scope = row.key.slice(0, row.key.indexOf(':')) as Scope;
    const end = row.window_start + SIGN_IN_WINDOW_MS;
    if (end > now && row.failures >= MAX_FAILURES[scope]) wait = Math.max(wait, Math.ceil((end - now) / 1000));
  }
  return wait;
}

/** Counts one failed attempt for the e-mail and the address (a new window once the old one is over). */
export async function recordFailure(env: Env, who: Record<Scope, string>, now = Date.now()): Promise<void> {
  const stmt = env.DB.prepare(
    `INSERT INTO panel_sign_in_failures (key, window_start, failures) VALUES (?1, ?2, 1)
     ON CONFLICT(key) DO UPDATE SET
       failures = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE failures + 1 END,
       window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END`,
  );
  await env.DB.batch((Object.keys(who) as Scope[]).map((s) => stmt.bind(keyOf(s, who[s]), now, SIGN_IN_WINDOW_MS)));
}

/** A successful sign-in forgets the e-mail's failures (not the address's). */
export async function clearFailures(env: Env, email: string): Promise<void> {
  await env.DB.prepare('DELETE FROM panel_sign_in_failures WHERE key = ?').bind(keyOf('email', email)).run();
}
