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
  DEEPGRAM_API_KEY: 'Deepgram key for speech-to-text',
  CARTESIA_API_KEY: 'Cartesia key for text-to-speech',
};

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
    DEEPGRAM_API_KEY: secret,
    CARTESIA_API_KEY: secret,
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
    VAD_MIN_SILENCE_MS: z.coerce.number().int().positive().default(250),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
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
