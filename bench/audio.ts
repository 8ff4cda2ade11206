/**
 * Turn-taking on real audio: bench caller scripts (bench/audio-scripts.ts) through the audio call
 * harness — real AgentSession, Silero VAD, end-of-turn model, voice agent + brain, espeak-ng both
 * sides; STT is the SIMULATED transcript oracle (final 150 ms after the VAD's end of speech) —
 * under three turn-taking set-ups in the same run:
 *   dialog   end-of-turn model with the Russian threshold + the dialog's completeness (ours)
 *   english  end-of-turn model with its English threshold (what v1-mini does with Russian)
 *   vad      agents-js stock VAD endpointing (minDelay 500 ms, no model)
 * Prints, per set-up: end of caller speech → first bot audio p50/p95 by turn kind, p95 over all
 * scripted turns, cut-off rate (a commit while the caller still had words to say), false-wait
 * rate (a complete turn committed > 1 s after it ended), barge-in stop time, backchannel stop rate.
 * Real time: calls run `--concurrency` at a time (default 3).
 *
 *   npm run bench:audio -- [--scripts 20] [--concurrency 3] [--modes dialog,english,vad] [--plain] [--out DIR]
 *                          [--vad-silence 250] [--min-delay 300]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inference, initializeLogger } from '@livekit/agents';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import type { KnowledgeChunk } from '../agent-host/src/api-client.ts';
import { audioToolsAvailable } from '../agent-host/src/audio/caller-voice.ts';
import { runAudioCall, type TurnTaking } from '../agent-host/src/audio/harness.ts';
import type { TurnRecord } from '../agent-host/src/audio/timeline.ts';
import { benchScripts } from './audio-scripts.ts';

initializeLogger({ pretty: false, level: 'silent' });
const { values } = parseArgs({
  options: {
    scripts: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'dialog,english,vad' },
    plain: { type: 'boolean', default: false },
    out: { type: 'string' },
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
const modes = values.modes.split(',') as TurnTaking[];
const scripts = benchScripts(Number(values.scripts));
const vad = new inference.VAD({ minSilenceDuration: Number(values['vad-silence']) });
const endpointing = { minDelay: Number(values['min-delay']) };
const now = new Date('2026-11-23T10:00:00+03:00');

type Sample = TurnRecord & { mode: TurnTaking };
const samples: Sample[] = [];
const jobs = modes.flatMap((mode) => scripts.map((script) => ({ mode, script })));
let done = 0;
async function worker(): Promise<void> {
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    const call = await runAudioCall({ config, script: job.script, telephone, now, vad, api, turnTaking: job.mode, endpointing });
    for (const t of call.timeline.turns) samples.push({ ...t, mode: job.mode });
    if (values.out) {
      mkdirSync(values.out, { recursive: true });
      writeFileSync(`${values.out}/${job.mode}-${job.script.name}.json`, JSON.stringify(call.timeline, null, 2));
    }
    process.stderr.write(`\r${++done}/${modes.length * scripts.length} calls`);
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
process.stderr.write('\n');
await vad.close();

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (x: number) => (Number.isNaN(x) ? '   -' : String(Math.round(x)).padStart(5));
const rate = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} % (${n}/${d})` : '-');

console.log(`\nturn-taking on ${telephone ? 'telephone (8 kHz μ-law)' : 'plain 16 kHz'} audio: ${scripts.length} caller scripts, ${samples.length / modes.length} turns per set-up, ${((performance.now() - started) / 60000).toFixed(1)} min`);
console.log('STT is SIMULATED (final 150 ms after VAD end of speech); everything else is real.\n');
const KINDS = ['short_answer', 'full_phone', 'knowledge', 'partial_phone'] as const;
console.log(`end of caller speech → first bot audio, ms (p50 / p95)`);
console.log(`${'set-up'.padEnd(9)}${KINDS.map((k) => k.padStart(16)).join('')}${'all scripted p95'.padStart(18)}`);
for (const mode of modes) {
  const mine = samples.filter((s) => s.mode === mode);
  const lat = (k: string) => mine.filter((s) => s.kind === k && s.latency_ms !== null).map((s) => s.latency_ms!);
  const all = mine.filter((s) => s.latency_ms !== null && !s.over_reply).map((s) => s.latency_ms!);
  console.log(`${mode.padEnd(9)}${KINDS.map((k) => `${fmt(pct(lat(k), 50))} /${fmt(pct(lat(k), 95))}`.padStart(16)).join('')}${fmt(pct(all, 95)).padStart(18)}`);
}
console.log(`\n${'set-up'.padEnd(9)}${'cut-offs (chunked phone)'.padStart(28)}${'cut-offs (all)'.padStart(22)}${'false waits'.padStart(22)}${'barge-in stop p50/p95'.padStart(24)}${'backchannels stop bot'.padStart(24)}`);
for (const mode of modes) {
  const mine = samples.filter((s) => s.mode === mode && s.kind !== 'silence');
  const chunked = mine.filter((s) => s.kind === 'partial_phone');
  const complete = mine.filter((s) => !s.over_reply && s.committed_ms !== null);
  const barges = mine.filter((s) => s.over_reply && !s.backchannel);
  const stops = barges.map((s) => s.bot_stop_ms).filter((x): x is number => x !== null);
  const bcs = mine.filter((s) => s.backchannel);
  console.log(
    `${mode.padEnd(9)}${rate(chunked.filter((s) => s.cut_off).length, chunked.length).padStart(28)}${rate(mine.filter((s) => s.cut_off).length, mine.length).padStart(22)}` +
      `${rate(complete.filter((s) => s.false_wait).length, complete.length).padStart(22)}${`${fmt(pct(stops, 50))} /${fmt(pct(stops, 95))} (${stops.length}/${barges.length})`.padStart(24)}` +
      `${rate(bcs.filter((s) => s.bot_stopped).length, bcs.length).padStart(24)}`,
  );
}
process.exit(0);
