/**
 * Realtime pipeline benchmark: real AgentSession + our voice agent + the RealtimeAgent brain, in text
 * mode, with simulated providers of fixed latency (STT final 150 ms, KB search 30 ms, LLM first token
 * 200 ms, TTS first byte 90 ms). Prints our added latency per turn (total − simulated provider time),
 * end-to-end response times for scripted vs LLM turns, and RSS per concurrent call.
 *
 *   npx tsx bench/realtime.ts [--calls-per-worker 4] [--levels 1,10,50]
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { initializeLogger } from '@livekit/agents';
import type { BotConfig } from '../core/config/bot-config.ts';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import type { KnowledgeChunk } from '../agent-host/src/api-client.ts';
import { createCall } from '../agent-host/src/call.ts';
import { buildSession } from '../agent-host/src/pipeline.ts';
import { LlmChain } from '../agent-host/src/providers/llm/chain.ts';
import { ProviderLLM } from '../agent-host/src/providers/llm/livekit-adapter.ts';
import type { LLMProvider } from '../agent-host/src/providers/llm/types.ts';

initializeLogger({ pretty: false, level: 'silent' });

const SIM = { sttFinalMs: 150, kbMs: 30, llmFirstTokenMs: 200, ttsFirstByteMs: 90 } as const;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const CALLS_PER_WORKER = Number(arg('calls-per-worker', '3'));
/** Callers talk between bot replies; without it all calls would hit the CPU in lockstep. */
const SPEAK_MS: [number, number] = [800, 2000];
const randomBetween = ([lo, hi]: [number, number]) => lo + Math.random() * (hi - lo);
const LEVELS = arg('levels', '1,10,50').split(',').map(Number);

const parsed = parseBotConfigText(readFileSync('scenarios/salon-bot-1.yaml', 'utf8'));
if (!parsed.ok) throw new Error('salon config does not parse');
const config: BotConfig = { ...parsed.config, max_turns: 100 };

/** Caller turns of one call: a booking (scripted) and two price questions (KB + LLM). */
const DIALOGUE = ['Здравствуйте, хочу записаться на маникюр', 'в пятницу в 11 утра', '8 916 123 45 67', 'да', 'Сколько стоит педикюр?', 'А сколько стоит маникюр?'];
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

interface TurnSample {
  kind: 'scripted' | 'llm';
  addedMs: number;
  /** End of caller speech → first bot audio (simulated TTS first byte added). */
  e2eMs: number;
  /** STT final (turn known) → first bot audio. */
  fromFinalMs: number;
}

async function oneCall(samples: TurnSample[], callNo: number): Promise<void> {
  const controller = createCall({
    config,
    botId: 'bench-bot',
    api: simApi,
    llm: new LlmChain([simLlm], { firstTokenTimeoutMs: 2000 }),
    callInfo: { callId: `bench-call-${callNo}`, channel: 'simulator' },
    sink: { submit: async () => 'sent' },
  });
  let firstTextAt = 0;
  const timings = controller.timings;
  const orig = timings.firstText.bind(timings);
  timings.firstText = (id: string) => {
    firstTextAt ||= performance.now();
    orig(id);
  };
  const session = buildSession(config, { llm: new ProviderLLM(new LlmChain([simLlm])) });
  controller.attach(session);
  await session.start({ agent: controller.agent });
  await session.waitForIdle();
  for (const text of DIALOGUE) {
    await sleep(randomBetween(SPEAK_MS)); // the caller is speaking
    const endOfSpeech = performance.now();
    await sleep(SIM.sttFinalMs); // STT final arrives
    const finalAt = performance.now();
    firstTextAt = 0;
    const run = await session.run({ userInput: text }).wait();
    const kind = run.events.length && /\d+ рублей/.test(JSON.stringify(run.events)) ? 'llm' : 'scripted';
    const providerMs = SIM.sttFinalMs + (kind === 'llm' ? SIM.kbMs + SIM.llmFirstTokenMs : 0);
    const toText = firstTextAt - endOfSpeech;
    samples.push({
      kind,
      addedMs: toText - providerMs,
      e2eMs: toText + SIM.ttsFirstByteMs,
      fromFinalMs: firstTextAt - finalAt + SIM.ttsFirstByteMs,
    });
  }
  await controller.endCall('caller');
  await session.close();
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const fmt = (n: number) => n.toFixed(1).padStart(7);

async function level(concurrency: number): Promise<void> {
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
      for (let i = 0; i < CALLS_PER_WORKER; i += 1) await oneCall(samples, callNo++);
    }),
  );
  clearInterval(sampler);
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - started) / 1000;
  const added = samples.map((s) => s.addedMs);
  const by = (k: TurnSample['kind']) => samples.filter((s) => s.kind === k);
  const line = (k: TurnSample['kind']) => {
    const xs = by(k);
    return `${k.padEnd(8)} n=${String(xs.length).padStart(5)}  e2e p50 ${fmt(pct(xs.map((s) => s.e2eMs), 50))} p99 ${fmt(
      pct(xs.map((s) => s.e2eMs), 99),
    )} ms   from STT final p50 ${fmt(pct(xs.map((s) => s.fromFinalMs), 50))} p99 ${fmt(pct(xs.map((s) => s.fromFinalMs), 99))} ms`;
  };
  console.log(`\n== ${concurrency} concurrent call(s): ${samples.length} turns in ${wall.toFixed(1)} s`);
  console.log(
    `CPU ${((cpu.user + cpu.system) / 1000 / samples.length).toFixed(2)} ms per turn (whole process, incl. session start/close); event-loop delay p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
  );
  console.log(`added latency (ours)  p50 ${fmt(pct(added, 50))} ms   p99 ${fmt(pct(added, 99))} ms   max ${fmt(Math.max(...added))} ms`);
  for (const k of ['scripted', 'llm'] as const) {
    const xs = by(k).map((s) => s.addedMs);
    console.log(`  added ${k.padEnd(8)} p50 ${fmt(pct(xs, 50))}  p90 ${fmt(pct(xs, 90))}  p99 ${fmt(pct(xs, 99))} ms`);
  }
  console.log(line('scripted'));
  console.log(line('llm'));
  console.log(`RSS baseline ${(baseline / 2 ** 20).toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB → ${((peak - baseline) / 2 ** 20 / concurrency).toFixed(2)} MB per concurrent call`);
}

/** RSS of N calls held open at once (greeted, one turn answered), measured after GC when available. */
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
      await session.run({ userInput: DIALOGUE[0]! }).wait();
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
  `simulated providers: STT final ${SIM.sttFinalMs} ms, KB search ${SIM.kbMs} ms, LLM first token ${SIM.llmFirstTokenMs} ms, TTS first byte ${SIM.ttsFirstByteMs} ms`,
);
console.log(
  `${DIALOGUE.length} caller turns per call (caller speaks ${SPEAK_MS[0]}–${SPEAK_MS[1]} ms before each), ${CALLS_PER_WORKER} calls per concurrent slot, starts spread over 2 s`,
);
await oneCall([], -1); // warm-up: JIT, module init, stemmer caches
await memoryProbe(Math.max(...LEVELS));
for (const n of LEVELS) await level(n);
