import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, gte, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import { CALL_STATUSES } from '../../db/schema.ts';
import { db, schema } from '../../db/client.ts';
import { hydrateCallRow } from '../../calls/content.ts';
import { exportCallsStream } from '../../calls/export.ts';
import { recordingLink } from '../../calls/recording-link.ts';
import { eraseCalls } from '../../lifecycle/erase.ts';
import { recordsForCall, type BookingRow, type LeadRow } from '../../postcall/records.ts';
import { auth } from '../auth.ts';
import { apiError, ErrorBodySchema } from '../errors.ts';
import { jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso } from '../tenancy.ts';

type CallRow = typeof schema.calls.$inferSelect;

export const CallSummarySchema = z.object({
  id: z.string(),
  bot_id: z.string(),
  started_at: z.string(),
  ended_at: z.string(),
  duration_ms: z.number(),
  caller_number: z.string().nullable(),
  called_number: z.string().nullable(),
  direction: z.string(),
  channel: z.string(),
  status: z.enum(CALL_STATUSES),
  ended_by: z.string(),
  scenario: z.string().nullable(),
  outcome: z.string().nullable(),
  summary: z.string().nullable(),
  turn_count: z.number(),
});
export const CallDetailSchema = CallSummarySchema.extend({
  transcript: z.array(z.object({ role: z.string(), text: z.string(), at: z.string() }).passthrough()),
  fields: z.record(z.string(), z.unknown()),
  metrics: z.array(z.record(z.string(), z.unknown())),
  extracted: z.record(z.string(), z.unknown()).nullable(),
  processing_error: z.string().nullable(),
  processed_at: z.string().nullable(),
  booking: z.object({ id: z.string(), outcome: z.string(), service: z.string().nullable(), date: z.string().nullable(), time: z.string().nullable(), phone: z.string().nullable(), name: z.string().nullable() }).nullable(),
  lead: z.object({ id: z.string(), outcome: z.string(), name: z.string().nullable(), phone: z.string().nullable(), intent: z.string().nullable(), quality: z.string().nullable() }).nullable(),
  recording: z.object({ url: z.string().describe('streams audio/ogg without an API key until expires_at'), expires_at: z.string() }).nullable()
    .describe('the call recording (bots with recording enabled), as a short-lived signed link'),
});

export const toCallSummary = (r: CallRow) => ({
  id: r.id,
  bot_id: r.botId,
  started_at: iso(r.startedAt)!,
  ended_at: iso(r.endedAt)!,
  duration_ms: r.durationMs,
  caller_number: r.callerNumber,
  called_number: r.calledNumber,
  direction: r.direction,
  channel: r.channel,
  status: r.status,
  ended_by: r.endedBy,
  scenario: r.scenario,
  outcome: r.outcome,
  summary: r.summary,
  turn_count: r.turnCount,
});
const toBooking = (b: BookingRow | null) => b && { id: b.id, outcome: b.outcome, service: b.service, date: b.date, time: b.time, phone: b.phone, name: b.name };
const toLead = (l: LeadRow | null) => l && { id: l.id, outcome: l.outcome, name: l.name, phone: l.phone, intent: l.intent, quality: l.quality };

export const toCallDetail = (
  r: CallRow,
  records: { booking: BookingRow | null; lead: LeadRow | null } = { booking: null, lead: null },
  recording: { url: string; expires_at: string } | null = null,
) => ({
  ...toCallSummary(r),
  booking: toBooking(records.booking),
  lead: toLead(records.lead),
  transcript: JSON.parse(r.transcriptJson),
  fields: JSON.parse(r.fieldsJson),
  metrics: JSON.parse(r.metricsJson),
  extracted: r.extractedJson ? JSON.parse(r.extractedJson) : null,
  processing_error: r.processingError,
  processed_at: iso(r.processedAt),
  recording,
});

/** Opaque keyset cursor over (started_at desc, id desc). */
const encodeCursor = (r: CallRow) => btoa(`${r.startedAt}:${r.id}`).replace(/=+$/, '');
function decodeCursor(cursor: string): { startedAt: number; id: string } {
  try {
    const [ms, ...rest] = atob(cursor).split(':');
    const startedAt = Number(ms);
    if (!Number.isFinite(startedAt) || rest.length === 0) throw new Error('bad');
    return { startedAt, id: rest.join(':') };
  } catch {
    throw apiError(422, 'validation_failed', 'request is invalid', [{ path: 'query.cursor', message: 'invalid cursor' }]);
  }
}

const errors = { 401: jsonResponse(ErrorBodySchema, 'Missing or invalid key'), 404: jsonResponse(ErrorBodySchema, 'Call not found'), 422: jsonResponse(ErrorBodySchema, 'Invalid filter') };

const ExportQuery = z.object({
  from: z.iso.datetime({ offset: true }).describe('started_at ≥ from'),
  to: z.iso.datetime({ offset: true }).describe('started_at < to'),
  bot_id: z.string().optional(),
});

const ListQuery = z.object({
  bot_id: z.string().optional(),
  status: z.enum(CALL_STATUSES).optional(),
  outcome: z.string().optional().describe('e.g. booking_created; "none" for calls without an outcome'),
  from: z.iso.datetime({ offset: true }).optional().describe('started_at ≥ from'),
  to: z.iso.datetime({ offset: true }).optional().describe('started_at < to'),
  phone: z.string().max(32).regex(/\d{3}/, 'at least 3 digits').optional().describe("Caller's number or a part of it (digits; spaces, dashes and +7/8 prefixes are ignored)"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
});

/** The digits to look for in stored E.164 numbers: a dictated 8XXXXXXXXXX is +7XXXXXXXXXX. */
const phoneDigits = (phone: string) => phone.replace(/\D/g, '').replace(/^8(\d{10})$/, '7$1');

export const calls = createRouter();
calls.use('*', auth());

calls.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['calls'],
    summary: 'List calls, newest first, with filters and cursor pagination',
    request: { query: ListQuery },
    responses: { 200: jsonResponse(z.object({ calls: z.array(CallSummarySchema), next_cursor: z.string().nullable() }), 'Calls'), ...errors },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const t = schema.calls;
    const where: (SQL | undefined)[] = [eq(t.companyId, c.get('companyId'))];
    if (q.bot_id) where.push(eq(t.botId, q.bot_id));
    if (q.status) where.push(eq(t.status, q.status));
    if (q.outcome) where.push(q.outcome === 'none' ? isNull(t.outcome) : eq(t.outcome, q.outcome));
    if (q.from) where.push(gte(t.startedAt, Date.parse(q.from)));
    if (q.to) where.push(lt(t.startedAt, Date.parse(q.to)));
    if (q.phone) where.push(like(t.callerNumber, `%${phoneDigits(q.phone)}%`)); // digits only: no LIKE wildcards
    if (q.cursor) {
      const cur = decodeCursor(q.cursor);
      where.push(or(lt(t.startedAt, cur.startedAt), and(eq(t.startedAt, cur.startedAt), lt(t.id, cur.id))));
    }
    const rows = await db(c.env.DB).select().from(t).where(and(...where)).orderBy(desc(t.startedAt), desc(t.id)).limit(q.limit + 1).all();
    const page = rows.slice(0, q.limit);
    const next = rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null;
    return c.json({ calls: page.map(toCallSummary), next_cursor: next }, 200);
  },
);

calls.openapi(
  createRoute({
    method: 'get',
    path: '/export',
    tags: ['calls'],
    summary: 'Export calls of a date range as NDJSON (one call detail per line, oldest first), streamed',
    request: { query: ExportQuery },
    responses: { 200: { description: 'One JSON call detail per line', content: { 'application/x-ndjson': { schema: z.string() } } }, ...errors },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (to <= from) throw apiError(422, 'validation_failed', 'request is invalid', [{ path: 'query.to', message: 'to must be after from' }]);
    const stream = exportCallsStream(c.env, { companyId: c.get('companyId'), from, to, ...(q.bot_id ? { botId: q.bot_id } : {}) }, (row, records) => toCallDetail(row, records));
    const name = `calls-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.ndjson`;
    return c.body(stream, 200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` }) as never;
  },
);

calls.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    tags: ['calls'],
    summary: 'Erase a call: its row, transcript, recording, booking/lead record and webhook payloads (personal data erasure)',
    request: { params: z.object({ id: z.string().min(1) }) },
    responses: { 204: { description: 'Erased' }, ...errors },
  }),
  async (c) => {
    const t = schema.calls;
    const row = await db(c.env.DB).select({ id: t.id, transcriptKey: t.transcriptKey, recordingKey: t.recordingKey }).from(t)
      .where(and(eq(t.id, c.req.valid('param').id), eq(t.companyId, c.get('companyId')))).get();
    if (!row) throw apiError(404, 'not_found', 'call not found');
    await eraseCalls(c.env, [row]);
    return c.body(null, 204);
  },
);

calls.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['calls'],
    summary: 'Call details with transcript, collected fields and per-turn timings',
    request: { params: z.object({ id: z.string().min(1) }) },
    responses: { 200: jsonResponse(CallDetailSchema, 'Call'), ...errors },
  }),
  async (c) => {
    const row = await db(c.env.DB).select().from(schema.calls)
      .where(and(eq(schema.calls.id, c.req.valid('param').id), eq(schema.calls.companyId, c.get('companyId')))).get();
    if (!row) throw apiError(404, 'not_found', 'call not found');
    const [full, records] = await Promise.all([hydrateCallRow(c.env.CALLS, row), recordsForCall(db(c.env.DB), row.id)]);
    const recording = row.recordingKey ? await recordingLink(c.env, row.id, row.recordingKey, Date.now()) : null;
    return c.json(toCallDetail(full, records, recording), 200);
  },
);
