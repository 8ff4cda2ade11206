import { z } from 'zod';
import { BookingConfigSchema } from './booking-config.ts';
import { RemindersConfigSchema } from './reminders-config.ts';
import { hhmm, WeeklyHoursSchema } from './schedule.ts';
import { patternError } from '../text/safe-pattern.ts';
import { isCalendarDate } from '../booking/calendar-date.ts';

/** An IANA zone the runtime knows ("Europe/Moscow", "Asia/Yekaterinburg"); "Mars/Phobos" would throw on the first turn. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

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
    /** Read-back label ("возраст питомца: 3 года"); without it the value is read alone or with a generic label. */
    label: z.string().min(1).optional(),
    /** Number fields: the accepted range and the unit said after the value ("лет", "кг"). */
    min: z.number().optional(),
    max: z.number().optional(),
    unit: z.string().min(1).optional(),
    /** A regular expression the whole value must match (text fields), and the re-prompt when it does not. */
    pattern: z
      .string()
      .min(1)
      .superRefine((p, ctx) => {
        const error = patternError(p);
        if (error) ctx.addIssue({ code: 'custom', message: error });
      })
      .optional(),
    pattern_prompt: z.string().min(1).optional(),
    /** Number fields: what to say when the value is outside `min`/`max`, or `handoff` to give the call to a person. */
    out_of_range: z.string().min(1).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: '"max" must not be below "min"' });
    }
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
  /** Hand the call to a person once this scenario starts (after its fields, if any): emergencies, complaints. */
  handoff: z.boolean().optional(),
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

export const LLM_PROVIDERS = ['ollama', 'groq', 'yandexgpt', 'gigachat'] as const;
export const STT_PROVIDERS = ['deepgram', 'whisper', 'yandex', 'salute'] as const;
export const TTS_PROVIDERS = ['cartesia', 'elevenlabs', 'espeak', 'yandex', 'salute', 'openai-compatible'] as const;
export const TELEPHONY_PROVIDERS = ['livekit', 'exolve', 'twilio'] as const;

export const ProvidersSchema = z.strictObject({
  llm: chain(LLM_PROVIDERS).optional(),
  stt: chain(STT_PROVIDERS).optional(),
  tts: chain(TTS_PROVIDERS).optional(),
  telephony: ProviderRefSchema(TELEPHONY_PROVIDERS).optional(),
});
export type Providers = z.infer<typeof ProvidersSchema>;

/** Handing the call to a person: a phone number or SIP URI, the hours someone answers, the words said before. */
export const HandoffSchema = z.strictObject({
  to: z
    .string()
    .regex(/^(\+\d{10,15}|sips?:[^\s@]+@[^\s]+)$/, 'handoff.to: "+7…" (E.164) or "sip:user@host"'),
  hours: WeeklyHoursSchema.optional(),
  phrase: z.string().min(1).optional(),
  /** What the business calls the person, in the nominative ("дежурный врач", "менеджер"): asked for and offered by it. */
  title: z.string().min(1).optional(),
  /** Words that go straight to a person, whatever is in progress ("кровотечение", "потоп", "авария"). */
  keywords: z.array(z.string().min(1)).max(50).optional(),
});
export type Handoff = z.infer<typeof HandoffSchema>;

/** A conversation the business owner expects to keep working: caller lines in, fields and outcome out. */
export const ConfigTestSchema = z.strictObject({
  name: z.string().min(1),
  lines: z.array(z.string()).min(1).max(100),
  /** The caller's own number (caller ID), e.g. "+79161234567". */
  caller: z.string().regex(/^\+\d{10,15}$/).optional(),
  /** "Now" for the test (ISO, e.g. "2026-11-25T10:00:00+03:00"); relative dates are read against it. */
  now: z.iso.datetime({ offset: true }).optional(),
  /**
   * What the bot's booking system answers in this test (bots with `booking:`): free times on any day asked, or per
   * date; `down: true` is a booking system that does not answer. Without it, `simulate --test` has no booking system
   * and `PUT …?dry_run=true` reads the bot's real availability (booking nothing).
   */
  availability: z
    .strictObject({
      free: z.array(hhmm).max(200).default([]),
      dates: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD').refine(isCalendarDate, 'date does not exist in the calendar'), z.array(hhmm).max(200)).optional(),
      down: z.boolean().default(false),
    })
    .optional(),
  expect: z.strictObject({
    /** Field values as the caller would say them ("завтра", "три часа дня") or normalized ("2026-11-26", "15:00"). */
    fields: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    outcome: z.string().nullable().optional(),
    ended_by: z.string().nullable().optional(),
    /** Words the bot must say somewhere in the call. */
    says: z.array(z.string().min(1)).optional(),
  }),
});
export type ConfigTest = z.infer<typeof ConfigTestSchema>;

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
  timezone: z.string().min(1).refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Moscow').default('Europe/Moscow'),
  /**
   * Opening hours: `{ open, close }` every day, or a weekly table (`mon: "09:00-21:00"`, `sun: closed`). They resolve
   * a bare hour ("в три") and refuse dates on closed days and times outside hours.
   */
  business_hours: WeeklyHoursSchema.prefault({ open: '09:00', close: '21:00' }),
  /** Transfer to a person on request; without it (or outside its hours) the bot takes a callback request. */
  handoff: HandoffSchema.optional(),
  /** Conversations that must keep working; run by `simulate --test` and `PUT /bots/{id}/config?dry_run=true`. */
  tests: z.array(ConfigTestSchema).max(100).optional(),
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
  /** Real bookings (free slots, appointments) through the built-in calendar or YCLIENTS. */
  booking: BookingConfigSchema.optional(),
  /** How the bot's phrases are spoken: clock times «в три часа дня» (conversational) or «в пятнадцать ноль-ноль» (official). */
  speech: z
    .strictObject({
      time_style: z.enum(['conversational', 'official']).default('conversational'),
    })
    .optional(),
  /** A notice every call opens with that callers cannot talk over (e.g. personal-data terms), before the greeting. */
  legal_notice: z.string().min(1).max(500).optional(),
  /** Reminder calls before appointments of the bot's booking system (core/config/reminders-config.ts). */
  reminders: RemindersConfigSchema.optional(),
  /** Record calls (audio only, kept with the call and erased with it); the greeting then begins with `phrase`. */
  recording: z
    .strictObject({
      enabled: z.boolean().default(false),
      phrase: z.string().min(1).default('Обратите внимание, разговор записывается.'),
    })
    .optional(),
});

/** A validated bot config, defaults applied. */
export type BotConfig = z.infer<typeof BotConfigSchema>;
/** A bot config as written in YAML/JSON, before defaults. */
export type BotConfigInput = z.input<typeof BotConfigSchema>;
