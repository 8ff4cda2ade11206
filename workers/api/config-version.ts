import { and, eq, sql } from 'drizzle-orm';
import type { BotConfig } from '../../core/index.ts';
import { db, schema } from '../db/client.ts';
import { apiError } from './errors.ts';
import type { BotRow } from './tenancy.ts';

/** The ETag of a bot config version: `"3"`. */
export const configEtag = (version: number) => `"${version}"`;

/** The version an `If-Match` header names (`"3"`, `W/"3"`, `3`); undefined without the header, 412 when unreadable. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw apiError(412, 'precondition_failed', 'If-Match must be the config_version as an ETag, e.g. "3"');
  return Number(m[1]);
}

/**
 * Store a new config with `config_version` incremented in the same statement, so concurrent PUTs each get their
 * own version and none is lost. With `expected` (from If-Match), only when the stored version is still that one;
 * otherwise 412 with the current version.
 */
export async function saveBotConfig(d1: D1Database, bot: BotRow, config: BotConfig, expected: number | undefined): Promise<BotRow> {
  const t = schema.bots;
  const row = await db(d1).update(t)
    .set({ configJson: JSON.stringify(config), language: config.language, configVersion: sql`${t.configVersion} + 1`, updatedAt: Date.now() })
    .where(and(eq(t.id, bot.id), expected === undefined ? undefined : eq(t.configVersion, expected))).returning().get();
  if (row) return row;
  const current = await db(d1).select({ v: t.configVersion }).from(t).where(eq(t.id, bot.id)).get();
  throw apiError(412, 'precondition_failed', `the config changed meanwhile: it is at version ${current?.v}, not ${expected}`, { config_version: current?.v ?? null });
}
