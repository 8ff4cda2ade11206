import { eq } from 'drizzle-orm';
import { companyCallsPrefix } from '../calls/content.ts';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';

/**
 * Every CALLS-bucket prefix holding a company's objects: `calls/{company}/` (transcripts) and `recordings/{bot}/` for
 * each of its bots, deleted ones included. Covers objects no row names any more (a recording whose CallResult never
 * arrived), which deleting by the keys stored in `calls` rows would miss.
 */
export async function companyObjectPrefixes(env: Pick<Env, 'DB'>, companyId: string): Promise<string[]> {
  const bots = await db(env.DB).select({ id: schema.bots.id }).from(schema.bots).where(eq(schema.bots.companyId, companyId)).all();
  return [companyCallsPrefix(companyId), ...bots.map((b) => `recordings/${b.id}/`)];
}

/** Deletes every object under the prefixes (listed and deleted 1 000 at a time); returns how many. */
export async function deleteByPrefixes(bucket: R2Bucket, prefixes: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const prefix of prefixes) {
    for (;;) {
      const page = await bucket.list({ prefix, limit: 1000 });
      if (page.objects.length === 0) break;
      await bucket.delete(page.objects.map((o) => o.key));
      deleted += page.objects.length;
      if (!page.truncated) break;
    }
  }
  return deleted;
}
