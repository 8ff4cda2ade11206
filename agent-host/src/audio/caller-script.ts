import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(ms|s)$/;

/** "800ms", "1.5s" → milliseconds. */
export function parseDuration(text: string): number | null {
  const m = DURATION_RE.exec(text.trim());
  if (!m) return null;
  return m[2] === 's' ? Number(m[1]) * 1000 : Number(m[1]);
}

const Duration = z.string().transform((s, ctx) => {
  const ms = parseDuration(s);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a duration like "800ms" or "1.5s"` });
    return z.NEVER;
  }
  return ms;
});

/** What a turn is, for the benchmark's per-kind figures. */
export const TURN_KINDS = ['short_answer', 'full_phone', 'knowledge', 'partial_phone', 'other'] as const;

/** `say` text: chunks of speech with pauses between them, "восемь девятьсот | 800ms | сто двадцать три". */
export type SpeechPart = { say: string } | { pauseMs: number };

export function parseSay(text: string): SpeechPart[] {
  return text
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const ms = parseDuration(p);
      return ms === null ? { say: p } : { pauseMs: ms };
    });
}

const SayTurn = z.strictObject({
  say: z.string().min(1).transform(parseSay),
  /** Start this long after the bot's next reply starts playing (talk over it); default: after the reply. */
  over_reply: Duration.optional(),
  /** Pause after the bot's reply before speaking (when not talking over it). */
  after: Duration.default(300),
  /** An "угу"/"ага" said over the bot: it must not take the turn. */
  backchannel: z.boolean().default(false),
  kind: z.enum(TURN_KINDS).default('other'),
});

const SilenceTurn = z.strictObject({
  /** Say nothing this long after the bot's reply (the bot should reprompt). */
  silence: Duration,
});

export const CallerScriptSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Line noise this many dB below the caller's speech; none when absent. */
  noise_snr_db: z.number().min(-10).max(80).optional(),
  /** How long the caller waits for the bot's reply before going on anyway. */
  reply_timeout: Duration.default(30_000),
  // A turn with `silence` is a silence, any other a `say` (so errors name the field, not "invalid union").
  turns: z.array(z.unknown().transform((t, ctx) => {
    const schema = t !== null && typeof t === 'object' && 'silence' in t ? SilenceTurn : SayTurn;
    const r = schema.safeParse(t);
    if (r.success) return r.data as z.infer<typeof SayTurn> | z.infer<typeof SilenceTurn>;
    for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
    return z.NEVER;
  })).min(1),
});

export type CallerScript = z.infer<typeof CallerScriptSchema>;
export type CallerTurn = CallerScript['turns'][number];
export type SayTurnSpec = z.infer<typeof SayTurn>;

/** Parse a caller script (YAML); throws an Error naming the problem. */
export function parseCallerScript(yamlText: string): CallerScript {
  const parsed = CallerScriptSchema.safeParse(parseYaml(yamlText));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`caller script: ${issues}`);
  }
  return parsed.data;
}

export const isSilence = (t: CallerTurn): t is z.infer<typeof SilenceTurn> => 'silence' in t;
