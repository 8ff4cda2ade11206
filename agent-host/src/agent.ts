import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, defineAgent, inference, ServerOptions, voice, type JobContext, type JobProcess, type VAD } from '@livekit/agents';
import { ParticipantKind, RoomEvent, type RemoteParticipant } from '@livekit/rtc-node';
import { ApiClient } from './api-client.ts';
import { DialogAwareTurnDetector, judgeTurn, trackCallerWords, type CallerWords } from './audio/dialog-turn-detector.ts';
import { BotResolver } from './bot-resolver.ts';
import { createCall } from './call.ts';
import { ConfigError, loadAgentHostEnv, type AgentHostEnv } from './config.ts';
import { createHangup } from './hangup.ts';
import { createTransfer, defaultTransferOptions } from './telephony/transfer.ts';
import { DtmfCollector } from './telephony/dtmf.ts';
import { participantAudio, screenAnswer } from './telephony/amd-watch.ts';
import { dtmfUtterance, ReminderCallSchema, type ReminderCall } from '../../core/engine/index.ts';
import type { CallResult } from '../../core/call-result.ts';
import { createLogger } from './logger.ts';
import { buildSession } from './pipeline.ts';
import { ProviderHealth } from './providers/health.ts';
import { buildLlmChain, LlmChain, ProviderLLM, withScriptedFallback } from './providers/llm/index.ts';
import { buildSttChain } from './providers/stt/chain.ts';
import { buildTtsChain } from './providers/tts/chain.ts';
import { createEgressApi, recordingStorageFromEnv, setupCallRecording } from './recording/index.ts';
import { ResultSink } from './result-sink.ts';
import { HttpBookingClient } from './booking/index.ts';

/** Per-process singletons: a job process serves many calls over its life. */
let shared: ReturnType<typeof createShared> | undefined;
function createShared(env: AgentHostEnv) {
  const logger = createLogger({ level: env.LOG_LEVEL });
  const api = new ApiClient({ baseUrl: env.API_BASE_URL, token: env.AGENT_HOST_TOKEN, timeoutMs: env.API_TIMEOUT_MS });
  return {
    env,
    logger,
    api,
    health: new ProviderHealth(),
    resolver: new BotResolver({ api, budgetMs: env.BOT_RESOLVE_BUDGET_MS, logger }),
    sink: new ResultSink({ client: api, spoolDir: env.SPOOL_DIR, logger }),
    hangup: createHangup({ url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }),
    transfer: createTransfer({ url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }),
    egress: createEgressApi({ url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }),
    recordingStorage: recordingStorageFromEnv(process.env),
  };
}
const getShared = () => (shared ??= createShared(loadAgentHostEnv(process.env)));

/** A call id the CallResult schema accepts, from the job id (room name as a fallback). */
function callIdOf(ctx: JobContext): string {
  const raw = (ctx.job.id || ctx.room.name || `call-${Date.now()}`).replace(/[^A-Za-z0-9_.:-]/g, '_');
  return raw.length >= 6 ? raw.slice(0, 128) : `call-${raw}`;
}

/** `outbound` when the dialer's dispatch metadata says so (telephony's botMetadata(..., { direction })). */
function directionOf(metadata: string | undefined): 'inbound' | 'outbound' {
  try {
    return (JSON.parse(metadata || '{}') as { direction?: string }).direction === 'outbound' ? 'outbound' : 'inbound';
  } catch {
    return 'inbound';
  }
}

/** The appointment of a reminder call, when the dialer put one in the dispatch metadata (workers/reminders/dial.ts). */
function reminderOf(metadata: string | undefined): ReminderCall | undefined {
  try {
    const parsed = ReminderCallSchema.safeParse((JSON.parse(metadata || '{}') as { reminder?: unknown }).reminder);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Telephone audio rate: SIP callers are read at it, so no STT resamples phone audio up and back. */
const PHONE_RATE = 8_000;

async function runCall(ctx: JobContext): Promise<void> {
  const { env, logger, api, health, resolver, sink: resultSink, hangup, transfer, egress, recordingStorage } = getShared();
  await ctx.connect();
  const caller: RemoteParticipant = await ctx.waitForParticipant();
  const isSip = caller.kind === ParticipantKind.SIP;
  const attrs = caller.attributes ?? {};
  const bot = await resolver.resolve({ jobMetadata: ctx.job.metadata, roomMetadata: ctx.room.metadata, participantAttributes: attrs });
  const log = logger.child({ callId: callIdOf(ctx), room: ctx.room.name });
  if (!bot) {
    log.error('no bot for this call; hanging up');
    await hangup({ roomName: ctx.room.name ?? '', sipIdentity: isSip ? caller.identity : undefined });
    return;
  }
  // Bots that record calls: Egress to the calls bucket, the notice in the greeting, the key in the CallResult.
  const { config, sink } = setupCallRecording({
    config: bot.config, botId: bot.id, callId: callIdOf(ctx), roomName: ctx.room.name ?? '', storage: recordingStorage, egress, sink: resultSink, logger: log,
  });
  const vad = ctx.proc.userData.vad as VAD | undefined;
  const direction = directionOf(ctx.job.metadata);
  // Outbound: a person, an answering machine or a screening assistant? Decided before the bot says a word.
  let onWords: ((text: string) => void) | null = null;
  const screen = isSip && direction === 'outbound'
    ? () => screenAnswer(participantAudio(ctx.room, caller, PHONE_RATE), {
        sampleRate: PHONE_RATE,
        words: (listener) => ((onWords = listener), () => (onWords = null)),
      })
    : undefined;
  const llmChain = buildLlmChain(config, env, health);
  const controller = createCall({
    config,
    botId: bot.id,
    api,
    booking: new HttpBookingClient({ baseUrl: env.API_BASE_URL, token: env.AGENT_HOST_TOKEN }),
    llm: llmChain,
    sink,
    logger: log,
    callInfo: {
      callId: callIdOf(ctx),
      callerNumber: attrs['sip.phoneNumber'] ?? null,
      calledNumber: attrs['sip.trunkPhoneNumber'] ?? null,
      direction,
      channel: isSip ? 'phone' : 'web',
      ...(reminderOf(ctx.job.metadata) ? { reminder: reminderOf(ctx.job.metadata)! } : {}),
    },
    // The bot hands the call to a person (config `handoff:`) by SIP REFER before the result is made; a failure
    // (LiveKit error, no answer, not a phone call) goes on as a callback request. LiveKit answers once the person
    // picks up, so the bound is the ringing timeout plus a margin.
    transfer: async (to: string) => {
      if (!isSip) throw new Error('no SIP participant to transfer (not a phone call)');
      await transfer({ roomName: ctx.room.name ?? '', sipIdentity: caller.identity, to });
    },
    transferTimeoutMs: (defaultTransferOptions.ringingTimeoutS + 8) * 1000,
    ...(screen ? { screen } : {}),
    hangup: async (result?: CallResult) => {
      if (result?.ended_by === 'transfer') return; // the caller already left the room for the person's phone
      await hangup({ roomName: ctx.room.name ?? '', sipIdentity: isSip ? caller.identity : undefined });
    },
  });
  let callerWords: () => CallerWords = () => ({ text: '', overBot: false });
  const session = buildSession(config, {
    ...(vad ? { vad } : {}),
    // Phone calls are 8 kHz end to end: the STTs get it as it is, Yandex/Salute TTS synthesize at 8 kHz.
    stt: buildSttChain(config, process.env, health, { ...(vad ? { vad } : {}), ...(isSip ? { inputSampleRate: PHONE_RATE } : {}), hints: bot.sttHints }).stt,
    tts: buildTtsChain(config, process.env, health, isSip ? { sampleRate: PHONE_RATE } : {}).tts,
    // Offline audio end-of-turn model (agents-js v1-mini, run in the host's shared inference process)
    // with a Russian threshold, steered by the dialog: does the caller's text complete the pending field?
    turnDetection: new DialogAwareTurnDetector({
      judge: () => judgeTurn(config, controller.brain.dialogState, callerWords()),
    }),
    llm: new ProviderLLM(withScriptedFallback(llmChain ?? new LlmChain([]), config.fallback)),
    endpointing: { minDelay: env.ENDPOINTING_MIN_DELAY_MS, maxDelay: env.ENDPOINTING_MAX_DELAY_MS },
  });
  callerWords = trackCallerWords(session);
  session.on(voice.AgentSessionEventTypes.UserInputTranscribed, (ev) => {
    if (ev.isFinal) onWords?.(ev.transcript);
  });
  controller.attach(session);
  // Keypad digits are accepted where speech is: as the words they stand for at this point of the dialog.
  const keys = new DtmfCollector({
    onDigits: (digits) => {
      const state = controller.brain.dialogState;
      const text = state ? dtmfUtterance(config, state, digits) : null;
      log.info({ pii: { digits }, understood: text !== null }, 'dtmf');
      if (text) session.generateReply({ userInput: text });
    },
  });
  ctx.room.on(RoomEvent.DtmfReceived, (_code, digit, p) => {
    if (p.identity === caller.identity) keys.push(digit);
  });
  ctx.room.on(RoomEvent.ParticipantDisconnected, (p) => {
    if (p.identity === caller.identity) void controller.endCall('caller');
  });
  ctx.addShutdownCallback(async () => {
    await controller.endCall('caller');
  });
  log.info({ botId: bot.id, via: bot.via, stale: bot.stale, pii: { caller: attrs['sip.phoneNumber'] } }, 'call started');
  await session.start({ agent: controller.agent, room: ctx.room, ...(isSip ? { inputOptions: { audioSampleRate: PHONE_RATE } } : {}) });
}

export default defineAgent({
  prewarm: async (proc: JobProcess) => {
    // Silero's default 550 ms of silence before "end of speech" would alone exceed the turn budget;
    // the end-of-turn model guards against cutting callers off mid-sentence instead.
    // The same Silero model through @livekit/local-inference (which the job loads anyway): no
    // onnxruntime in the job process, ~40 MB less per call (bench/memory.ts).
    proc.userData.vad = new inference.VAD({ minSilenceDuration: getShared().env.VAD_MIN_SILENCE_MS });
  },
  entry: runCall,
});

/**
 * Optional worker settings from the env. `AGENT_MAX_JOBS`: the worker's load is its share of this many calls
 * (instead of the host's CPU use, which on a shared machine can sit at 100% and make LiveKit dispatch nothing);
 * `AGENT_HTTP_PORT`: the worker's health port (default 8081), so two stacks on one host do not collide;
 * `AGENT_INIT_TIMEOUT_MS`: how long a job process may take to load its models (default 10 s; a busy host needs more).
 */
function workerTuning(env: NodeJS.ProcessEnv): Partial<ConstructorParameters<typeof ServerOptions>[0]> {
  const maxJobs = Number(env.AGENT_MAX_JOBS);
  const port = Number(env.AGENT_HTTP_PORT);
  const init = Number(env.AGENT_INIT_TIMEOUT_MS);
  return {
    ...(init > 0 ? { initializeProcessTimeout: init } : {}),
    ...(maxJobs > 0 ? { loadFunc: async (w) => Math.min(1, w.activeJobs.length / maxJobs), loadThreshold: 1 } : {}),
    ...(port > 0 ? { port } : {}),
  };
}

/** Main process: validate the env, re-send spooled results, then run the LiveKit worker. */
function main(): void {
  let env: AgentHostEnv;
  try {
    env = loadAgentHostEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const { sink, logger } = getShared();
  // Results spooled while the API was down go out at start and then every SPOOL_RESEND_MS (default a minute).
  let resending = false;
  const resend = () => {
    if (resending) return;
    resending = true;
    void sink.resendSpooled()
      .catch((err: unknown) => logger.error({ err: (err as Error).message }, 'spool re-send failed'))
      .finally(() => (resending = false));
  };
  resend();
  setInterval(resend, Number(process.env.SPOOL_RESEND_MS) || 60_000).unref();
  cli.runApp(
    new ServerOptions({
      agent: fileURLToPath(import.meta.url),
      agentName: env.AGENT_NAME,
      wsURL: env.LIVEKIT_URL,
      apiKey: env.LIVEKIT_API_KEY,
      apiSecret: env.LIVEKIT_API_SECRET,
      jobMemoryWarnMB: 300,
      jobMemoryLimitMB: 512, // the seed's per-call memory limit
      ...workerTuning(process.env),
    }),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
