/**
 * Realtime pipeline benchmark: real AgentSession (audio path, preemptive generation) + our voice agent
 * + the RealtimeAgent brain, with simulated providers of fixed latency: STT final 150 ms after end of
 * speech, KB search 30 ms, LLM first token 200 ms, TTS first byte 90 ms.
 *
 * Each caller turn is fed the way agents-js' audio recognition feeds it (its own hooks):
 *   t0 (end of speech) → preflight transcript at t0 + preflight-ms (preemptive generation starts;
 *   streaming STT "eager end of turn") → final transcript at t0 + 150 ms (a new preemptive
 *   generation if it differs from the preflight) → user turn committed at max(t0 + endpointing
 *   minDelay, final) + eou-ms → agents-js reuses the matching preemptive speech or generates anew.
 * First audio = the first TTS frame reaching the (simulated) audio output, which agents-js only
 * forwards once the turn is committed. Modes: `preflight` (above), `final` (no preflight: with
 * VAD turn detection agents-js starts the preemptive generation on the final transcript — what a
 * nova-2 Deepgram stream gives), `off` (no preemptive generation).
 *
 *   npx tsx --expose-gc bench/realtime.ts [--levels 1,10,50] [--modes preflight,final,off]
 *     [--calls-per-worker 3] [--preflight-ms 50] [--mismatch 0.1] [--min-delay 300] [--eou-ms 0]
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ReadableStream } from 'node:stream/web';
import { initializeLogger, voice } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import type { BotConfig } from '../core/config/bot-config.ts';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import type { KnowledgeChunk } from '../agent-host/src/api-client.ts';
import { createCall } from '../agent-host/src/call.ts';
import { buildSession, defaultTurnHandling } from '../agent-host/src/pipeline.ts';
import { LlmChain } from '../agent-host/src/providers/llm/chain.ts';
import { ProviderLLM } from '../agent-host/src/providers/llm/livekit-adapter.ts';
import type { LLMProvider } from '../agent-host/src/providers/llm/types.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

initializeLogger({ pretty: false, level: 'silent' });

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const SIM = { sttFinalMs: 150, kbMs: 30, llmFirstTokenMs: 200, ttsFirstByteMs: 90 } as const;
const PREFLIGHT_MS = Number(arg('preflight-ms', '50'));
const MISMATCH = Number(arg('mismatch', '0.1'));
const MIN_DELAY_MS = Number(arg('min-delay', String(defaultTurnHandling.endpointing.minDelay)));
const EOU_MS = Number(arg('eou-ms', '0'));
const CALLS_PER_WORKER = Number(arg('calls-per-worker', '3'));
const LEVELS = arg('levels', '1,10,50').split(',').map(Number);
type Mode = 'preflight' | 'final' | 'off';
const MODES = arg('modes', 'preflight,final,off').split(',') as Mode[];
/** Callers talk between bot replies; without it all calls would hit the CPU in lockstep. */
const SPEAK_MS: [number, number] = [800, 2000];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const randomBetween = ([lo, hi]: [number, number]) => lo + Math.random() * (hi - lo);

const parsed = parseBotConfigText(readFileSync('scenarios/salon-bot-1.yaml', 'utf8'));
if (!parsed.ok) throw new Error('salon config does not parse');
const config: BotConfig = { ...parsed.config, max_turns: 100 };

type Kind = 'scripted' | 'llm';
/** Caller turns of one call: a booking (scripted) and two price questions (KB + LLM). */
const DIALOGUE: { text: string; kind: Kind }[] = [
  { text: 'Здравствуйте, хочу записаться на маникюр', kind: 'scripted' },
  { text: 'в пятницу в 11 утра', kind: 'scripted' },
  { text: '8 916 123 45 67', kind: 'scripted' },
  { text: 'да', kind: 'scripted' },
  { text: 'Сколько стоит педикюр?', kind: 'llm' },
  { text: 'А сколько стоит маникюр?', kind: 'llm' },
];
const CHUNKS: KnowledgeChunk[] = [
  { chunk_id: 'c1', doc_id: 'd1', score: 1, text: 'Маникюр с покрытием стоит 1500 рублей. Педикюр стоит 2000 рублей.' },
];

/** Simulated LLM: first token after 200 ms, then a short sentence in a few deltas. */
const simLlm: LLMProvider = {
  name: 'sim',
  generate: async () => 'Педикюр стоит 2000 рублей.',
  async *stream(_s, _m, opts = {}) {
    await sleep(SIM.llmFirstTokenMs);
    opts.signal?.throwIfAborted();
    for (const d of ['Педикюр ', 'стоит ', '2000 рублей. ', 'Записать вас?']) yield d;
  },
};
const simApi = { searchKnowledge: async () => (await sleep(SIM.kbMs), CHUNKS) };

const silence = () => new AudioFrame(new Int16Array(480), 24_000, 1, 480); // 20 ms

/** Simulated streaming TTS: the first audio 90 ms after the first text of a segment. */
async function simTtsNode(text: ReadableStream<string> | AsyncIterable<string>): Promise<ReadableStream<AudioFrame>> {
  return new ReadableStream<AudioFrame>({
    async start(controller) {
      try {
        let started = false;
        for await (const piece of text) {
          if (!piece.trim()) continue;
          if (!started) await sleep(SIM.ttsFirstByteMs);
          started = true;
          controller.enqueue(silence());
        }
        controller.close();
      } catch {
        // cancelled (a discarded preemptive reply, an interruption)
      }
    },
  });
}

/** Audio sink: notes when the first frame of each reply would start playing; playout is instant. */
class BenchAudioOutput extends voice.AudioOutput {
  firstFrameAt = 0;
  constructor() {
    super(24_000);
  }
  override async captureFrame(frame: AudioFrame): Promise<void> {
    await super.captureFrame(frame);
    if (!this.firstFrameAt) this.firstFrameAt = performance.now();
    this.onPlaybackStarted(Date.now());
  }
  override flush(): void {
    super.flush();
    setImmediate(() => this.onPlaybackFinished({ playbackPosition: 0.02, interrupted: false }));
  }
  override clearBuffer(): void {
    this.onPlaybackFinished({ playbackPosition: 0, interrupted: true });
  }
}

/** agents-js' activity hooks that its audio recognition calls (internal). */
interface ActivityHooks {
  onPreemptiveGeneration(info: { newTranscript: string; transcriptConfidence: number; startedSpeakingAt?: number }): void;
  onEndOfTurn(info: Record<string, unknown>): Promise<boolean>;
  readonly currentSpeech: voice.SpeechHandle | undefined;
}

interface TurnSample {
  mode: Mode;
  kind: Kind;
  /** End of caller speech → first bot audio. */
  e2eMs: number;
  /** End of caller speech → user turn committed (endpointing; not ours). */
  commitMs: number;
  /** First audio − the earliest it could be: max(commit, start of the generation used + provider time). */
  addedMs: number;
  mismatch: boolean;
}

/** A preflight transcript that missed the last word (the guess agents-js will have to discard). */
const truncated = (text: string) => text.split(' ').slice(0, -1).join(' ');

async function oneCall(samples: TurnSample[], callNo: number, mode: Mode): Promise<void> {
  const controller = createCall({
    config,
    botId: 'bench-bot',
    api: simApi,
    llm: new LlmChain([simLlm], { firstTokenTimeoutMs: 2000 }),
    callInfo: { callId: `bench-call-${callNo}`, channel: 'simulator' },
    sink: { submit: async () => 'sent' },
  });
  controller.agent.ttsNode = simTtsNode;
  const audio = new BenchAudioOutput();
  const session = buildSession(config, { llm: new ProviderLLM(new LlmChain([simLlm])) });
  session.output.audio = audio;
  controller.attach(session);
  await session.start({ agent: controller.agent });
  const activity = (session as unknown as { _activity: ActivityHooks })._activity;
  await activity.currentSpeech?.waitForPlayout(); // the greeting
  for (const { text, kind } of DIALOGUE) {
    const speakMs = randomBetween(SPEAK_MS);
    await sleep(speakMs); // the caller is speaking
    const t0 = performance.now();
    const startedSpeakingAt = Date.now() - speakMs;
    audio.firstFrameAt = 0;
    const guess = truncated(text);
    const mismatch = mode === 'preflight' && guess !== '' && Math.random() < MISMATCH;
    const preempt = (transcript: string) =>
      activity.onPreemptiveGeneration({ newTranscript: transcript, transcriptConfidence: 0.9, startedSpeakingAt });
    let genStart = 0;
    if (mode === 'preflight') {
      await sleep(t0 + PREFLIGHT_MS - performance.now());
      preempt(mismatch ? guess : text);
      genStart = performance.now();
    }
    await sleep(t0 + SIM.sttFinalMs - performance.now());
    if (mode === 'final' || mismatch) {
      preempt(text); // agents-js: the final transcript differs from the preflight one → new preemptive generation
      genStart = performance.now();
    }
    await sleep(Math.max(t0 + MIN_DELAY_MS, performance.now()) + EOU_MS - performance.now());
    const commitAt = performance.now();
    if (mode === 'off') genStart = commitAt;
    await activity.onEndOfTurn({
      skipReply: false,
      newTranscript: text,
      transcriptConfidence: 1,
      transcriptionDelay: SIM.sttFinalMs,
      endOfUtteranceDelay: commitAt - t0,
      startedSpeakingAt,
      stoppedSpeakingAt: Date.now() - (commitAt - t0),
    });
    while (!audio.firstFrameAt) await sleep(2);
    const providerMs = (kind === 'llm' ? SIM.kbMs + SIM.llmFirstTokenMs : 0) + SIM.ttsFirstByteMs;
    samples.push({
      mode,
      kind,
      e2eMs: audio.firstFrameAt - t0,
      commitMs: commitAt - t0,
      addedMs: audio.firstFrameAt - Math.max(commitAt, genStart + providerMs),
      mismatch,
    });
    await activity.currentSpeech?.waitForPlayout();
  }
  const result = await controller.endCall('caller');
  await session.close();
  const answered = result.turns.filter((t) => t.source === 'knowledge' && t.text.includes('2000 рублей')).length;
  const callers = result.turns.filter((t) => t.role === 'caller').length;
  if (result.outcome !== 'booking_created' || answered !== 2 || callers !== DIALOGUE.length) wrongCalls += 1;
}

/** Calls whose CallResult is not the expected booking + two knowledge answers (must stay 0). */
let wrongCalls = 0;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const fmt = (n: number) => n.toFixed(1).padStart(7);

async function level(concurrency: number, mode: Mode): Promise<void> {
  const samples: TurnSample[] = [];
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  let callNo = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      await sleep(randomBetween([0, 2000])); // calls do not all start at the same instant
      for (let i = 0; i < CALLS_PER_WORKER; i += 1) await oneCall(samples, callNo++, mode);
    }),
  );
  clearInterval(sampler);
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - started) / 1000;
  const mismatches = samples.filter((s) => s.mismatch).length;
  console.log(`\n== ${concurrency} concurrent call(s), preemption ${mode}: ${samples.length} turns in ${wall.toFixed(1)} s${mode === 'preflight' ? `, ${mismatches} guesses discarded` : ''}`);
  console.log(
    `CPU ${((cpu.user + cpu.system) / 1000 / samples.length).toFixed(2)} ms per turn (whole process); event-loop delay p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
  );
  const added = samples.map((s) => s.addedMs);
  console.log(`added latency (ours + agents-js)  p50 ${fmt(pct(added, 50))}  p99 ${fmt(pct(added, 99))}  max ${fmt(Math.max(...added))} ms`);
  for (const k of ['scripted', 'llm'] as const) {
    const xs = samples.filter((s) => s.kind === k);
    const p = (f: (s: TurnSample) => number, q: number) => fmt(pct(xs.map(f), q));
    console.log(
      `${k.padEnd(8)} n=${String(xs.length).padStart(4)}  end of speech → first audio p50 ${p((s) => s.e2eMs, 50)} p99 ${p((s) => s.e2eMs, 99)} ms` +
        `   (turn committed at p50 ${p((s) => s.commitMs, 50)}; after commit p50 ${p((s) => s.e2eMs - s.commitMs, 50)} p99 ${p((s) => s.e2eMs - s.commitMs, 99)}; added p50 ${p((s) => s.addedMs, 50)} p99 ${p((s) => s.addedMs, 99)} ms)`,
    );
  }
  if (wrongCalls) console.log(`!! ${wrongCalls} call(s) so far ended with a wrong CallResult`);
  console.log(`RSS baseline ${(baseline / 2 ** 20).toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB → ${((peak - baseline) / 2 ** 20 / concurrency).toFixed(2)} MB per concurrent call`);
}

/** RSS of N calls held open at once (greeted, one turn answered, text mode), measured after GC when available. */
async function memoryProbe(n: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = async () => {
    gc?.();
    await sleep(200);
    gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, js: m.heapUsed + m.external + m.arrayBuffers };
  };
  const before = await settle();
  const open = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const controller = createCall({
        config,
        botId: 'bench-bot',
        api: simApi,
        llm: new LlmChain([simLlm]),
        callInfo: { callId: `bench-mem-${i}`, channel: 'simulator' },
        sink: { submit: async () => 'sent' },
      });
      const session = buildSession(config, { llm: new ProviderLLM(new LlmChain([simLlm])) });
      controller.attach(session);
      await session.start({ agent: controller.agent });
      await session.run({ userInput: DIALOGUE[0]!.text }).wait();
      return { controller, session };
    }),
  );
  const during = await settle();
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
  console.log(
    `memory: ${n} calls open at once → heap+external +${mb(during.js - before.js)} MB = ${mb((during.js - before.js) / n)} MB per call; ` +
      `RSS +${mb(during.rss - before.rss)} MB = ${mb((during.rss - before.rss) / n)} MB per call${gc ? '' : ' (run with --expose-gc for steadier figures)'}`,
  );
  for (const { controller, session } of open) {
    await controller.endCall('caller');
    await session.close();
  }
}

console.log(
  `simulated providers: STT preflight +${PREFLIGHT_MS} ms / final +${SIM.sttFinalMs} ms after end of speech, KB search ${SIM.kbMs} ms, LLM first token ${SIM.llmFirstTokenMs} ms, TTS first byte ${SIM.ttsFirstByteMs} ms`,
);
console.log(
  `turn committed at max(end of speech + ${MIN_DELAY_MS} ms endpointing, STT final) + ${EOU_MS} ms; ${Math.round(MISMATCH * 100)}% of preflight guesses miss the last word; ` +
    `${DIALOGUE.length} caller turns per call (caller speaks ${SPEAK_MS[0]}–${SPEAK_MS[1]} ms before each), ${CALLS_PER_WORKER} calls per concurrent slot`,
);
for (const mode of MODES) await oneCall([], -1, mode); // warm-up: JIT, module init, stemmer caches
await memoryProbe(Math.max(...LEVELS));
for (const n of LEVELS) for (const mode of MODES) await level(n, mode);
