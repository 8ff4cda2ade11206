import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';
import { newId } from './ids.ts';

/**
 * Exponential retry delay for queue attempt `attempt` (1-based): base, 2·base, 4·base, … capped.
 * @example backoffSeconds(3, { baseSeconds: 10, capSeconds: 300 }) // 40
 */
export function backoffSeconds(attempt: number, opts: { baseSeconds: number; capSeconds: number }): number {
  return Math.min(opts.capSeconds, opts.baseSeconds * 2 ** Math.max(0, attempt - 1));
}

/** Keeps a queue message that will not be processed (malformed, or out of retries); idempotent per message id. */
export async function recordDeadLetter(env: Env, queue: string, msg: Message<unknown>, companyId: string | null, error: string): Promise<void> {
  await db(env.DB)
    .insert(schema.deadLetters)
    .values({ id: newId('dlq'), queue, messageId: msg.id, bodyJson: JSON.stringify(msg.body ?? null), companyId, error })
    .onConflictDoNothing();
}
