import { inference, voice, type ipc, type VAD } from '@livekit/agents';
import type { CallResult } from '../../../core/call-result.ts';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import type { ApiClient } from '../api-client.ts';
import { createCall } from '../call.ts';
import { silentLogger, type Logger } from '../logger.ts';
import { buildSession, type SessionDeps } from '../pipeline.ts';
import { LlmChain } from '../providers/llm/chain.ts';
import { ProviderLLM } from '../providers/llm/livekit-adapter.ts';
import { cachedTtsNode, PhraseAudioCache, type TtsNode } from '../phrase-audio.ts';
import { EspeakTTS } from '../providers/tts/espeak.ts';
import { BotLine } from './bot-line.ts';
import { espeakVoiceNode } from './bot-voice.ts';
import { CallClock, samplesToMs } from './call-clock.ts';
import { CallerLine } from './caller-line.ts';
import { runCaller } from './caller-runner.ts';
import { isSilence, type CallerScript } from './caller-script.ts';
import { defaultCallerVoice, LINE_RATE, spokenChunk, type SpokenChunk } from './caller-voice.ts';
import { DialogAwareTurnDetector, judgeTurn, RUSSIAN_EOT_THRESHOLD, trackCallerWords, type CallerWords } from './dialog-turn-detector.ts';
import { LineNoise, speechRms } from './line.ts';
import { inProcessEotExecutor } from './local-eot.ts';
import { PhoneChannel } from './phone-channel.ts';
import { defaultSimulatedStt, SimulatedTranscriptSTT } from './simulated-stt.ts';
import { scoreTurns, type Timeline, type TimelineEvent } from './timeline.ts';

/** How the session decides a caller's turn is over. */
export type TurnTaking = 'dialog' | 'english' | 'vad';

/** Options for {@link runAudioCall}. */
export interface AudioCallOptions {
  config: BotConfig;
  script: CallerScript;
  /** 8 kHz G.711 μ-law both ways. */
  telephone?: boolean;
  /** The call's "now" (relative dates); the clock runs on from it. */
  now?: Date;
  /** `dialog` (default): end-of-turn model with the Russian threshold + the dialog's completeness;
   * `english`: the model with its English threshold; `vad`: agents-js stock VAD endpointing (minDelay 500 ms). */
  turnTaking?: TurnTaking;
  russianThreshold?: number;
  /** Simulated STT: final transcript this long after the VAD's end of speech. */
  finalLatencyMs?: number;
  /** Simulated STT: its own end of utterance this long after the last word the VAD did not end. */
  ownEndpointMs?: number;
  /** A loaded Silero VAD to share between calls (benchmarks); default: loaded for this call. */
  vad?: VAD;
  executor?: ipc.InferenceExecutor;
  api?: Pick<ApiClient, 'searchKnowledge'>;
  endpointing?: SessionDeps['endpointing'];
  /** false: every reply sentence goes to the TTS (no phrase cache), for side-by-side benchmarks. */
  phraseCache?: boolean;
  /** The bot's espeak-ng speaking rate (words per minute; default the provider's 155). */
  botWordsPerMinute?: number;
  logger?: Logger;
}

/** A finished audio call. */
export interface AudioCall {
  result: CallResult;
  timeline: Timeline;
  /** Caller (left) and bot (right) sides, 16 kHz, the same length. */
  caller: Int16Array;
  bot: Int16Array;
}

let sharedExecutor: ipc.InferenceExecutor | undefined;

async function synthesizeScript(script: CallerScript): Promise<Map<string, SpokenChunk>> {
  const texts = new Set(script.turns.flatMap((t) => (isSilence(t) ? [] : t.say.flatMap((p) => ('say' in p ? [p.say] : [])))));
  const entries = await Promise.all([...texts].map(async (t) => [t, await spokenChunk(t, defaultCallerVoice)] as const));
  return new Map(entries);
}

/**
 * One call on real audio: the caller script spoken by espeak-ng into the real AgentSession (Silero
 * VAD, the end-of-turn model, our voice agent and brain, espeak-ng as the bot's voice), with the
 * SIMULATED transcript oracle as the only stand-in. Real time; returns both sides and the timeline.
 */
export async function runAudioCall(opts: AudioCallOptions): Promise<AudioCall> {
  const { config, script } = opts;
  const telephone = opts.telephone ?? false;
  const turnTaking = opts.turnTaking ?? 'dialog';
  // On a telephone line both voices are made at 16 kHz and go through the same kind of phone channel (one codec pass each).
  const chunks = await synthesizeScript(script);
  const level = speechRms(Int16Array.from([...chunks.values()].flatMap((c) => [...c.pcm])));
  const clock = new CallClock();
  const callerNoise = new LineNoise(telephone ? (script.noise_snr_db ?? 40) : script.noise_snr_db, level, 7);
  const line = new CallerLine(telephone ? new PhoneChannel(callerNoise) : callerNoise);
  // The caller hears the bot through the same line: 8 kHz band, μ-law and the same noise floor.
  const bot = new BotLine(telephone ? new PhoneChannel(new LineNoise(script.noise_snr_db ?? 40, level, 11)) : undefined);
  clock.add(line);
  clock.add(bot);
  const events: TimelineEvent[] = [];
  const at = (e: Record<string, unknown> & { type: TimelineEvent['type'] }, tMs = clock.nowMs()) =>
    events.push({ t_ms: Math.round(tMs), ...e } as TimelineEvent);

  const posted: CallResult[] = [];
  const startedAt = opts.now?.getTime();
  const controller = createCall({
    config,
    botId: 'audio-bot',
    callInfo: { callId: `audio-call-${script.name}`.slice(0, 120), callerNumber: null, channel: 'phone' },
    sink: { submit: async (r) => (posted.push(r), 'sent') },
    ...(opts.api ? { api: opts.api } : {}),
    ...(startedAt !== undefined ? { clock: () => new Date(startedAt + clock.nowMs()) } : {}),
    logger: opts.logger ?? silentLogger,
  });
  const stt = new SimulatedTranscriptSTT(line, {
    finalLatencyMs: opts.finalLatencyMs ?? defaultSimulatedStt.finalLatencyMs,
    ownEndpointMs: opts.ownEndpointMs ?? defaultSimulatedStt.ownEndpointMs,
  });
  let callerWords: () => CallerWords = () => ({ text: '', overBot: false });
  const executor = opts.executor ?? (turnTaking === 'vad' ? undefined : (sharedExecutor ??= inProcessEotExecutor()));
  const turnDetection =
    turnTaking === 'vad'
      ? ('vad' as const)
      : turnTaking === 'english'
        ? new inference.TurnDetector({ version: 'v1-mini', ...(executor ? { executor } : {}) })
        : new DialogAwareTurnDetector({
            russianThreshold: opts.russianThreshold ?? RUSSIAN_EOT_THRESHOLD,
            ...(executor ? { executor } : {}),
            judge: () => judgeTurn(config, controller.brain.dialogState, callerWords()),
            onDecision: ({ verdict, threshold }) =>
              at({ type: 'eot_decision', verdict: verdict?.verdict ?? null, reason: verdict?.reason ?? null, threshold: Number.isFinite(threshold) ? (threshold ?? null) : 1 }),
          });
  // Silero through @livekit/local-inference, as the job process loads it (no onnxruntime in the job).
  const vad = opts.vad ?? new inference.VAD({ minSilenceDuration: 250 });
  const session = buildSession(config, {
    vad,
    stt,
    // session.say() needs a TTS object; the voice itself is the agent's ttsNode below (same espeak-ng engine).
    tts: new EspeakTTS(),
    turnDetection,
    llm: new ProviderLLM(new LlmChain([])),
    ...(turnTaking === 'vad' ? { endpointing: { minDelay: 500, maxDelay: 3000 } } : opts.endpointing ? { endpointing: opts.endpointing } : {}),
  });
  callerWords = trackCallerWords(session);
  session.input.audio = line;
  session.output.audio = bot;
  // The bot's voice, behind a phrase cache of this call only (as in production, where a job process is one call's).
  const botVoice = espeakVoiceNode(opts.botWordsPerMinute ? { wordsPerMinute: opts.botWordsPerMinute } : {}) as TtsNode;
  const ttsNode = opts.phraseCache === false ? botVoice : cachedTtsNode(botVoice, new PhraseAudioCache(), () => 'espeak');
  controller.agent.ttsNode = ttsNode as unknown as typeof controller.agent.ttsNode;

  line.events.on('speechStart', (s, text) => at({ type: 'caller_speech_start', text }, samplesToMs(s)));
  line.events.on('speechEnd', (s, text) => at({ type: 'caller_speech_end', text }, samplesToMs(s)));
  bot.events.on('audioStart', (s) => at({ type: 'bot_audio_start' }, samplesToMs(s)));
  bot.events.on('audioEnd', (s, interrupted, said) => at({ type: 'bot_audio_end', interrupted, said }, samplesToMs(s)));
  bot.events.on('paused', (s) => at({ type: 'bot_paused' }, samplesToMs(s)));
  bot.events.on('resumed', (s) => at({ type: 'bot_resumed' }, samplesToMs(s)));
  session.on(voice.AgentSessionEventTypes.UserStateChanged, (ev) => {
    if (ev.newState === 'speaking') at({ type: 'vad_speech_start' });
    if (ev.oldState === 'speaking' && ev.newState !== 'speaking') {
      at({ type: 'vad_speech_end' });
      stt.vadEndOfSpeech();
    }
  });
  session.on(voice.AgentSessionEventTypes.UserInputTranscribed, (ev) => {
    if (ev.isFinal) at({ type: 'transcript_final', text: ev.transcript });
  });
  session.on(voice.AgentSessionEventTypes.ConversationItemAdded, (ev) => {
    if (ev.item.type === 'message' && ev.item.role === 'user') at({ type: 'user_turn', text: ev.item.textContent ?? '' });
  });

  controller.attach(session);
  controller.turnWatchdog.onRescue = (text) => at({ type: 'turn_rescued', text });
  clock.start();
  let records;
  try {
    await session.start({ agent: controller.agent });
    records = await runCaller(script, { clock, line, bot, chunks, ended: () => controller.brain.ended || posted.length > 0 });
  } finally {
    const result = await controller.endCall('caller');
    at({ type: 'call_end' });
    clock.tick();
    clock.stop();
    await session.close().catch(() => undefined);
    await line.close().catch(() => undefined);
    if (!opts.vad) await vad.close().catch(() => undefined);
    void result;
  }
  const length = Math.max(line.track.length, bot.track.length);
  events.sort((a, b) => a.t_ms - b.t_ms);
  const timeline: Timeline = {
    script: script.name,
    telephone,
    duration_ms: Math.round(samplesToMs(length)),
    sample_rate: LINE_RATE,
    stt: `${stt.provider}/${stt.model} (SIMULATED: final ${stt.opts.finalLatencyMs} ms after VAD end of speech, or ${stt.opts.ownEndpointMs} ms after the last word the VAD missed)`,
    events,
    turns: scoreTurns(records.map((r) => ({ ...r, committed_ms: null, committed_text: null, first_bot_audio_ms: null, latency_ms: null, cut_off: false, false_wait: false, bot_stop_ms: null, bot_stopped: false })), events),
  };
  return { result: posted[0] ?? (await controller.endCall('caller')), timeline, caller: line.track.samples(length), bot: bot.track.samples(length) };
}
