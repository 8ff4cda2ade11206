/** Turn-latency histogram buckets in ms (voice turns: sub-second is the goal). */
export const TURN_LATENCY_BUCKETS_MS = [100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000] as const;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string>): string {
  const body = Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',');
  return body ? `{${body}}` : '';
}

/**
 * A tiny Prometheus registry for the agent-host (no client package): active calls gauge,
 * calls counter, turn latency histogram by reply source, provider error counter by kind/name.
 */
export class MetricsRegistry {
  #activeCalls = 0;
  #callsTotal = 0;
  readonly #turns = new Map<string, Histogram>();
  readonly #providerErrors = new Map<string, { kind: string; name: string; count: number }>();

  callStarted(): void {
    this.#activeCalls += 1;
    this.#callsTotal += 1;
  }

  callEnded(): void {
    this.#activeCalls = Math.max(0, this.#activeCalls - 1);
  }

  /** Record one turn's latency (end of caller speech → first bot audio) by reply source (scenario, llm, kb…). */
  observeTurn(ms: number, source: string): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    let h = this.#turns.get(source);
    if (!h) {
      h = { counts: TURN_LATENCY_BUCKETS_MS.map(() => 0), sum: 0, count: 0 };
      this.#turns.set(source, h);
    }
    TURN_LATENCY_BUCKETS_MS.forEach((le, i) => {
      if (ms <= le) h.counts[i] = (h.counts[i] ?? 0) + 1;
    });
    h.sum += ms;
    h.count += 1;
  }

  providerError(kind: string, name: string): void {
    const key = `${kind}\u0000${name}`;
    const entry = this.#providerErrors.get(key) ?? { kind, name, count: 0 };
    entry.count += 1;
    this.#providerErrors.set(key, entry);
  }

  /** Prometheus text exposition format 0.0.4. */
  render(): string {
    const lines: string[] = [
      '# HELP voicebot_active_calls Calls in progress on this agent-host.',
      '# TYPE voicebot_active_calls gauge',
      `voicebot_active_calls ${this.#activeCalls}`,
      '# HELP voicebot_calls_total Calls started since process start.',
      '# TYPE voicebot_calls_total counter',
      `voicebot_calls_total ${this.#callsTotal}`,
      '# HELP voicebot_turn_latency_ms Time from end of caller speech to first bot audio, by reply source.',
      '# TYPE voicebot_turn_latency_ms histogram',
    ];
    for (const [source, h] of [...this.#turns].sort(([a], [b]) => a.localeCompare(b))) {
      TURN_LATENCY_BUCKETS_MS.forEach((le, i) => {
        lines.push(`voicebot_turn_latency_ms_bucket${labels({ source, le: String(le) })} ${h.counts[i] ?? 0}`);
      });
      lines.push(`voicebot_turn_latency_ms_bucket${labels({ source, le: '+Inf' })} ${h.count}`);
      lines.push(`voicebot_turn_latency_ms_sum${labels({ source })} ${h.sum}`);
      lines.push(`voicebot_turn_latency_ms_count${labels({ source })} ${h.count}`);
    }
    lines.push(
      '# HELP voicebot_provider_errors_total Errors from external providers, by kind and name.',
      '# TYPE voicebot_provider_errors_total counter',
    );
    for (const e of [...this.#providerErrors.values()].sort((a, b) => `${a.kind}${a.name}`.localeCompare(`${b.kind}${b.name}`))) {
      lines.push(`voicebot_provider_errors_total${labels({ kind: e.kind, name: e.name })} ${e.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** The process-wide registry the pipeline reports into and `GET /metrics` renders. */
export const metrics: Pick<MetricsRegistry, 'callStarted' | 'callEnded' | 'observeTurn' | 'providerError' | 'render'> =
  new MetricsRegistry();
