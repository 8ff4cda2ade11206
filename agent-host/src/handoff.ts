import type { BrainReply, CallBrain } from './call-brain.ts';
import type { Logger } from './logger.ts';

/** Hands the call to a person (config `handoff.to`); rejects when it cannot (a LiveKit error, no SIP caller). */
export type TransferFn = (to: string) => Promise<void>;

/** How long a transfer may take before the caller hears the fallback, unless the host sets its own bound. */
export const DEFAULT_TRANSFER_TIMEOUT_MS = 8_000;

/**
 * Carries out the brain's transfer before the call's result is made. Resolves null once the call is handed
 * over; otherwise (an error, or no answer within `timeoutMs`) tells the brain why — the engine reopens the call
 * as a callback request and the reason lands in the CallResult's errors — and resolves to the brain's reply.
 */
export async function attemptTransfer(
  brain: Pick<CallBrain, 'onTransferFailed'>,
  transfer: TransferFn,
  to: string,
  opts: { timeoutMs: number; logger: Logger },
): Promise<BrainReply | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
  });
  try {
    await Promise.race([transfer(to), deadline]);
    return null;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    opts.logger.warn({ err: reason }, 'transfer to a person failed; taking a callback request');
    return (await brain.onTransferFailed?.(`transfer to ${to} failed: ${reason}`)) ?? null;
  } finally {
    clearTimeout(timer);
  }
}
