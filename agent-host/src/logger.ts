import { pino, type Logger } from 'pino';

/**
 * The agent-host logger. Messages are static strings; data goes in fields. Personal data
 * (phones, names, transcripts) only ever goes under the `pii` key, which is redacted unless
 * `LOG_PII=1` — so a log line can be shipped anywhere without leaking a caller.
 *
 * @example log.info({ callId, pii: { caller: '+79991234567' } }, 'call started')
 */
export function createLogger(opts: { level?: string; logPii?: boolean } = {}): Logger {
  return pino({
    name: 'agent-host',
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    ...(opts.logPii ?? process.env.LOG_PII === '1' ? {} : { redact: { paths: ['pii'], censor: '[pii]' } }),
  });
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = pino({ level: 'silent' });

export type { Logger };
