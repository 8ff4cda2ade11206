import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { apiError } from '../api/errors.ts';
import { requireCompanyAccess } from '../api/tenancy.ts';

/**
 * Access to the company's people and keys: the platform admin, the company's API key, or a panel user with the
 * admin role — a `member` signed in to the panel gets 403 (they could otherwise mint a key and act beyond their role).
 */
export async function requirePanelAdmin(c: Context<AppEnv>, companyId: string): Promise<void> {
  await requireCompanyAccess(c, companyId);
  const person = c.get('panelUser');
  if (person && person.role !== 'admin') throw apiError(403, 'forbidden', 'only a panel admin can manage people and API keys');
}
