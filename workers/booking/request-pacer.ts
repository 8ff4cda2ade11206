/** A documented request-rate limit: at most `count` requests in any `windowMs`. */
export interface RateRule {
  count: number;
  windowMs: number;
}

/**
 * Spaces requests so that none of the rules is ever exceeded: each `take()` reserves the earliest moment that keeps
 * every window under its count and waits until then. Reservations are made synchronously, so concurrent callers
 * of one isolate queue up in order instead of bursting together.
 */
export class RequestPacer {
  readonly #sent: number[] = [];
  readonly #horizon: number;
  constructor(
    private readonly rules: readonly RateRule[],
    private readonly clock: { now(): number; sleep(ms: number): Promise<void> } = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
  ) {
    this.#horizon = Math.max(...rules.map((r) => r.windowMs));
  }

  /** Resolves when one more request may go out. */
  async take(): Promise<void> {
    const now = this.clock.now();
    while (this.#sent.length && this.#sent[0]! <= now - this.#horizon) this.#sent.shift();
    let at = Math.max(now, this.#sent.at(-1) ?? now);
    for (const r of this.rules) {
      const nth = this.#sent[this.#sent.length - r.count];
      if (nth !== undefined && nth + r.windowMs > at) at = nth + r.windowMs;
    }
    this.#sent.push(at);
    if (at > now) await this.clock.sleep(at - now);
  }
}

const shared = new Map<string, RequestPacer>();

/** One pacer per API host and isolate: the documented limits count requests per client IP, not per company. */
export function sharedPacer(host: string, rules: readonly RateRule[]): RequestPacer {
  let p = shared.get(host);
  if (!p) shared.set(host, (p = new RequestPacer(rules)));
  return p;
}
