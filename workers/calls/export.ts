import { and, asc, eq, gt, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import { db, schema } from '../db/client.ts';
import type { Env } from '../env.ts';
import { hydrateCallRow } from './content.ts';

type CallRow = typeof schema.calls.$inferSelect;
type BookingRow = typeof schema.bookings.$inferSelect;
type LeadRow = typeof schema.leads.$inferSelect;
export type ExportRender = (row: CallRow, records: { booking: BookingRow | null; lead: LeadRow | null }) => unknown;

export interface ExportQuery {
  companyId: string;
  /** Epoch ms, inclusive, on started_at. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  botId?: string;
}

/** Calls read from D1 (and their documents from R2) per pull: memory stays flat however long the range. */
const PAGE = 50;

/**
 * NDJSON of the company's calls in the range, oldest first, one `render(row)` per line, transcript included.
 * Pages by keyset (started_at, id) as the reader pulls, so the export streams rather than building in memory.
 */
export function exportCallsStream(env: Pick<Env, 'DB' | 'CALLS'>, q: ExportQuery, render: ExportRender): ReadableStream<Uint8Array> {
  const d = db(env.DB);
  const t = schema.calls;
  const encoder = new TextEncoder();
  let cursor: { startedAt: number; id: string } | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const where: (SQL | undefined)[] = [eq(t.companyId, q.companyId), gte(t.startedAt, q.from), lt(t.startedAt, q.to)];
      if (q.botId) where.push(eq(t.botId, q.botId));
      if (cursor) where.push(or(gt(t.startedAt, cursor.startedAt), and(eq(t.startedAt, cursor.startedAt), gt(t.id, cursor.id))));
      const rows = await d.select().from(t).where(and(...where)).orderBy(asc(t.startedAt), asc(t.id)).limit(PAGE).all();
      if (rows.length === 0) return controller.close();
      const ids = rows.map((r) => r.id);
      const [bookings, leads, hydrated] = await Promise.all([
        d.select().from(schema.bookings).where(inArray(schema.bookings.callId, ids)).all(),
        d.select().from(schema.leads).where(inArray(schema.leads.callId, ids)).all(),
        Promise.all(rows.map((r) => hydrateCallRow(env.CALLS, r))),
      ]);
      const lines = hydrated.map((r) => JSON.stringify(render(r, {
        booking: bookings.find((b) => b.callId === r.id) ?? null,
        lead: leads.find((l) => l.callId === r.id) ?? null,
      })));
      controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
      const last = rows[rows.length - 1]!;
      cursor = { startedAt: last.startedAt, id: last.id };
      if (rows.length < PAGE) controller.close();
    },
  });
}
