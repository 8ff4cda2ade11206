/**
 * Russian end-of-turn benchmark in eot-bench's method (docs/eot-bench-ru.md): every silence of the
 * Russian phone set (bench/eot-set.ts, generated on first use) is scored causally by each detector at
 * the policy grid's moments, then eot-bench's policy sweep gives, per detector, the false cut-off rate
 * at a 300/600 ms mean-latency budget and the mean latency at a 5/10 % false cut-off budget.
 * Detectors: the dialog-aware one (core/turn's verdict on the words heard so far, else the audio model
 * at the Russian threshold), the audio model (turn-detector v1-mini, in-process) at the Russian 0.2
 * and the English 0.36 thresholds and swept, and VAD only (silence timing alone). eot-bench's published
 * English figures are printed alongside. Predictions are written next to the set in eot-bench's columns.
 *
 *   npm run bench:eot -- [--set .tmp/eot-set-ru] [--fresh]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LINE_RATE } from '../agent-host/src/audio/caller-voice.ts';
import { RUSSIAN_EOT_THRESHOLD } from '../agent-host/src/audio/dialog-turn-detector.ts';
import { inProcessEotExecutor } from '../agent-host/src/audio/local-eot.ts';
import { judgeCompleteness } from '../core/turn/index.ts';
import { bestCutoffAtLatency, bestLatencyAtCutoff, SCORE_POINTS, sweep, SWEPT_THRESHOLDS, type OperatingPoint, type SpanScores } from './eot-metrics.ts';
import { loadEotSet, type EotRow } from './eot-set.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

const { values } = parseArgs({ options: { set: { type: 'string', default: '.tmp/eot-set-ru' }, fresh: { type: 'boolean', default: false } } });
const ENGLISH_THRESHOLD = 0.36;
/** agents-js gives the audio model the last 1.2 s before the moment it asks. */
const MODEL_WINDOW = (LINE_RATE * 12) / 10;

const set = await loadEotSet(values.set);
process.stderr.write(`${set.length} turns in ${values.set}\n`);

/** One prediction row, eot-bench's columns. */
interface Prediction { id: string; language: 'ru'; span_index: number; timestamp: number; silence_dur: number; p_eot: number; label: 'hold' | 'eot' }

async function modelPredictions(): Promise<Prediction[]> {
  const file = join(values.set, 'predictions-model.jsonl');
  if (!values.fresh && existsSync(file)) return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Prediction);
  const exec = inProcessEotExecutor();
  const out: Prediction[] = [];
  let done = 0;
  for (const { row, pcm } of set) {
    for (const [i, span] of row.silence_spans.entries()) {
      const duration = span.end - span.start;
      for (const t of SCORE_POINTS.filter((x) => x <= duration + 1e-9)) {
        const end = Math.round((span.start + t) * LINE_RATE);
        const window = pcm.slice(Math.max(0, end - MODEL_WINDOW), end);
        const res = (await exec.doInference('lk_eot_audio', { pcm: Buffer.from(window.buffer).toString('base64') })) as { probability: number };
        out.push({ id: row.id, language: 'ru', span_index: i, timestamp: span.start + t, silence_dur: t, p_eot: res.probability, label: i === row.silence_spans.length - 1 ? 'eot' : 'hold' });
      }
    }
    process.stderr.write(`\rmodel: ${++done}/${set.length} turns`);
  }
  process.stderr.write('\n');
  writeFileSync(file, out.map((p) => JSON.stringify(p)).join('\n') + '\n');
  return out;
}

const model = await modelPredictions();
const byRow = new Map(set.map(({ row }) => [row.id, row]));

/** The dialog's score: 1 when the words heard `lagS` ago answer in full, 0 when they cannot be the end, else the model's. */
function dialogScore(row: EotRow, timestamp: number, lagS: number, modelP: number): number {
  const heard = row.words.filter((w) => w.end <= timestamp - lagS + 1e-9).map((w) => w.word).join(' ');
  if (!heard) return modelP;
  const v = judgeCompleteness(heard, row.expect).verdict;
  return v === 'complete' ? 1 : v === 'incomplete' ? 0 : modelP;
}

/** Group predictions into spans with a detector's score. */
function spans(score: (p: Prediction) => number): SpanScores[] {
  const out = new Map<string, SpanScores>();
  for (const p of model) {
    const key = `${p.id}|${p.span_index}`;
    const row = byRow.get(p.id)!;
    const s = row.silence_spans[p.span_index]!;
    let span = out.get(key);
    if (!span) out.set(key, (span = { label: p.label, duration: s.end - s.start, points: [] }));
    span.points.push({ t: p.silence_dur, p: score(p) });
  }
  return [...out.values()];
}

const detectors: { name: string; points: OperatingPoint[]; file?: string; score?: (p: Prediction) => number }[] = [];
const add = (name: string, score: (p: Prediction) => number, thresholds: readonly number[], file?: string) =>
  detectors.push({ name, points: sweep(spans(score), thresholds), ...(file ? { file, score } : {}) });
add('dialog-aware + model ru 0.2 (words after 400 ms)', (p) => dialogScore(byRow.get(p.id)!, p.timestamp, 0.4, p.p_eot), [RUSSIAN_EOT_THRESHOLD], 'predictions-dialog.jsonl');
add('dialog-aware + model ru 0.2 (words after 200 ms)', (p) => dialogScore(byRow.get(p.id)!, p.timestamp, 0.2, p.p_eot), [RUSSIAN_EOT_THRESHOLD]);
add('dialog-aware + model, threshold swept (200 ms)', (p) => dialogScore(byRow.get(p.id)!, p.timestamp, 0.2, p.p_eot), SWEPT_THRESHOLDS);
add('model, Russian threshold 0.2', (p) => p.p_eot, [RUSSIAN_EOT_THRESHOLD]);
add('model, English threshold 0.36', (p) => p.p_eot, [ENGLISH_THRESHOLD]);
add('model, threshold swept', (p) => p.p_eot, SWEPT_THRESHOLDS);
add('VAD only (silence timing)', () => 1, [1]);
for (const d of detectors) {
  if (d.file && d.score) writeFileSync(join(values.set, d.file), model.map((p) => JSON.stringify({ ...p, p_eot: d.score!(p) })).join('\n') + '\n');
}

const holds = set.reduce((n, { row }) => n + row.silence_spans.slice(0, -1).filter((s) => s.end - s.start >= 0.2).length, 0);
const pct = (p: OperatingPoint | null) => (p ? `${(100 * p.cutoffRate).toFixed(1)} %` : '–');
const ms = (p: OperatingPoint | null) => (p ? `${Math.round(p.meanLatencyMs)} ms` : '–');
const policy = (p: OperatingPoint | null) => (p ? `t ${p.threshold} / delay ${p.actionDelay} s / timeout ${p.timeout} s` : '');
console.log(`\nRussian end-of-turn set: ${set.length} phone turns (8 kHz μ-law + line noise, espeak-ng voices), ${holds} mid-turn pauses, ${set.length} true ends`);
console.log('eot-bench method: causal scores at each silence, policy sweep over action delay and timeout (and threshold where swept)\n');
const cols = ['false cut-offs @ 300 ms', 'false cut-offs @ 600 ms', 'latency @ 5 % cut-offs', 'latency @ 10 % cut-offs'];
console.log(`${'detector'.padEnd(50)}${cols.map((c) => c.padStart(25)).join('')}   policy at 5 %`);
for (const d of detectors) {
  const at5 = bestLatencyAtCutoff(d.points, 0.05);
  console.log(`${d.name.padEnd(50)}${[pct(bestCutoffAtLatency(d.points, 300)), pct(bestCutoffAtLatency(d.points, 600)), ms(at5), ms(bestLatencyAtCutoff(d.points, 0.1))].map((c) => c.padStart(25)).join('')}   ${policy(at5)}`);
}
// Where the dialog's verdict is right and wrong: at 300 ms into each silence, words heard 200 ms before.
const verdicts = { hold: new Map<string, number>(), eot: new Map<string, number>() };
for (const { row } of set) {
  for (const [i, span] of row.silence_spans.entries()) {
    const label = i === row.silence_spans.length - 1 ? 'eot' : 'hold';
    if (label === 'hold' && span.end - span.start < 0.2) continue;
    const heard = row.words.filter((w) => w.end <= span.start + 0.1 + 1e-9).map((w) => w.word).join(' ');
    const v = judgeCompleteness(heard, row.expect).verdict;
    verdicts[label].set(v, (verdicts[label].get(v) ?? 0) + 1);
  }
}
const share = (m: Map<string, number>) => ['complete', 'incomplete', 'unknown'].map((v) => `${v} ${m.get(v) ?? 0}`).join(', ');
console.log(`\ndialog verdicts 300 ms into a silence: mid-turn pauses — ${share(verdicts.hold)}; true ends — ${share(verdicts.eot)}`);
console.log('\nbaseline, eot-bench published English (real human turns, not this set):');
for (const [name, a, b, c, e] of [
  ['LiveKit Turn Detector v1', '9.9 %', '4.5 %', '543 ms', '295 ms'],
  ['LiveKit Turn Detector v1-mini', '27.8 %', '12.1 %', '1070 ms', '698 ms'],
  ['VAD baseline', '55.6 %', '21.7 %', '1600 ms', '1000 ms'],
] as const) console.log(`${`  ${name}`.padEnd(50)}${[a, b, c, e].map((x) => x.padStart(25)).join('')}`);
process.exit(0);
