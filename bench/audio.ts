/**
 * Turn-taking on real audio: bench caller scripts (bench/audio-scripts.ts) through the audio call
 * harness — real AgentSession, Silero VAD, end-of-turn model, voice agent + brain, espeak-ng both
 * sides; STT is the SIMULATED transcript oracle (final 150 ms after the VAD's end of speech, or its
 * own endpoint 500 ms after the audio stopped) — under three turn-taking set-ups in the same run:
 *   dialog   end-of-turn model with the Russian threshold + the dialog's completeness (ours);
 *            `dialog-nocache` (any mode + `-nocache`): the same without the phrase audio cache
 *   english  end-of-turn model with its English threshold (what v1-mini does with Russian)
 *   vad      agents-js stock VAD endpointing (minDelay 500 ms, no model)
 * Each run plays `--scripts` booking calls (9 turns each) and one `--long-turns` call (40) per set-up.
 * Prints, per set-up: end of caller speech → first bot audio p50/p95 by turn kind, p95 over scripted
 * turns, lost replies (never committed or answered only by the reprompt), turns the committed-turn
 * watchdog had to rescue, cut-offs, false waits, barge-in stop time, backchannel stop rate; with
 * `--runs N` the spread of each figure over the runs. `--json FILE` writes the summary.
 * Real time: calls run `--concurrency` at a time (default 3).
 *
 *   npm run bench:audio -- [--scripts 34] [--long-turns 40] [--runs 1] [--concurrency 3] [--modes dialog,english,vad]
 *                          [--plain] [--out DIR] [--json FILE] [--vad-silence 250] [--min-delay 300]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inference, initializeLogger } from '@livekit/agents';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import type { KnowledgeChunk } from '../agent-host/src/api-client.ts';
import { audioToolsAvailable } from '../agent-host/src/audio/caller-voice.ts';
import { runAudioCall, type TurnTaking } from '../agent-host/src/audio/harness.ts';
import { benchScripts, longCallScript } from './audio-scripts.ts';
import { pct, spread, summarize, type BenchTurn, type SetupSummary } from './audio-summary.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

initializeLogger({ pretty: false, level: 'silent' });
const { values } = parseArgs({
  options: {
    scripts: { type: 'string', default: '34' },
    'long-turns': { type: 'string', default: '40' },
    runs: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'dialog,english,vad' },
    plain: { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'string' },
    // Our set-ups' VAD silence and endpointing min delay (the stock-VAD baseline keeps its own 500 ms).
    'vad-silence': { type: 'string', default: '250' },
    'min-delay': { type: 'string', default: '300' },
  },
});
if (!(await audioToolsAvailable())) {
  console.error('espeak-ng and sox are needed: apt-get install -y espeak-ng sox');
  process.exit(2);
}
const parsed = parseBotConfigText(readFileSync('scenarios/salon-bot-1.yaml', 'utf8'));
if (!parsed.ok) throw new Error('salon config does not parse');
const config = { ...parsed.config, max_turns: 100, silence_timeout_sec: 30 };
const CHUNKS: KnowledgeChunk[] = [
  { chunk_id: 'c1', doc_id: 'd1', score: 1, text: 'Маникюр с покрытием стоит 1500 рублей. Педикюр стоит 2000 рублей. Стрижка стоит 1200 рублей.' },
  { chunk_id: 'c2', doc_id: 'd1', score: 0.8, text: 'Салон работает ежедневно с 10 до 21 часа, в воскресенье с 11 до 19.' },
];
const api = { searchKnowledge: async () => CHUNKS };
const telephone = !values.plain;
// A set-up is a turn-taking mode, optionally `-nocache`: every reply sentence to the TTS (the phrase cache's baseline).
const modes = values.modes.split(',');
const setup = (mode: string) => ({ turnTaking: mode.replace(/-nocache$/, '') as TurnTaking, phraseCache: !mode.endsWith('-nocache') });
const longTurns = Number(values['long-turns']);
const scripts = [...benchScripts(Number(values.scripts)), ...(longTurns > 0 ? [longCallScript(longTurns)] : [])];
const runs = Number(values.runs);
const vad = new inference.VAD({ minSilenceDuration: Number(values['vad-silence']) });
const endpointing = { minDelay: Number(values['min-delay']) };
const now = new Date('2026-11-23T10:00:00+03:00');

const samples: BenchTurn[] = [];
// The long call first, so it is not the straggler of a run; set-ups interleaved, so they share the machine's load alike.
const jobs = Array.from({ length: runs }, (_, run) => [...scripts].reverse().flatMap((script) => modes.map((mode) => ({ run, mode, script })))).flat();
const total = jobs.length;
let done = 0;
async function worker(): Promise<void> {
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    const call = await runAudioCall({ config, script: job.script, telephone, now, vad, api, ...setup(job.mode), endpointing });
    const rescues = call.timeline.events.filter((e) => e.type === 'turn_rescued').map((e) => e.t_ms);
    for (const t of call.timeline.turns) {
      const next = call.timeline.turns.find((u) => u.index > t.index)?.speech_start_ms ?? Number.POSITIVE_INFINITY;
      const rescued = rescues.some((r) => r >= t.speech_start_ms && r < next);
      samples.push({ ...t, mode: job.mode, run: job.run, script: job.script.name, rescued });
    }
    if (values.out) {
      mkdirSync(values.out, { recursive: true });
      writeFileSync(`${values.out}/${job.run}-${job.mode}-${job.script.name}.json`, JSON.stringify(call.timeline, null, 2));
    }
    process.stderr.write(`\r${++done}/${total} calls`);
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
process.stderr.write('\n');
await vad.close();

const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x)).padStart(5) : '   -');
const rate = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} % (${n}/${d})` : '-');
const perSetup = samples.filter((s) => s.mode === modes[0] && s.run === 0).length;
console.log(`\nturn-taking on ${telephone ? 'telephone (8 kHz μ-law)' : 'plain 16 kHz'} audio: ${scripts.length} caller scripts (${longTurns > 0 ? `one of ${longTurns} turns` : 'no long call'}), ${perSetup} turns per set-up and run, ${runs} run(s), ${((performance.now() - started) / 60000).toFixed(1)} min`);
console.log('STT is SIMULATED (final 150 ms after VAD end of speech, or 500 ms after the audio stopped); everything else is real.\n');
const KINDS = ['short_answer', 'full_phone', 'knowledge', 'partial_phone'] as const;
console.log(`end of caller speech → first bot audio, ms (p50 / p95), all runs`);
console.log(`${'set-up'.padEnd(16)}${KINDS.map((k) => k.padStart(16)).join('')}${'scripted p95'.padStart(14)}${'all p95'.padStart(9)}${'first turn p50'.padStart(16)}`);
for (const mode of modes) {
  const mine = samples.filter((s) => s.mode === mode);
  const lat = (k: string) => mine.filter((s) => s.kind === k && s.latency_ms !== null && !s.over_reply).map((s) => s.latency_ms!);
  const sum = summarize(mine);
  console.log(`${mode.padEnd(16)}${KINDS.map((k) => `${fmt(pct(lat(k), 50))} /${fmt(pct(lat(k), 95))}`.padStart(16)).join('')}${fmt(sum.scripted_p95_ms).padStart(14)}${fmt(sum.all_turns_p95_ms).padStart(9)}${fmt(sum.first_turn_p50_ms).padStart(16)}`);
}
console.log(`\n${'set-up'.padEnd(16)}${'lost replies (uncommitted)'.padStart(34)}${'rescued'.padStart(9)}${'cut-offs (chunked)'.padStart(22)}${'false waits'.padStart(20)}${'barge-in stop p95'.padStart(19)}${'backchannels stop bot'.padStart(23)}${'long call p50 first/last 10'.padStart(29)}`);
const summaries: Record<string, { all: SetupSummary; runs: SetupSummary[] }> = {};
for (const mode of modes) {
  const mine = samples.filter((s) => s.mode === mode);
  const all = summarize(mine);
  summaries[mode] = { all, runs: Array.from({ length: runs }, (_, r) => summarize(mine.filter((s) => s.run === r))) };
  const complete = mine.filter((t) => t.kind !== 'silence' && !t.over_reply && t.committed_ms !== null).length;
  const bcs = mine.filter((s) => s.backchannel).length;
  console.log(
    `${mode.padEnd(16)}${`${all.lost_replies}/${all.turns} (${all.uncommitted_turns})`.padStart(34)}${String(all.rescued_turns).padStart(9)}${rate(all.cutoffs_chunked, all.chunked_turns).padStart(22)}` +
      `${rate(Math.round(all.false_wait_rate * complete), complete).padStart(20)}${fmt(all.barge_in_stop_p95_ms).padStart(19)}${rate(all.backchannels_stopping_bot, bcs).padStart(23)}` +
      `${`${fmt(all.long_call_first10_p50_ms)} /${fmt(all.long_call_last10_p50_ms)}`.padStart(29)}`,
  );
}
if (runs > 1) {
  const FIGS = ['scripted_p95_ms', 'short_answer_p50_ms', 'knowledge_p95_ms', 'first_turn_p50_ms'] as const;
  console.log(`\nspread over ${runs} runs (min–max)`);
  console.log(`${'set-up'.padEnd(16)}${FIGS.map((f) => f.padStart(22)).join('')}${'lost replies'.padStart(16)}`);
  for (const mode of modes) {
    const r = summaries[mode]!.runs;
    const cell = (f: (typeof FIGS)[number]) => {
      const s = spread(r.map((x) => x[f]));
      return `${fmt(s.min).trim()}–${fmt(s.max).trim()}`.padStart(22);
    };
    console.log(`${mode.padEnd(16)}${FIGS.map(cell).join('')}${r.map((x) => x.lost_replies).join(' / ').padStart(16)}`);
  }
}
if (values.json) {
  const out = {
    telephone,
    scripts: scripts.length,
    long_call_turns: longTurns,
    runs,
    stt: 'SIMULATED transcript oracle',
    load_average: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
    setups: summaries,
  };
  writeFileSync(values.json, `${JSON.stringify(out, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  console.log(`\nsummary written to ${values.json}`);
}
process.exit(0);
