import { describe, expect, it } from 'vitest';
import { bestCutoffAtLatency, bestLatencyAtCutoff, evaluate, SCORE_POINTS, sweep, type SpanScores } from '../../../bench/eot-metrics.ts';

/** A silence of `duration` s scored `p(t)` at the grid's moments inside it. */
const span = (label: SpanScores['label'], duration: number, p: (t: number) => number): SpanScores => ({
  label,
  duration,
  points: SCORE_POINTS.filter((t) => t <= duration).map((t) => ({ t, p: p(t) })),
});

// Four callers: two pause mid-turn (0.4 s, 1.2 s) before going on, all four finish with 3 s of silence.
const holds = [span('hold', 0.4, () => 1), span('hold', 1.2, () => 1)];
const ends = Array.from({ length: 4 }, () => span('eot', 3, () => 1));

describe('end-of-turn policy sweep (eot-bench method)', () => {
  it('silence timing alone cuts every pause longer than its delay and answers after that delay', () => {
    expect(evaluate([...holds, ...ends], { threshold: 1, actionDelay: 0.3, timeout: 3 })).toMatchObject({ cutoffRate: 1, meanLatencyMs: 300 });
    expect(evaluate([...holds, ...ends], { threshold: 1, actionDelay: 0.5, timeout: 3 })).toMatchObject({ cutoffRate: 0.5, meanLatencyMs: 500 });
    const points = sweep([...holds, ...ends], [1]);
    expect(bestLatencyAtCutoff(points, 0.05)).toMatchObject({ cutoffRate: 0, meanLatencyMs: 1200 });
    expect(bestCutoffAtLatency(points, 300)).toMatchObject({ cutoffRate: 1 });
  });

  it('a detector that tells pauses from ends answers at once without cutting anyone off', () => {
    const smart = [span('hold', 0.4, () => 0.1), span('hold', 1.2, () => 0.1), ...Array.from({ length: 4 }, () => span('eot', 3, () => 0.9))];
    const points = sweep(smart, [0.5]);
    expect(bestCutoffAtLatency(points, 300)).toMatchObject({ cutoffRate: 0, meanLatencyMs: 100 });
    // the timeout still ends a pause longer than it
    expect(evaluate(smart, { threshold: 0.5, actionDelay: 0.1, timeout: 1 }).cutoffRate).toBe(0.5);
  });

  it('gives no operating point when no policy meets the budget', () => {
    expect(bestCutoffAtLatency(sweep(ends.map((e) => span('eot', e.duration, () => 0)), [0.5]), 50)).toBeNull();
  });
});
