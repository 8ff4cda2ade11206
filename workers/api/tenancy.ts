import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { db, schema } from '../db/client.ts';
import { apiError } from './errors.ts';

export type BotRow = typeof schema.bots.$inferSelect;

/**
 * The company a request may act for on `companyId`: its own (company key) or any existing one (admin).
 * Another company's id answers 404, exactly like an id that does not exist or was erased.
 */
export async function requireCompanyAccess(c: Context<AppEnv>, companyId: string): Promise<void> {
  const principal = c.get('principal');
  if (principal === 'company' && c.get('companyId') === companyId) return;
  if (principal === 'admin') {
    const found = await db(c.env.DB).select({ id: schema.companies.id }).from(schema.companies).where(eq(schema.companies.id, companyId)).get();
    if (found) return;
  }
  throw apiError(404, 'not_found', 'company not found');
}

/**
 * A live bot visible to the caller: a company key sees only its own bots, the service token sees all.
 * Accepts the internal id (`bot_…`) and, for the service token, the public slug too.
 */
export async function requireBot(c: Context<AppEnv>, botId: string): Promise<BotRow> {
  const principal = c.get('principal');
  const d = db(c.env.DB);
  const live = isNull(schema.bots.deletedAt);
  const where =
    principal === 'company'
      ? and(eq(schema.bots.id, botId), eq(schema.bots.companyId, c.get('companyId')), live)
      : and(eq(schema.bots.id, botId), live);
  const bot = await d.select().from(schema.bots).where(where).get();
  if (!bot) throw apiError(404, 'not_found', 'bot not found');
  return bot;
}

/** ISO-8601 from epoch ms (null-safe). */
export function iso(ms: number | null | undefined): string | null {
  return ms == null ? null : new Date(ms).toISOString();
}
