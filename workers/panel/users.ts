// Panel people of a company: rows of `panel_users` and their JSON shape.
import { z } from '@hono/zod-openapi';
import type { Env } from '../env.ts';
import { iso } from '../api/tenancy.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { newId, randomToken } from '../lib/ids.ts';
import { hashPassword } from './password.ts';

/** An invite link stays valid for 7 days. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const PanelRoleSchema = z.enum(['admin', 'member']);
export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const PasswordSchema = z.string().min(8, 'at least 8 characters').max(200);

export const PanelUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: PanelRoleSchema,
  status: z.enum(['invited', 'active']),
  created_at: z.string(),
  last_sign_in_at: z.string().nullable(),
});
export type PanelUser = z.infer<typeof PanelUserSchema>;

export interface UserRow {
  id: string;
  company_id: string;
  email: string;
  name: string | null;
  role: 'admin' | 'member';
  password_hash: string | null;
  invite_expires_at: number | null;
  created_at: number;
  last_sign_in_at: number | null;
}

export const toPanelUser = (r: UserRow): PanelUser => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  status: r.password_hash ? 'active' : 'invited',
  created_at: iso(r.created_at)!,
  last_sign_in_at: iso(r.last_sign_in_at),
});

const COLUMNS = 'id, company_id, email, name, role, password_hash, invite_expires_at, created_at, last_sign_in_at';

export const userByEmail = (env: Env, email: string) =>
  env.DB.prepare(`SELECT ${COLUMNS} FROM panel_users WHERE email = ? AND disabled_at IS NULL`).bind(email).first<UserRow>();

export const userByInvite = async (env: Env, token: string) =>
  env.DB.prepare(`SELECT ${COLUMNS} FROM panel_users WHERE invite_hash = ? AND invite_expires_at > ? AND disabled_at IS NULL`)
    .bind(await sha256Hex(token), Date.now()).first<UserRow>();

export const companyUsers = async (env: Env, companyId: string) =>
  (await env.DB.prepare(`SELECT ${COLUMNS} FROM panel_users WHERE company_id = ? AND disabled_at IS NULL ORDER BY created_at`).bind(companyId).all<UserRow>()).results;

/**
 * Adds a person to a company. With a password they can sign in at once; without one they get a one-time invite
 * token (returned once, stored hashed) to set their password. Null when the e-mail is already taken.
 */
export async function createUser(
  env: Env,
  input: { companyId: string; email: string; name?: string | null; role: 'admin' | 'member'; password?: string },
): Promise<{ user: PanelUser; inviteToken: string | null } | null> {
  const id = newId('usr');
  const inviteToken = input.password ? null : randomToken(40);
  const res = await env.DB.prepare(
    `INSERT INTO panel_users (id, company_id, email, name, role, password_hash, invite_hash, invite_expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
  ).bind(
    id, input.companyId, input.email, input.name ?? null, input.role,
    input.password ? await hashPassword(input.password) : null,
    inviteToken ? await sha256Hex(inviteToken) : null,
    inviteToken ? Date.now() + INVITE_TTL_MS : null,
  ).first<UserRow>();
  return res ? { user: toPanelUser(res), inviteToken } : null;
}

/** Sets the password of an invited person and spends the invite. */
export async function acceptInvite(env: Env, userId: string, password: string, name?: string): Promise<void> {
  await env.DB.prepare('UPDATE panel_users SET password_hash = ?, name = COALESCE(?, name), invite_hash = NULL, invite_expires_at = NULL WHERE id = ?')
    .bind(await hashPassword(password), name ?? null, userId).run();
}

/** Removes a person from the company and ends their sessions. False when there is no such person. */
export async function removeUser(env: Env, companyId: string, userId: string): Promise<boolean> {
  const [, upd] = await env.DB.batch([
    env.DB.prepare('DELETE FROM panel_sessions WHERE user_id = ? AND company_id = ?').bind(userId, companyId),
    env.DB.prepare('DELETE FROM panel_users WHERE id = ? AND company_id = ?').bind(userId, companyId),
  ]);
  return (upd?.meta.changes ?? 0) > 0;
}
