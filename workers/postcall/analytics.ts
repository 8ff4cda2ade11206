import { and, count, desc, eq, gte, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { schema, type Db } from '../db/client.ts';
import { NO_RESULT_OUTCOMES } from './records.ts';

/** Calls scanned for latency percentiles and the hour histogram (the most recent ones in the range). */
export const MAX_SCANNED_CALLS = 10_000;

export interface AnalyticsQuery {
  companyId: string;
  botId?: string;
  /** Epoch ms, inclusive, on `started_at`. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** IANA zone for `calls_by_hour`. */
  timezone: string;
}

/** The dashboard numbers for a set of calls. */
export interface Analytics {
  calls: number;
  /** Calls that reached a result: an outcome other than a wrong number or a caller with no request. */
  completed: number;
  outcomes: Record<string, number>;
  /** completed / calls, 4 decimals; 0 without calls. `outcomes` still counts every outcome. */
  conversion_rate: number;
  avg_duration_ms: number | null;
  avg_turns: number | null;
  /** Nearest-rank percentiles of per-turn `total_ms` (end of caller speech → first bot reply). */
  response_latency_ms: { p50: number | null; p95: number | null; samples: number };
  /** 24 counts, index = hour of `started_at` in `timezone`. */
  calls_by_hour: number[];
  timezone: string;
  /** True when more calls matched than {@link MAX_SCANNED_CALLS}: latency and hours cover the newest ones only. */
  sampled: boolean;
}

/** Nearest-rank percentile (q in 0..1) of ascending-sorted values. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** True when `tz` is an IANA zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Hour of day (0–23) of an instant in a zone. */
export function hourIn(ms: number, formatter: Intl.DateTimeFormat): number {
  const hour = formatter.formatToParts(new Date(ms)).find((p) => p.type === 'hour')?.value;
  return Number(hour) % 24;
}

const LatencySchema = z.array(z.object({ total_ms: z.number().min(0) }).loose());

function latencies(metricsJson: string): number[] {
  try {
    const parsed = LatencySchema.safeParse(JSON.parse(metricsJson));
    return parsed.success ? parsed.data.map((m) => m.total_ms) : [];
  } catch {
    return [];
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Aggregates over the company's calls (optionally one bot, a time range) — exact counts and averages in SQL. */
export async function computeAnalytics(d: Db, q: AnalyticsQuery): Promise<Analytics> {
  const t = schema.calls;
  const where: SQL[] = [eq(t.companyId, q.companyId)];
  if (q.botId) where.push(eq(t.botId, q.botId));
  if (q.from !== undefined) where.push(gte(t.startedAt, q.from));
  if (q.to !== undefined) where.push(lt(t.startedAt, q.to));
  const filter = and(...where);

  const [totals, byOutcome, scanned] = await Promise.all([
    d.select({
      calls: count(),
      completed: sql<number>`coalesce(sum(${t.outcome} is not null and ${t.outcome} not in (${sql.join(NO_RESULT_OUTCOMES.map((o) => sql`${o}`), sql`, `)})), 0)`,
      avgDuration: sql<number | null>`avg(${t.durationMs})`,
      avgTurns: sql<number | null>`avg(${t.turnCount})`,
    }).from(t).where(filter).get(),
    d.select({ outcome: t.outcome, n: count() }).from(t).where(and(filter, isNotNull(t.outcome))).groupBy(t.outcome).all(),
    d.select({ startedAt: t.startedAt, latenciesJson: t.latenciesJson, metricsJson: t.metricsJson }).from(t).where(filter)
      .orderBy(desc(t.startedAt)).limit(MAX_SCANNED_CALLS).all(),
  ]);

  const formatter = new Intl.DateTimeFormat('en-GB', { timeZone: q.timezone, hour: '2-digit', hourCycle: 'h23' });
  const byHour = Array<number>(24).fill(0);
  const samples: number[] = [];
  for (const row of scanned) {
    byHour[hourIn(row.startedAt, formatter)]! += 1;
    // Rows stored since the R2 move keep only `total_ms` per turn in D1; older rows have the full metrics inline.
    samples.push(...(row.latenciesJson ? (JSON.parse(row.latenciesJson) as number[]) : latencies(row.metricsJson)));
  }
  samples.sort((a, b) => a - b);

  const calls = totals?.calls ?? 0;
  const completed = Number(totals?.completed ?? 0);
  return {
    calls,
    completed,
    outcomes: Object.fromEntries(byOutcome.map((r) => [r.outcome!, r.n])),
    conversion_rate: calls ? round(completed / calls, 4) : 0,
    avg_duration_ms: totals?.avgDuration == null ? null : Math.round(totals.avgDuration),
    avg_turns: totals?.avgTurns == null ? null : round(totals.avgTurns, 2),
    response_latency_ms: { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), samples: samples.length },
    calls_by_hour: byHour,
    timezone: q.timezone,
    sampled: calls > scanned.length,
  };
}
