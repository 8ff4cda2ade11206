import { z } from 'zod';

const DURATION_RE = /^(\d{1,4})\s*(m|min|h|d)$/;
const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** "24h" → 86 400 000, "90m" → 5 400 000, "1d" → 86 400 000; null for anything else. */
export function durationMs(text: string): number | null {
  const m = DURATION_RE.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null;
}

const Duration = (what: string, minMs: number, maxMs: number) =>
  z.string().refine((v) => {
    const ms = durationMs(v);
    return ms !== null && ms >= minMs && ms <= maxMs;
  }, `${what}: a duration such as "24h", "90m" or "2d", from ${minMs / 60_000} min to ${maxMs / 3_600_000} h`);

const HHMM = '([01]\\d|2[0-3]):[0-5]\\d';
const Window = z.string().regex(new RegExp(`^${HHMM}\\s*-\\s*(${HHMM}|24:00)$`), 'window: "HH:MM-HH:MM", e.g. "10:00-20:00"')
  .refine((w) => { const [a, b] = w.split('-').map((s) => s.trim()); return a! < b!; }, 'window: the start must be before the end');

/**
 * Reminder calls before appointments (bots with `booking:`): the bot calls the customer `before` the visit, only
 * inside `window` (the bot's time zone), and lets them confirm, cancel or move it.
 * @example reminders: { before: "24h", window: "10:00-20:00", tries: 2, retry_after: "1h", voicemail: message }
 */
export const RemindersConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** How long before the appointment the call is due. */
  before: Duration('before', 60 * 60_000, 7 * 86_400_000).default('24h'),
  /** Calls only between these local times. */
  window: Window.default('10:00-20:00'),
  /** Dial attempts when nobody answers or the line is busy. */
  tries: z.number().int().min(1).max(5).default(2),
  retry_after: Duration('retry_after', 10 * 60_000, 24 * 3_600_000).default('1h'),
  /** An answering machine: leave a short message after the beep, or hang up (counts as unanswered). */
  voicemail: z.enum(['message', 'hangup']).default('message'),
  /** What the bot says first; default «Здравствуйте! Это <компания>. Напоминаем о записи…». */
  phrase: z.string().min(1).max(300).optional(),
  /** The message left on an answering machine. */
  voicemail_message: z.string().min(1).max(300).optional(),
});
export type RemindersConfig = z.infer<typeof RemindersConfigSchema>;
