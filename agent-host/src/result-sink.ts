import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CallResult } from '../../core/call-result.ts';
import { ApiError, type ApiClient } from './api-client.ts';
import { silentLogger, type Logger } from './logger.ts';

/** Options for {@link ResultSink}. */
export interface ResultSinkOptions {
  client: Pick<ApiClient, 'postCallResult'>;
  /** Directory for results the API could not take yet (default `.spool`). */
  spoolDir?: string;
  /** Tries per result before spooling. */
  attempts?: number;
  /** Backoff: base × 2^(try-1), capped, with ±20 % jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export const defaultResultSinkOptions = { spoolDir: '.spool', attempts: 4, baseDelayMs: 250, maxDelayMs: 4000 } as const;

/** What happened to one result: delivered, kept on disk for later, or refused by the API (kept aside). */
export type SinkOutcome = 'sent' | 'spooled' | 'rejected';

/**
 * Delivers each finished call's {@link CallResult} to `POST /internal/calls` exactly once per call,
 * after the call: retries with backoff, then spools to disk; `resendSpooled()` (run at start)
 * delivers what is left. A 409 counts as delivered (the API already has that call id).
 */
export class ResultSink {
  readonly #o: Required<Omit<ResultSinkOptions, 'logger' | 'sleep'>> & { logger: Logger; sleep: (ms: number) => Promise<void> };

  constructor(opts: ResultSinkOptions) {
    this.#o = {
      ...defaultResultSinkOptions,
      logger: silentLogger,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      ...opts,
    };
  }

  get spoolDir(): string {
    return this.#o.spoolDir;
  }

  /** Deliver one result (retrying), or spool it. Never throws for API trouble. */
  async submit(result: CallResult): Promise<SinkOutcome> {
    const outcome = await this.#deliver(result);
    if (outcome === 'sent') return 'sent';
    await this.#spool(result, outcome === 'rejected' ? 'rejected' : '');
    this.#o.logger.warn({ callId: result.call_id, outcome }, 'call result kept on disk');
    return outcome === 'rejected' ? 'rejected' : 'spooled';
  }

  /** Re-send every spooled result once (no backoff loop); delivered files are removed. */
  async resendSpooled(): Promise<{ sent: number; kept: number }> {
    let names: string[];
    try {
      names = (await readdir(this.#o.spoolDir)).filter((n) => n.endsWith('.json'));
    } catch {
      return { sent: 0, kept: 0 };
    }
    let sent = 0;
    let kept = 0;
    for (const name of names.sort()) {
      const path = join(this.#o.spoolDir, name);
      const result = JSON.parse(await readFile(path, 'utf8')) as CallResult;
      const outcome = await this.#deliver(result, 1);
      if (outcome === 'sent') {
        await unlink(path);
        sent += 1;
      } else if (outcome === 'rejected') {
        await this.#spool(result, 'rejected');
        await unlink(path);
      } else {
        kept += 1;
      }
    }
    if (names.length) this.#o.logger.info({ sent, kept }, 'spooled call results re-sent');
    return { sent, kept };
  }

  async #deliver(result: CallResult, attempts = this.#o.attempts): Promise<'sent' | 'retry' | 'rejected'> {
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        await this.#o.client.postCallResult(result);
        return 'sent';
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) return 'sent';
        if (err instanceof ApiError && !err.retryable) {
          this.#o.logger.error({ callId: result.call_id, status: err.status, err: err.message }, 'API refused call result');
          return 'rejected';
        }
        this.#o.logger.warn({ callId: result.call_id, attempt, err: (err as Error).message }, 'call result post failed');
        if (attempt < attempts) await this.#o.sleep(this.#backoff(attempt));
      }
    }
    return 'retry';
  }

  #backoff(attempt: number): number {
    const raw = Math.min(this.#o.maxDelayMs, this.#o.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(raw * (0.8 + Math.random() * 0.4));
  }

  async #spool(result: CallResult, sub: string): Promise<void> {
    const dir = sub ? join(this.#o.spoolDir, sub) : this.#o.spoolDir;
    // Callers' numbers and words: readable by the agent-host's user only.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${result.call_id}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(result), { mode: 0o600 });
    await rename(tmp, file); // atomic: a crash never leaves half a result that re-sends as garbage
  }
}
