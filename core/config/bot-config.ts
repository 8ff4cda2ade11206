import { z } from 'zod';

/** Value types the engine knows how to understand and normalize. */
export const FIELD_TYPES = ['date', 'time', 'phone', 'name', 'text', 'number', 'enum'] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** An enum option: a plain value, or a value with the words callers use for it. */
export const EnumOptionSchema = z.union([
  z.string().min(1),
  z.strictObject({
    value: z.string().min(1),
    synonyms: z.array(z.string().min(1)).default([]),
  }),
]);
export type EnumOption = z.infer<typeof EnumOptionSchema>;

export const CollectFieldSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'field name must be snake_case latin, e.g. "service"'),
    prompt: z.string().min(1),
    type: FieldTypeSchema.optional(),
    options: z.array(EnumOptionSchema).min(1).optional(),
    required: z.boolean().default(true),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'enum' && !field.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a field of type "enum" needs "options"' });
    }
  });
export type CollectField = z.infer<typeof CollectFieldSchema>;

export const ScenarioSchema = z.strictObject({
  name: z.string().min(1),
  trigger_keywords: z.array(z.string().min(1)).default([]),
  collect_fields: z.array(CollectFieldSchema).default([]),
  on_complete: z.string().min(1).optional(),
  use_knowledge_base: z.boolean().default(false),
  /** Read the collected values back and ask to confirm before completing (default on when fields are collected). */
  confirm: z.boolean().optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

const ProviderRefSchema = <N extends readonly [string, ...string[]]>(names: N) =>
  z.strictObject({
    name: z.enum(names),
    model: z.string().min(1).optional(),
    voice: z.string().min(1).optional(),
    language: z.string().min(2).optional(),
  });

/** One provider, or an ordered fallback chain of providers, of one kind. */
const chain = <N extends readonly [string, ...string[]]>(names: N) => {
  const ref = ProviderRefSchema(names);
  return z.union([ref, z.array(ref).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
};

export const LLM_PROVIDERS = ['ollama', 'groq'] as const;
export const STT_PROVIDERS = ['deepgram', 'whisper'] as const;
export const TTS_PROVIDERS = ['cartesia', 'elevenlabs', 'espeak'] as const;
export const TELEPHONY_PROVIDERS = ['livekit', 'exolve', 'twilio'] as const;

export const ProvidersSchema = z.strictObject({
  llm: chain(LLM_PROVIDERS).optional(),
  stt: chain(STT_PROVIDERS).optional(),
  tts: chain(TTS_PROVIDERS).optional(),
  telephony: ProviderRefSchema(TELEPHONY_PROVIDERS).optional(),
});
export type Providers = z.infer<typeof ProvidersSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM, 24h');

export const BotConfigSchema = z.strictObject({
  bot_id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'bot_id must be a slug: lowercase latin letters, digits and dashes'),
  language: z.string().min(2).default('ru'),
  voice_id: z.string().min(1),
  greeting: z.string().min(1),
  scenarios: z.array(ScenarioSchema).min(1),
  fallback: z.string().min(1),
  max_turns: z.number().int().min(1).max(500).default(20),
  silence_timeout_sec: z.number().positive().max(300).default(10),
  timezone: z.string().min(1).default('Europe/Moscow'),
  /** Opening hours used to resolve a bare hour ("в три") to a time of day. */
  business_hours: z.strictObject({ open: hhmm, close: hhmm }).default({ open: '09:00', close: '21:00' }),
  /** Facts about the business for LLM prompts (name, address, tone); never invented by the engine. */
  company: z
    .strictObject({
      name: z.string().min(1).optional(),
      description: z.string().min(1).optional(),
      facts: z.array(z.string().min(1)).default([]),
      tone: z.string().min(1).optional(),
    })
    .optional(),
  providers: ProvidersSchema.optional(),
});

/** A validated bot config, defaults applied. */
export type BotConfig = z.infer<typeof BotConfigSchema>;
/** A bot config as written in YAML/JSON, before defaults. */
export type BotConfigInput = z.input<typeof BotConfigSchema>;
