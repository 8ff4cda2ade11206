import { eq } from 'drizzle-orm';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';
import { denseFromEnv, type DenseRetrieval } from '../knowledge/dense.ts';
import { companyObjectPrefixes, deleteByPrefixes } from '../lifecycle/prefixes.ts';

/**
 * Every D1 row of a company, as one `DELETE … WHERE <where>` per table, children before parents. `?1` is the
 * company id. A new table holding company data is one more line here (and `test/workers/hardening-erasure.test.ts`
 * fails until it is: it checks every table with a `company_id` or `bot_id` column).
 */
export const COMPANY_ROWS: readonly { table: string; where: string }[] = [
  // Knowledge: FTS rows are keyed by the chunk rowid, so they go first.
  { table: 'knowledge_fts', where: 'rowid IN (SELECT seq FROM knowledge_chunks WHERE company_id = ?1)' },
  { table: 'knowledge_chunks', where: 'company_id = ?1' },
  { table: 'knowledge_docs', where: 'company_id = ?1' },
  // Webhooks and their deliveries (payloads carry callers' numbers).
  { table: 'webhook_attempts', where: 'delivery_id IN (SELECT id FROM webhook_deliveries WHERE company_id = ?1)' },
  { table: 'webhook_deliveries', where: 'company_id = ?1' },
  { table: 'webhooks', where: 'company_id = ?1' },
  // Notifications, reminder calls and the do-not-call list (migrations/0006).
  { table: 'notification_deliveries', where: 'company_id = ?1' },
  { table: 'notification_settings', where: 'company_id = ?1' },
  { table: 'crm_deliveries', where: 'company_id = ?1' },
  { table: 'crm_connections', where: 'company_id = ?1' },
  { table: 'reminder_attempts', where: 'company_id = ?1' },
  { table: 'reminders', where: 'company_id = ?1' },
  { table: 'do_not_call', where: 'company_id = ?1' },
  // Calendar (issue 12).
  { table: 'calendar_bookings', where: 'company_id = ?1' },
  { table: 'booking_staff_services', where: 'staff_id IN (SELECT id FROM booking_staff WHERE company_id = ?1)' },
  { table: 'booking_hours', where: 'bot_id IN (SELECT id FROM bots WHERE company_id = ?1)' },
  { table: 'booking_exceptions', where: 'bot_id IN (SELECT id FROM bots WHERE company_id = ?1)' },
  { table: 'booking_services', where: 'company_id = ?1' },
  { table: 'booking_staff', where: 'company_id = ?1' },
  // Calls and what post-call processing made of them.
  { table: 'bookings', where: 'company_id = ?1' },
  { table: 'leads', where: 'company_id = ?1' },
  { table: 'dead_letters', where: "company_id = ?1 OR json_extract(body_json, '$.callId') IN (SELECT id FROM calls WHERE company_id = ?1)" },
  { table: 'calls', where: 'company_id = ?1' },
  // The company itself; panel people (their sessions first).
  { table: 'panel_sessions', where: 'company_id = ?1' },
  { table: 'panel_users', where: 'company_id = ?1' },
  { table: 'phone_numbers', where: 'company_id = ?1' },
  { table: 'api_keys', where: 'company_id = ?1' },
  { table: 'bot_config_versions', where: 'company_id = ?1' },
  { table: 'bots', where: 'company_id = ?1' },
  { table: 'companies', where: 'id = ?1' },
];

/**
 * R2 objects of a company: knowledge originals (FILES), call transcripts and recordings (CALLS) — the keys rows
 * name, then everything under the company's prefixes (objects no row names any more).
 */
async function deleteObjects(env: Env, companyId: string): Promise<number> {
  const d = db(env.DB);
  const docs = await d.select({ key: schema.knowledgeDocs.r2Key }).from(schema.knowledgeDocs).where(eq(schema.knowledgeDocs.companyId, companyId)).all();
  const calls = await env.DB.prepare('SELECT transcript_key, recording_key FROM calls WHERE company_id = ?').bind(companyId)
    .all<{ transcript_key: string | null; recording_key: string | null }>();
  const callKeys = calls.results.flatMap((c) => [c.transcript_key, c.recording_key]).filter((k): k is string => !!k);
  const fileKeys = docs.map((x) => x.key);
  for (let i = 0; i < fileKeys.length; i += 1000) await env.FILES.delete(fileKeys.slice(i, i + 1000));
  for (let i = 0; i < callKeys.length; i += 1000) await env.CALLS.delete(callKeys.slice(i, i + 1000));
  const stray = (await deleteByPrefixes(env.FILES, [`knowledge/${companyId}/`])) + (await deleteByPrefixes(env.CALLS, await companyObjectPrefixes(env, companyId)));
  return fileKeys.length + callKeys.length + stray;
}

/**
 * Erase a company: vectors (Qdrant), R2 objects, then every D1 row in one batch (all or nothing). Phone numbers
 * must be released first by the caller (LiveKit/carrier side). Outside stores go first so a failure part-way leaves
 * the rows that name them, and repeating the erasure finishes the job.
 */
export async function eraseCompany(
  env: Env,
  companyId: string,
  deps: { dense: DenseRetrieval | null } = { dense: denseFromEnv(env) },
): Promise<{ objects: number; rows: number }> {
  const bots = await db(env.DB).select({ id: schema.bots.id }).from(schema.bots).where(eq(schema.bots.companyId, companyId)).all();
  const { dense } = deps;
  if (dense) for (const bot of bots) await dense.index.deleteBot(bot.id);
  const objects = await deleteObjects(env, companyId);
  const results = await env.DB.batch(COMPANY_ROWS.map(({ table, where }) => env.DB.prepare(`DELETE FROM ${table} WHERE ${where}`).bind(companyId)));
  return { objects, rows: results.reduce((n, r) => n + (r.meta.changes ?? 0), 0) };
}
