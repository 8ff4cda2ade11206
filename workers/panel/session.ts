// Panel sessions: an HttpOnly, Secure, SameSite=Strict cookie `<session id>.<HMAC>`; D1 keeps the SHA-256 of the id,
// the company, the CSRF token and the expiry, so sign-out and removing a person end their sessions at once.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Env } from '../env.ts';
import { hmacSha256, sha256Hex, timingSafeEqual, toHex } from '../lib/crypto.ts';
import { randomToken } from '../lib/ids.ts';

export const SESSION_COOKIE = 'vb_session';
/** A session lasts 12 hours from sign-in. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Writes made with the cookie carry this header, equal to the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';

export interface PanelSession {
  userId: string;
  companyId: string;
  role: 'admin' | 'member';
  email: string;
  csrfToken: string;
  expiresAt: number;
}

const secretOf = (env: Env) => `panel-session:${env.SESSION_SECRET ?? env.ADMIN_API_KEY}`;
const sign = async (env: Env, id: string) => toHex((await hmacSha256(secretOf(env), id)).buffer as ArrayBuffer);

/** Starts a session for a user and sets its cookie; returns the CSRF token for the page. */
export async function startSession(c: Context<AppEnv>, user: { id: string; companyId: string }): Promise<{ csrfToken: string; expiresAt: number }> {
  const id = randomToken(32);
  const csrfToken = randomToken(32);
  const expiresAt = Date.now() + SESSION_TTL_MS;
  await c.env.DB.batch([
    c.env.DB.prepare('DELETE FROM panel_sessions WHERE user_id = ? AND expires_at < ?').bind(user.id, Date.now()),
    c.env.DB.prepare('INSERT INTO panel_sessions (id_hash, user_id, company_id, csrf_token, expires_at) VALUES (?, ?, ?, ?, ?)')
      .bind(await sha256Hex(id), user.id, user.companyId, csrfToken, expiresAt),
  ]);
  setCookie(c, SESSION_COOKIE, `${id}.${await sign(c.env, id)}`, {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
  return { csrfToken, expiresAt };
}

/** The live session of the request's cookie, or null (none, forged, expired, signed out, person removed). */
export async function readSession(c: Context<AppEnv>): Promise<PanelSession | null> {
  const raw = getCookie(c, SESSION_COOKIE);
  const [id, sig] = raw?.split('.') ?? [];
  if (!id || !sig || !timingSafeEqual(await sign(c.env, id), sig)) return null;
  const row = await c.env.DB.prepare(
    `SELECT s.user_id, s.company_id, s.csrf_token, s.expires_at, u.role, u.email FROM panel_sessions s
       JOIN panel_users u ON u.id = s.user_id AND u.disabled_at IS NULL
      WHERE s.id_hash = ? AND s.expires_at > ?`,
  ).bind(await sha256Hex(id), Date.now()).first<{ user_id: string; company_id: string; csrf_token: string; expires_at: number; role: 'admin' | 'member'; email: string }>();
  if (!row) return null;
  return { userId: row.user_id, companyId: row.company_id, role: row.role, email: row.email, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

/** Ends the request's session (if any) and clears the cookie. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE)?.split('.')[0];
  if (id) await c.env.DB.prepare('DELETE FROM panel_sessions WHERE id_hash = ?').bind(await sha256Hex(id)).run();
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
}

/** Reads are safe; any other method made with the cookie must prove it came from the panel's own page. */
export function csrfOk(c: Context<AppEnv>, session: PanelSession): boolean {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return true;
  const token = c.req.header(CSRF_HEADER);
  return !!token && timingSafeEqual(token, session.csrfToken);
}
