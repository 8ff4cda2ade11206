import { createRoute, z } from '@hono/zod-openapi';
import { companyUsers, createUser, EmailSchema, PanelRoleSchema, PanelUserSchema, PasswordSchema, removeUser, toPanelUser } from '../../panel/users.ts';
import { requirePanelAdmin } from '../../panel/roles.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireCompanyAccess } from '../tenancy.ts';

const Params = z.object({ id: z.string().min(1) });
const errors = errorResponses({ 401: 'Missing or invalid credentials', 403: 'Only a panel admin manages people', 404: 'Company not found' });

/** `/companies/{id}/users`: the people who sign in to the company's panel. */
export const panelUsers = createRouter();
panelUsers.use('/:id/users', auth({ allow: ['company', 'admin'] }));
panelUsers.use('/:id/users/*', auth({ allow: ['company', 'admin'] }));

panelUsers.openapi(
  createRoute({
    method: 'get', path: '/{id}/users', tags: ['panel'], summary: "The company's panel users",
    request: { params: Params },
    responses: { 200: jsonResponse(z.object({ users: z.array(PanelUserSchema) }), 'People'), ...errors },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requireCompanyAccess(c, id);
    return c.json({ users: (await companyUsers(c.env, id)).map(toPanelUser) }, 200);
  },
);

panelUsers.openapi(
  createRoute({
    method: 'post', path: '/{id}/users', tags: ['panel'],
    summary: 'Invite a person (a one-time invite link, valid 7 days), or add them with a password',
    request: {
      params: Params,
      body: { required: true, content: { 'application/json': { schema: z.strictObject({ email: EmailSchema, name: z.string().trim().min(1).max(100).optional(), role: PanelRoleSchema.default('member'), password: PasswordSchema.optional() }) } } },
    },
    responses: {
      201: jsonResponse(z.object({ user: PanelUserSchema, invite_url: z.string().nullable().describe('Shown once: the link that lets the person set a password') }), 'Added'),
      ...errors,
      ...errorResponses({ 409: 'The e-mail already has a panel account', 422: 'Invalid body' }),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requirePanelAdmin(c, id);
    const body = c.req.valid('json');
    const made = await createUser(c.env, { companyId: id, ...body });
    if (!made) throw apiError(409, 'conflict', 'this e-mail already has a panel account');
    const inviteUrl = made.inviteToken ? `${c.env.PUBLIC_BASE_URL ?? new URL(c.req.url).origin}/app/#/invite/${made.inviteToken}` : null;
    return c.json({ user: made.user, invite_url: inviteUrl }, 201);
  },
);

panelUsers.openapi(
  createRoute({
    method: 'delete', path: '/{id}/users/{userId}', tags: ['panel'], summary: 'Remove a person; their sessions end at once',
    request: { params: Params.extend({ userId: z.string().min(1) }) },
    responses: { 204: { description: 'Removed' }, ...errors },
  }),
  async (c) => {
    const { id, userId } = c.req.valid('param');
    await requirePanelAdmin(c, id);
    if (c.get('panelUser')?.id === userId) throw apiError(409, 'conflict', 'you cannot remove yourself');
    if (!(await removeUser(c.env, id, userId))) throw apiError(404, 'not_found', 'user not found');
    return c.body(null, 204);
  },
);
