/**
 * Text call simulator: a call with a bot config where the caller's utterances come from stdin.
 *   npm run --silent simulate -- --scenario scenarios/salon-bot-1.yaml [--now 2026-11-25T10:00:00+03:00] [--json]
 * One utterance per line; a line `<silence>` is silence past the timeout; EOF is the caller hanging up.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CallResult } from '../../core/call-result.ts';
import type { BotConfig } from '../../core/config/bot-config.ts';
import { parseBotConfigText } from '../../core/config/parse-config.ts';
import { simulatorKnowledge, type SimulatorKnowledge } from './offline-knowledge.ts';
import { RealtimeAgent, type KnowledgeAnswerer, type RealtimeAgentOptions } from './realtime-agent.ts';
import { SpeechClock } from './speech-clock.ts';
import { runConfigTestsCli } from './simulator-tests.ts';
import { connectTextCall, type TextCallSession } from './text-call-session.ts';

/** A stdin line meaning the caller stayed silent past `silence_timeout_sec`. */
export const SILENCE_LINE = '<silence>';

/** One line of the simulated dialog, as it happens. */
export interface SimulatedTurn {
  role: 'bot' | 'caller';
  text: string;
  /** The caller line was {@link SILENCE_LINE}. */
  silence?: boolean;
}

export interface SimulationOptions {
  config: BotConfig;
  /** Caller utterances in order; the end of the lines is the caller hanging up. */
  lines: Iterable<string> | AsyncIterable<string>;
  /** Fixed "now" for the whole call (relative dates, timestamps); default the real clock. */
  now?: Date;
  onTurn?: (turn: SimulatedTurn) => void;
  answerQuestion?: KnowledgeAnswerer;
  callId?: string;
  /** Real bookings through the API (bots with `booking:`). */
  booking?: RealtimeAgentOptions['booking'];
  /** The caller's own number (caller ID), `--caller +7…`. */
  callerNumber?: string;
  /** Called at the end with where the bot handed the call to a person (null: no transfer). */
  onEnded?: (info: { transferTo: string | null }) => void;
}

/** Runs one simulated call through the RealtimeAgent and returns its CallResult. */
export async function runSimulation(opts: SimulationOptions): Promise<CallResult> {
  // Time moves as the lines would be spoken: a piped call lasts as long as the same call on the phone.
  const clock = new SpeechClock(opts.now ?? new Date());
  const agent = new RealtimeAgent({ config: opts.config, clock: clock.now, answerQuestion: opts.answerQuestion, ...(opts.booking ? { booking: opts.booking } : {}) });
  const emit = (turn: SimulatedTurn) => {
    clock.pass(turn, opts.config.silence_timeout_sec);
    opts.onTurn?.(turn);
  };
  const callId = opts.callId ?? `sim-${randomUUID()}`;
  const callerNumber = opts.callerNumber ?? null;
  emit({ role: 'bot', text: await agent.onCallStart({ callId, channel: 'simulator', direction: 'inbound', callerNumber }) });
  for await (const raw of opts.lines) {
    if (agent.ended) break;
    const line = raw.replace(/\r$/, '');
    if (line === SILENCE_LINE) {
      emit({ role: 'caller', text: '', silence: true });
      const reply = await agent.onSilence();
      if (reply.text) emit({ role: 'bot', text: reply.text });
    } else if (line.trim()) {
      emit({ role: 'caller', text: line });
      const text = await agent.onSpeech(line);
      if (text) emit({ role: 'bot', text });
    }
    if (agent.ended) break;
  }
  opts.onEnded?.({ transferTo: agent.transferTarget });
  return agent.onCallEnd('caller');
}

/** A usage error: message for stderr, exit code 2. */
class UsageError extends Error {}

const USAGE =
  'usage: simulate --scenario <file.yaml> [--now <ISO-8601, e.g. 2026-11-25T10:00:00+03:00>] [--json] [--caller +7…]\n' +
  '       simulate --test <file.yaml> [--now …] [--json]   (runs the config\'s tests: list)\n' +
  '                [--post <api base url> [--bot <bot id>]]   (token from AGENT_HOST_TOKEN)\n' +
  '                [--knowledge <dir>]   (documents answered offline; default scenarios/knowledge/<bot_id>/)\n' +
  '       simulate --help\n' +
  'stdin: one caller line per line, <silence> for a silence past the timeout, EOF hangs up.\n' +
  '--json prints the CallResult plus duration_ms and transfer_to (where the bot handed the call, or null).';

/** CLI entry; returns the exit code. */
export async function main(argv: readonly string[], io = processIo()): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`simulate: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.test) return runConfigTestsCli(args.config, args.now ?? new Date(), args.json, io.out);
  let session: TextCallSession | undefined;
  if (args.post) {
    const token = io.env.AGENT_HOST_TOKEN;
    if (!token) {
      io.err('simulate: --post needs the service token in AGENT_HOST_TOKEN\n');
      return 2;
    }
    try {
      session = await connectTextCall({ baseUrl: args.post, token, config: args.config, botId: args.bot, env: llmEnv(io.env) });
    } catch (err) {
      io.err(`simulate: ${(err as Error).message}\n`);
      return 1;
    }
  }
  let offline: SimulatorKnowledge | null = null;
  if (!session) {
    try {
      offline = await simulatorKnowledge(args.config, args.knowledge, llmEnv(io.env));
    } catch (err) {
      io.err(`simulate: --knowledge ${args.knowledge}: ${(err as Error).message}\n`);
      return 2;
    }
    if (offline && !args.json) io.err(`simulate: ${offline.description}\n`);
  }
  const interactive = io.isTTY && !args.json;
  let transferTo: string | null = null;
  const result = await runSimulation({
    config: session?.config ?? args.config,
    now: args.now,
    lines: io.lines(interactive ? '> ' : null),
    onTurn: args.json ? undefined : (t) => io.out(formatTurn(t, interactive)),
    answerQuestion: session?.answerQuestion ?? offline?.answerQuestion,
    ...(session?.booking ? { booking: session.booking } : {}),
    ...(args.caller ? { callerNumber: args.caller } : {}),
    onEnded: (info) => (transferTo = info.transferTo),
  });
  offline?.close();
  const posted = session ? await session.post(result) : undefined;
  const durationMs = Date.parse(result.ended_at) - Date.parse(result.started_at);
  if (args.json) io.out(`${JSON.stringify({ ...result, ...(session ? { bot_id: session.botId } : {}), duration_ms: durationMs, transfer_to: transferTo }, null, 2)}\n`);
  else io.out(summary(result) + (posted ? `— результат звонка ${result.call_id}: ${posted === 'sent' ? 'отправлен в API' : `не принят API (${posted}), сохранён в .spool/`}\n` : ''));
  return posted && posted !== 'sent' ? 1 : 0;
}

/** LLM settings for knowledge answers, from the environment (none → extractive answers). */
function llmEnv(env: NodeJS.ProcessEnv) {
  const timeout = Number(env.LLM_FIRST_TOKEN_TIMEOUT_MS);
  return {
    OLLAMA_URL: env.OLLAMA_URL,
    OLLAMA_MODEL: env.OLLAMA_MODEL,
    GROQ_API_KEY: env.GROQ_API_KEY,
    GROQ_BASE_URL: env.GROQ_BASE_URL,
    GROQ_MODEL: env.GROQ_MODEL,
    YANDEX_API_KEY: env.YANDEX_API_KEY,
    YANDEX_IAM_TOKEN: env.YANDEX_IAM_TOKEN,
    YANDEX_FOLDER_ID: env.YANDEX_FOLDER_ID,
    YANDEXGPT_MODEL: env.YANDEXGPT_MODEL,
    YANDEX_LLM_BASE_URL: env.YANDEX_LLM_BASE_URL,
    GIGACHAT_AUTH_KEY: env.GIGACHAT_AUTH_KEY,
    GIGACHAT_SCOPE: env.GIGACHAT_SCOPE,
    GIGACHAT_OAUTH_URL: env.GIGACHAT_OAUTH_URL,
    GIGACHAT_MODEL: env.GIGACHAT_MODEL,
    GIGACHAT_BASE_URL: env.GIGACHAT_BASE_URL,
    ...(Number.isFinite(timeout) && timeout > 0 ? { LLM_FIRST_TOKEN_TIMEOUT_MS: timeout } : {}),
  };
}

function parseCli(argv: readonly string[]) {
  let values: { scenario?: string; now?: string; json?: boolean; post?: string; bot?: string; knowledge?: string; caller?: string; test?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scenario: { type: 'string' },
        now: { type: 'string' },
        json: { type: 'boolean' },
        post: { type: 'string' },
        bot: { type: 'string' },
        knowledge: { type: 'string' },
        caller: { type: 'string' },
        test: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.test !== undefined) values.scenario ??= values.test;
  if (!values.scenario) throw new UsageError('--scenario <file.yaml> (or --test <file.yaml>) is required');
  if (values.caller !== undefined && !/^\+?\d[\d\s()-]{9,}$/.test(values.caller)) throw new UsageError(`--caller "${values.caller}" is not a phone number`);
  let text: string;
  try {
    text = readFileSync(values.scenario, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${values.scenario}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const parsed = parseBotConfigText(text);
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    throw new UsageError(`${values.scenario}: invalid bot config (${parsed.kind})\n${issues}`);
  }
  const now = values.now === undefined ? undefined : parseNow(values.now, parsed.config.timezone);
  if (values.post !== undefined && !/^https?:\/\/[^/]+/.test(values.post)) throw new UsageError(`--post "${values.post}" is not an http(s) URL`);
  if (values.post !== undefined && values.knowledge !== undefined) throw new UsageError('--knowledge is for offline calls; with --post the API answers from the bot\'s uploaded documents');
  return { config: parsed.config, now, json: values.json ?? false, post: values.post, bot: values.bot, knowledge: values.knowledge, caller: values.caller, test: values.test !== undefined };
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/;

/** `--now`: an instant with an offset, or a wall-clock time read in the bot's timezone. */
export function parseNow(value: string, timezone: string): Date {
  const m = ISO.exec(value.trim());
  if (!m) throw new UsageError(`--now "${value}" is not an ISO-8601 date-time (e.g. 2026-11-25T10:00:00+03:00)`);
  const [, date, time = '00:00', offset] = m;
  const wall = `${date}T${time.length === 5 ? `${time}:00` : time}`;
  const instant = offset ? Date.parse(`${wall}${offset}`) : zonedToInstant(wall, timezone);
  if (Number.isNaN(instant)) throw new UsageError(`--now "${value}" is not a valid date-time`);
  return new Date(instant);
}

function zonedToInstant(wall: string, timezone: string): number {
  const asUtc = Date.parse(`${wall}Z`);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    ...{ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
  });
  const offsetAt = (t: number) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
  };
  const guess = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(guess);
}

export function formatTurn(t: SimulatedTurn, interactive: boolean): string {
  if (t.role === 'bot') return `Бот: ${t.text}\n`;
  if (interactive) return '';
  return t.silence ? 'Клиент: (молчание)\n' : `Клиент: ${t.text}\n`;
}

function summary(r: CallResult): string {
  const fields = Object.entries(r.fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return `— звонок завершён (ended_by: ${r.ended_by}); outcome: ${r.outcome ?? '—'}; поля: ${fields || '—'}\n`;
}

interface Io {
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  lines(prompt: string | null): AsyncIterable<string>;
  out(text: string): void;
  err(text: string): void;
}

function processIo(): Io {
  return {
    isTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    lines: (prompt) => stdinLines(prompt),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
}

async function* stdinLines(prompt: string | null): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, output: prompt ? process.stdout : undefined, terminal: !!prompt });
  if (prompt) rl.setPrompt(prompt);
  try {
    if (prompt) rl.prompt();
    for await (const line of rl) {
      yield line;
      if (prompt) rl.prompt();
    }
  } finally {
    rl.close();
  }
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`simulate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
