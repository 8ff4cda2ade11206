import { ProviderError, type ProviderKind, messageOf } from './errors.ts';
import type { ProviderHealth } from './health.ts';
import { healthKey } from './health-tracking.ts';

/** One provider of a chain, built and ready. */
export interface ChainMember<T> {
  name: string;
  instance: T;
}

/** Raised when no provider of a kind can be built or all are marked unavailable (bad keys, region blocks). */
export class NoProviderAvailableError extends ProviderError {
  readonly reasons: readonly string[];
  constructor(kind: ProviderKind, reasons: readonly string[]) {
    super(`no ${kind} provider available: ${reasons.join('; ') || 'none configured'}`, {
      provider: 'chain',
      kind,
      retryable: false,
      fatal: true,
    });
    this.name = 'NoProviderAvailableError';
    this.reasons = reasons;
  }
}

/**
 * Build chain members in config order: providers marked unavailable (fatal) are left out, providers
 * cooling down go to the end (used only if the healthy ones fail), build errors (missing key)
 * mark the provider unavailable and are reported in the thrown error when nothing is left.
 */
export function selectMembers<R extends { name: string }, T>(
  kind: ProviderKind,
  refs: readonly R[],
  health: ProviderHealth,
  build: (ref: R) => T,
): ChainMember<T>[] {
  const healthy: ChainMember<T>[] = [];
  const cooling: ChainMember<T>[] = [];
  const reasons: string[] = [];
  const snapshot = health.snapshot();
  for (const ref of refs) {
    const key = healthKey(kind, ref.name);
    const state = snapshot[key];
    if (state?.status === 'unavailable') {
      reasons.push(`${ref.name}: ${state.lastError ?? 'unavailable'}`);
      continue;
    }
    try {
      const member = { name: ref.name, instance: build(ref) };
      (health.isAvailable(key) ? healthy : cooling).push(member);
    } catch (e) {
      health.markFailure(key, e);
      reasons.push(`${ref.name}: ${messageOf(e)}`);
    }
  }
  const members = [...healthy, ...cooling];
  if (members.length === 0) throw new NoProviderAvailableError(kind, reasons);
  return members;
}
