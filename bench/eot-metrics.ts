/**
 * eot-bench's policy sweep on span-level predictions: a policy (threshold, action delay, timeout)
 * ends the turn at the first scored moment of a silence at or after the action delay where
 * p_eot ≥ threshold, else at the timeout. On a mid-turn pause (`hold`) that is a false cut-off if
 * it comes before the caller goes on; on the true end (`eot`) it is the dead air the caller hears.
 */

/** The scores of one silence span: p_eot at each scored moment `t` (s into the silence). */
export interface SpanScores {
  label: 'hold' | 'eot';
  duration: number;
  points: { t: number; p: number }[];
}

export interface Policy {
  threshold: number;
  actionDelay: number;
  timeout: number;
}

export interface OperatingPoint extends Policy {
  cutoffRate: number;
  meanLatencyMs: number;
}

/** Moments (s into a silence) where detectors are scored: the policy grid's delays. */
export const SCORE_POINTS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.2, 1.5, 2, 2.5, 3];
/** eot-bench keeps pause spans of 0.2–5 s. */
export const MIN_HOLD_S = 0.2;
export const MAX_HOLD_S = 5;

/** When the policy ends the turn in this span (s), or Infinity when the span ends first. */
export function fireTime(span: SpanScores, policy: Policy): number {
  for (const { t, p } of span.points) {
    if (t > policy.timeout + 1e-9) break;
    if (t + 1e-9 >= policy.actionDelay && p >= policy.threshold) return t;
  }
  return policy.timeout <= span.duration + 1e-9 ? policy.timeout : Number.POSITIVE_INFINITY;
}

export function evaluate(spans: readonly SpanScores[], policy: Policy): OperatingPoint {
  const holds = spans.filter((s) => s.label === 'hold' && s.duration >= MIN_HOLD_S && s.duration <= MAX_HOLD_S);
  const eots = spans.filter((s) => s.label === 'eot');
  const cut = holds.filter((s) => fireTime(s, policy) < s.duration - 1e-9).length;
  const latencies = eots.map((s) => Math.min(fireTime(s, policy), s.duration));
  return {
    ...policy,
    cutoffRate: holds.length ? cut / holds.length : 0,
    meanLatencyMs: (1000 * latencies.reduce((a, b) => a + b, 0)) / Math.max(1, latencies.length),
  };
}

/** Every policy of the grid (threshold fixed, or swept over 0.05…0.95). */
export function sweep(spans: readonly SpanScores[], thresholds: readonly number[]): OperatingPoint[] {
  const out: OperatingPoint[] = [];
  for (const threshold of thresholds) {
    for (const actionDelay of SCORE_POINTS) {
      for (const timeout of SCORE_POINTS) if (timeout >= actionDelay) out.push(evaluate(spans, { threshold, actionDelay, timeout }));
    }
  }
  return out;
}

export const SWEPT_THRESHOLDS = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

/** The fewest false cut-offs with a mean latency within `budgetMs` (null: no policy is that fast). */
export function bestCutoffAtLatency(points: readonly OperatingPoint[], budgetMs: number): OperatingPoint | null {
  return points.filter((p) => p.meanLatencyMs <= budgetMs + 1e-6).reduce<OperatingPoint | null>((b, p) => (!b || p.cutoffRate < b.cutoffRate || (p.cutoffRate === b.cutoffRate && p.meanLatencyMs < b.meanLatencyMs) ? p : b), null);
}

/** The lowest mean latency with false cut-offs within `budget` (a share). */
export function bestLatencyAtCutoff(points: readonly OperatingPoint[], budget: number): OperatingPoint | null {
  return points.filter((p) => p.cutoffRate <= budget + 1e-9).reduce<OperatingPoint | null>((b, p) => (!b || p.meanLatencyMs < b.meanLatencyMs || (p.meanLatencyMs === b.meanLatencyMs && p.cutoffRate < b.cutoffRate) ? p : b), null);
}
