import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { verifyPassword } from '../../panel/password.ts';
import { csrfOk, endSession, readSession, startSession } from '../../panel/session.ts';
import { clearFailures, recordFailure, retryAfterSeconds } from '../../panel/sign-in-limit.ts';
import { acceptInvite, EmailSchema, PanelUserSchema, PasswordSchema, toPanelUser, userByEmail, userByInvite, type UserRow } from '../../panel/users.ts';
import { livekitAccess } from '../../telephony/livekit-sip.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';

const SessionSchema = z.object({
  user: PanelUserSchema,
  company: z.object({ id: z.string(), name: z.string() }),
  csrf_token: z.string().describe('Send it as X-CSRF-Token with every write made with the session cookie'),
  expires_at: z.string(),
  features: z.object({ voice_call: z.boolean().describe('LiveKit is configured: POST /bots/{id}/web-call works') }),
});

async function sessionBody(c: Context<AppEnv>, user: UserRow, csrfToken: string, expiresAt: number) {
  const company = await c.env.DB.prepare('SELECT id, name FROM companies WHERE id = ?').bind(user.company_id).first<{ id: string; name: string }>();
  return {
    user: toPanelUser(user),
    company: company ?? { id: user.company_id, name: '' },
    csrf_token: csrfToken,
    expires_at: new Date(expiresAt).toISOString(),
    features: { voice_call: 'access' in livekitAccess(c.env) },
  };
}

/** The owner's panel sign-in: people with an e-mail and a password get a session cookie (machines keep API keys). */
export const panelAuth = createRouter();

panelAuth.openapi(
  createRoute({
    method: 'post', path: '/sign-in', tags: ['panel'],
    summary: 'Sign in to the panel: sets an HttpOnly, Secure, SameSite=Strict session cookie (12 h)',
    request: { body: { required: true, content: { 'application/json': { schema: z.strictObject({ email: EmailSchema, password: z.string().min(1).max(200) }) } } } },
    responses: {
      200: jsonResponse(SessionSchema, 'Signed in'),
      ...errorResponses({ 401: 'Wrong e-mail or password', 422: 'Invalid body', 429: 'Too many failed attempts: wait Retry-After seconds' }),
    },
  }),
  async (c) => {
    const { email, password } = c.req.valid('json');
    const who = { email, ip: c.req.header('cf-connecting-ip') ?? 'local' };
    const wait = await retryAfterSeconds(c.env, who);
    if (wait > 0) {
      c.header('retry-after', String(wait));
      throw apiError(429, 'too_many_attempts', `too many failed sign-ins; try again in ${wait} s`);
    }
    const user = await userByEmail(c.env, email);
    if (!(await verifyPassword(password, user?.password_hash ?? null)) || !user) {
      await recordFailure(c.env, who);
      throw apiError(401, 'unauthorized', 'wrong e-mail or password');
    }
    await clearFailures(c.env, email);
    await c.env.DB.prepare('UPDATE panel_users SET last_sign_in_at = ? WHERE id = ?').bind(Date.now(), user.id).run();
    const { csrfToken, expiresAt } = await startSession(c, { id: user.id, companyId: user.company_id });
    return c.json(await sessionBody(c, user, csrfToken, expiresAt), 200);
  },
);

panelAuth.openapi(
  createRoute({
    method: 'get', path: '/session', tags: ['panel'], summary: 'The signed-in person, their company and the CSRF token',
    responses: { 200: jsonResponse(SessionSchema, 'Signed in'), ...errorResponses({ 401: 'Not signed in' }) },
  }),
  async (c) => {
    const session = await readSession(c);
    const user = session && (await userByEmail(c.env, session.email));
    if (!session || !user) throw apiError(401, 'unauthorized', 'not signed in');
    return c.json(await sessionBody(c, user, session.csrfToken, session.expiresAt), 200);
  },
);

panelAuth.openapi(
  createRoute({
    method: 'post', path: '/sign-out', tags: ['panel'], summary: 'End the session (needs X-CSRF-Token)',
    responses: { 204: { description: 'Signed out' }, ...errorResponses({ 403: 'Missing or wrong X-CSRF-Token' }) },
  }),
  async (c) => {
    const session = await readSession(c);
    if (session && !csrfOk(c, session)) throw apiError(403, 'csrf_failed', 'missing or wrong X-CSRF-Token header');
    await endSession(c);
    return c.body(null, 204);
  },
);

panelAuth.openapi(
  createRoute({
    method: 'post', path: '/invites/accept', tags: ['panel'], summary: 'Accept an invite: set a password and sign in',
    request: { body: { required: true, content: { 'application/json': { schema: z.strictObject({ token: z.string().min(10).max(100), password: PasswordSchema, name: z.string().trim().min(1).max(100).optional() }) } } } },
    responses: { 200: jsonResponse(SessionSchema, 'Signed in'), ...errorResponses({ 404: 'Unknown, used or expired invite', 422: 'Invalid body' }) },
  }),
  async (c) => {
    const { token, password, name } = c.req.valid('json');
    const invited = await userByInvite(c.env, token);
    if (!invited) throw apiError(404, 'not_found', 'the invite is unknown, used or expired');
    await acceptInvite(c.env, invited.id, password, name);
    const user = (await userByEmail(c.env, invited.email))!;
    const { csrfToken, expiresAt } = await startSession(c, { id: user.id, companyId: user.company_id });
    return c.json(await sessionBody(c, user, csrfToken, expiresAt), 200);
  },
);
