import { z } from 'zod';

/**
 * How a call ended: the bot closed it, the caller hung up or said goodbye, the turn limit, silence, or the call was
 * transferred to a person.
 */
export const ENDED_BY = ['bot', 'caller', 'max_turns', 'silence', 'error', 'transfer'] as const;
export const EndedBySchema = z.enum(ENDED_BY);
export type EndedBy = z.infer<typeof EndedBySchema>;

/** Where a bot reply came from: the scenario script, the knowledge base, the LLM, or the fallback phrase. */
export const REPLY_SOURCES = ['scripted', 'knowledge', 'llm', 'fallback'] as const;
export const ReplySourceSchema = z.enum(REPLY_SOURCES);
export type ReplySource = z.infer<typeof ReplySourceSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

export const TurnSchema = z.strictObject({
  role: z.enum(['bot', 'caller']),
  text: z.string(),
  at: isoDateTime,
  /** For bot turns: where the reply came from. */
  source: ReplySourceSchema.optional(),
});
export type Turn = z.infer<typeof TurnSchema>;

/** Timings of one caller → bot exchange, in ms; stages that did not run are absent. */
export const TurnMetricsSchema = z.strictObject({
  turn: z.number().int().min(0),
  source: ReplySourceSchema,
  /** Time spent in our own code (engine, prompt building, glue). */
  engine_ms: z.number().min(0),
  /** End of caller speech → final transcript. */
  stt_ms: z.number().min(0).optional(),
  /** Request → first LLM token. */
  llm_first_token_ms: z.number().min(0).optional(),
  /** Knowledge search round trip. */
  kb_ms: z.number().min(0).optional(),
  /** Text handed to TTS → first audio byte. */
  tts_first_byte_ms: z.number().min(0).optional(),
  /** End of caller speech → first bot audio (or reply text in text mode). */
  total_ms: z.number().min(0),
});
export type TurnMetrics = z.infer<typeof TurnMetricsSchema>;

/**
 * Outcomes the engine sets by itself, besides a scenario's `on_complete`: the call went to a person, the caller asked
 * to be called back, dialled the wrong business, or never said what they wanted.
 */
export const BUILT_IN_OUTCOMES = ['transferred', 'callback_requested', 'wrong_number', 'no_intent'] as const;
export type BuiltInOutcome = (typeof BUILT_IN_OUTCOMES)[number];

export const FieldValueSchema = z.union([z.string(), z.number()]);

/**
 * Everything the agent-host knows about a finished call; posted once, at hang-up, to `POST /internal/calls`.
 */
export const CallResultSchema = z.strictObject({
  call_id: z.string().regex(/^[A-Za-z0-9_.:-]{6,128}$/, 'call_id: 6–128 chars of letters, digits, _ . : -'),
  bot_id: z.string().min(1),
  started_at: isoDateTime,
  ended_at: isoDateTime,
  caller_number: z.string().max(32).nullable().default(null),
  called_number: z.string().max(32).nullable().default(null),
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  channel: z.enum(['phone', 'simulator', 'web']).default('phone'),
  turns: z.array(TurnSchema).max(2000),
  scenario: z.string().nullable().default(null),
  fields: z.record(z.string(), FieldValueSchema).default({}),
  outcome: z.string().nullable(),
  ended_by: EndedBySchema,
  metrics: z.array(TurnMetricsSchema).default([]),
  /** What failed inside the agent during the call (it went on with an apology, or ended with `ended_by: "error"`). */
  errors: z.array(z.strictObject({ stage: z.string().max(32), error: z.string().max(300) })).max(20).optional(),
  /** Object key of the call's recording in the calls bucket (LiveKit Egress → R2), when the bot records calls. */
  recording_key: z.string().regex(/^recordings\/[A-Za-z0-9_.:/-]{1,400}\.ogg$/, 'recording_key: recordings/….ogg').optional(),
});
export type CallResult = z.infer<typeof CallResultSchema>;
export type CallResultInput = z.input<typeof CallResultSchema>;
