import { and, eq, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Env } from '../env.ts';
import { db, schema } from '../db/client.ts';
import { sha256Hex, timingSafeEqual } from '../lib/crypto.ts';
import { csrfOk, readSession } from '../panel/session.ts';
import { apiError } from './errors.ts';

export type Principal = AppEnv['Variables']['principal'];

export interface AuthOptions {
  /** Which credentials the route accepts (default: company keys only). */
  allow?: readonly Principal[];
}

function bearer(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1] ?? null;
}

/** `last_used_at` is written at most once a minute per key, so busy keys do not turn every read into a write. */
export const KEY_USE_RESOLUTION_MS = 60_000;

/** Resolves a company key to its company id, or null (unknown or revoked); keeps the key's `last_used_at`. */
export async function companyForKey(env: Env, key: string): Promise<string | null> {
  const hash = await sha256Hex(key);
  const row = await db(env.DB)
    .select({ id: schema.apiKeys.id, companyId: schema.apiKeys.companyId, lastUsedAt: schema.apiKeys.lastUsedAt })
    .from(schema.apiKeys)
    .where(and(eq(schema.apiKeys.keyHash, hash), isNull(schema.apiKeys.revokedAt)))
    .get();
  if (!row) return null;
  const now = Date.now();
  if (row.lastUsedAt === null || now - row.lastUsedAt >= KEY_USE_RESOLUTION_MS) {
    // Conditional, so concurrent requests of one key still write once.
    await env.DB.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)')
      .bind(now, row.id, now - KEY_USE_RESOLUTION_MS).run();
  }
  return row.companyId;
}

/**
 * Bearer-token authentication. Sets `principal` and, for company keys, `companyId`.
 * Missing, unknown and revoked credentials all answer 401 with the same message.
 * @example bots.use('*', auth())  // company keys
 * @example internal.use('*', auth({ allow: ['service'] }))
 */
export const auth = (opts: AuthOptions = {}) => {
  const allow = opts.allow ?? ['company'];
  return createMiddleware<AppEnv>(async function auth(c, next) {
    const token = bearer(c.req.header('authorization'));
    if (!token && allow.includes('company')) {
      // A person signed in to the panel acts as their company; writes must carry the session's CSRF token.
      const session = await readSession(c);
      if (session) {
        if (!csrfOk(c, session)) throw apiError(403, 'csrf_failed', 'missing or wrong X-CSRF-Token header for a write with the session cookie');
        c.set('principal', 'company');
        c.set('companyId', session.companyId);
        c.set('panelUser', { id: session.userId, role: session.role, email: session.email });
        return next();
      }
    }
    if (!token) throw apiError(401, 'unauthorized', 'missing bearer token (Authorization: Bearer <key>)');
    if (allow.includes('admin') && c.env.ADMIN_API_KEY && timingSafeEqual(token, c.env.ADMIN_API_KEY)) {
      c.set('principal', 'admin');
      return next();
    }
    if (allow.includes('service') && c.env.AGENT_HOST_TOKEN && timingSafeEqual(token, c.env.AGENT_HOST_TOKEN)) {
      c.set('principal', 'service');
      return next();
    }
    if (allow.includes('company')) {
      const companyId = await companyForKey(c.env, token);
      if (companyId) {
        c.set('principal', 'company');
        c.set('companyId', companyId);
        return next();
      }
    }
    throw apiError(401, 'unauthorized', 'invalid or revoked credentials');
  });
};
