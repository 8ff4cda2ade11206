import { z } from 'zod';
import { DEFAULT_AGENT_NAME } from '../../core/agent-name.ts';

const url = (what: string) => z.url({ message: `must be a URL (${what})` });
const secret = z.string().min(1);

/** What each variable is for; shown next to a missing or invalid variable. */
const HELP: Record<string, string> = {
  LIVEKIT_URL: 'LiveKit server URL, e.g. wss://voicebot.livekit.cloud',
  LIVEKIT_API_KEY: 'LiveKit API key (LiveKit Cloud → Settings → Keys)',
  LIVEKIT_API_SECRET: 'LiveKit API secret paired with LIVEKIT_API_KEY',
  API_BASE_URL: 'admin API base URL, e.g. http://127.0.0.1:8787',
  AGENT_HOST_TOKEN: 'service token the admin API accepts from the agent-host',
  OLLAMA_URL: 'Ollama server, e.g. http://gpu-box:11434 (leave unset to run without Ollama)',
  OLLAMA_MODEL: 'Ollama model tag, e.g. qwen2.5:7b-instruct (needed when OLLAMA_URL is set)',
  GROQ_API_KEY: 'Groq API key (optional LLM; blocked from Russia)',
  DEEPGRAM_API_KEY:
    'Deepgram key for speech-to-text (or, keeping audio in Russia: YANDEX_API_KEY / YANDEX_IAM_TOKEN + YANDEX_FOLDER_ID, SALUTE_AUTH_KEY, or a self-hosted WHISPER_URL)',
  CARTESIA_API_KEY:
    'Cartesia key for text-to-speech (or, keeping audio in Russia: YANDEX_API_KEY / YANDEX_IAM_TOKEN, SALUTE_AUTH_KEY, or a self-hosted OPENAI_TTS_URL)',
  YANDEX_API_KEY: 'Yandex Cloud service account API key (SpeechKit STT/TTS, YandexGPT)',
  YANDEX_IAM_TOKEN: 'Yandex Cloud IAM token, instead of YANDEX_API_KEY (needs YANDEX_FOLDER_ID; expires in 12 h)',
  YANDEX_FOLDER_ID: 'Yandex Cloud folder id (needed for YandexGPT and with an IAM token)',
  SALUTE_AUTH_KEY: 'SaluteSpeech authorization key (Base64 client_id:client_secret from Sber Studio)',
  GIGACHAT_AUTH_KEY: 'GigaChat authorization key (Base64 client_id:client_secret from Sber Studio)',
  OPENAI_TTS_URL: 'self-hosted OpenAI-compatible speech server, e.g. http://gpu-box:8000 (Piper/Silero voices)',
};

/** Keys that give the host a provider of each kind (espeak-ng needs none, but is a last resort, not a voice). */
const STT_KEYS = ['DEEPGRAM_API_KEY', 'YANDEX_API_KEY', 'YANDEX_IAM_TOKEN', 'SALUTE_AUTH_KEY', 'WHISPER_URL'] as const;
const TTS_KEYS = ['CARTESIA_API_KEY', 'ELEVENLABS_API_KEY', 'YANDEX_API_KEY', 'YANDEX_IAM_TOKEN', 'SALUTE_AUTH_KEY', 'OPENAI_TTS_URL'] as const;

/** Environment of the agent-host worker, validated once at start. */
export const AgentHostEnvSchema = z
  .object({
    LIVEKIT_URL: url('wss://…'),
    LIVEKIT_API_KEY: secret,
    LIVEKIT_API_SECRET: secret,
    API_BASE_URL: url('http://…'),
    AGENT_HOST_TOKEN: secret,
    OLLAMA_URL: url('http://…').optional(),
    OLLAMA_MODEL: z.string().min(1).optional(),
    OLLAMA_KEEP_ALIVE: z.string().min(1).default('30m'),
    GROQ_API_KEY: secret.optional(),
    GROQ_BASE_URL: url('OpenAI-compatible base').default('https://api.groq.com/openai/v1'),
    GROQ_MODEL: z.string().min(1).default('llama-3.1-8b-instant'),
    DEEPGRAM_API_KEY: secret.optional(),
    CARTESIA_API_KEY: secret.optional(),
    ELEVENLABS_API_KEY: secret.optional(),
    WHISPER_URL: url('http://…').optional(),
    YANDEX_API_KEY: secret.optional(),
    YANDEX_IAM_TOKEN: secret.optional(),
    YANDEX_FOLDER_ID: z.string().min(1).optional(),
    YANDEXGPT_MODEL: z.string().min(1).default('yandexgpt/latest'),
    YANDEX_LLM_BASE_URL: url('OpenAI-compatible base').default('https://llm.api.cloud.yandex.net/v1'),
    SALUTE_AUTH_KEY: secret.optional(),
    SALUTE_SCOPE: z.enum(['SALUTE_SPEECH_PERS', 'SALUTE_SPEECH_CORP', 'SALUTE_SPEECH_B2B']).default('SALUTE_SPEECH_PERS'),
    GIGACHAT_AUTH_KEY: secret.optional(),
    GIGACHAT_SCOPE: z.enum(['GIGACHAT_API_PERS', 'GIGACHAT_API_CORP', 'GIGACHAT_API_B2B']).default('GIGACHAT_API_PERS'),
    GIGACHAT_MODEL: z.string().min(1).default('GigaChat'),
    GIGACHAT_BASE_URL: url('OpenAI-compatible base').default('https://gigachat.devices.sberbank.ru/api/v1'),
    OPENAI_TTS_URL: url('http://…').optional(),
    /** Dispatch name LiveKit uses to send jobs to this worker. */
    AGENT_NAME: z.string().min(1).default(DEFAULT_AGENT_NAME),
    /** Where CallResults wait when the API is unreachable. */
    SPOOL_DIR: z.string().min(1).default('.spool'),
    LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(1200),
    API_TIMEOUT_MS: z.coerce.number().int().positive().default(1500),
    BOT_RESOLVE_BUDGET_MS: z.coerce.number().int().positive().default(2000),
    /** Turn-taking: silence before a turn may end when the end-of-turn model agrees / at most (ms). */
    ENDPOINTING_MIN_DELAY_MS: z.coerce.number().int().min(0).default(300),
    ENDPOINTING_MAX_DELAY_MS: z.coerce.number().int().positive().default(2500),
    /** Silence the VAD needs before it reports the end of speech (ms). */
    // agents-js refuses less than 250 ms with an end-of-turn model; say so at start-up, not at the first call.
    VAD_MIN_SILENCE_MS: z.coerce.number().int().min(250, "VAD_MIN_SILENCE_MS must be at least 250 (agents-js end-of-turn model)").default(250),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  })
  // runs even when other variables are missing, so every problem is listed at once
  .superRefine(
    (env, ctx) => {
      if (!STT_KEYS.some((k) => env[k])) ctx.addIssue({ code: 'custom', path: ['DEEPGRAM_API_KEY'], message: 'required: no speech-to-text provider is configured' });
      if (!TTS_KEYS.some((k) => env[k])) ctx.addIssue({ code: 'custom', path: ['CARTESIA_API_KEY'], message: 'required: no text-to-speech provider is configured' });
    },
    { when: () => true },
  )
  .superRefine((env, ctx) => {
    if (env.YANDEX_IAM_TOKEN && !env.YANDEX_API_KEY && !env.YANDEX_FOLDER_ID) {
      ctx.addIssue({ code: 'custom', path: ['YANDEX_FOLDER_ID'], message: 'required with YANDEX_IAM_TOKEN' });
    }
    if (env.OLLAMA_URL && !env.OLLAMA_MODEL) {
      ctx.addIssue({ code: 'custom', path: ['OLLAMA_MODEL'], message: 'required when OLLAMA_URL is set' });
    }
  });
export type AgentHostEnv = z.infer<typeof AgentHostEnvSchema>;

/** The environment is incomplete or wrong; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`agent-host configuration is incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Validate the environment; throws {@link ConfigError} naming each missing/invalid variable and what it is for.
 * Empty strings count as missing.
 * @example loadAgentHostEnv(process.env)
 */
export function loadAgentHostEnv(source: Record<string, string | undefined>): AgentHostEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = AgentHostEnvSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const missing = cleaned[key] === undefined;
    const help = HELP[key] ? ` — ${HELP[key]}` : '';
    return missing ? `${key} is not set${help}` : `${key} ${issue.message}${help}`;
  });
  throw new ConfigError(problems);
}

/** True when a LiveKit worker can start (used by `npm start` to decide whether to launch it). */
export function hasLiveKitCredentials(source: Record<string, string | undefined>): boolean {
  return ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'].every((k) => !!source[k]?.trim());
}
