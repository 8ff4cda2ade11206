/**
 * Answering-machine detection benchmark: Russian greetings of people, answering machines (with and without a beep)
 * and call-screening assistants, spoken by espeak-ng, resampled to 8 kHz telephone audio by sox, with a lead-in
 * silence, line noise and the beep made by sox. Each call is fed to `core/amd` in 20 ms frames, as a call's audio
 * arrives, until a verdict (and, for machines, the moment the message may start).
 *
 * Three detectors in the same run: the baseline — greeting length only (the classic AMD rule) — then length + beep,
 * then length + beep + words. No Russian speech recognizer runs on this machine: the words mode hands the detector the
 * greeting's own text 300 ms after each stretch of speech ends, in proportion to the speech heard (SIMULATED STT).
 *
 *   npx tsx bench/amd.ts [--keep]     (audio cached in .tmp/amd-bench/)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmdListener, type AmdState } from '../core/amd/index.ts';
import { GREETINGS, type Greeting } from './amd-greetings.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

const RATE = 8000;
const DIR = '.tmp/amd-bench';
const FRAME = RATE / 50;

function need(bin: string, pkg: string): void {
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore' });
  } catch {
    console.error(`bench:amd needs ${bin}: apt-get install -y ${pkg}`);
    process.exit(2);
  }
}

/** Deterministic noise and lead-ins (the same audio on every run). */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const raw = (file: string) => { const b = readFileSync(file); return new Int16Array(b.buffer, b.byteOffset, b.length / 2); };

/** One call's audio: lead-in silence, the greeting, a short gap, the beep (machines), then silence. */
function callAudio(g: Greeting, i: number): { pcm: Int16Array; speechEndMs: number; beepEndMs: number | null } {
  const wav = join(DIR, `g${i}.wav`);
  const speech = join(DIR, `g${i}.raw`);
  if (!existsSync(speech)) {
    execFileSync('espeak-ng', ['-v', g.voice ?? 'ru', '-s', String(g.speed ?? 165), '-w', wav, g.text]);
    execFileSync('sox', ['-v', '0.9', wav, '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', speech]);
  }
  const beepFile = join(DIR, `beep-${g.beepHz}.raw`);
  if (g.beepHz && !existsSync(beepFile)) {
    execFileSync('sox', ['-n', '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', beepFile, 'synth', '0.45', 'sine', String(g.beepHz), 'vol', '0.4']);
  }
  const next = rng(1000 + i);
  const lead = Math.round((200 + next() * 1000) / 20) * 20;
  const voice = raw(speech);
  const beep = g.beepHz ? raw(beepFile) : new Int16Array(0);
  const gap = g.beepHz ? 300 : 0;
  const ms = (n: number) => Math.round((n / RATE) * 1000);
  const parts = [new Int16Array((RATE * lead) / 1000), voice, new Int16Array((RATE * gap) / 1000), beep, new Int16Array(RATE * 4)];
  const pcm = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (pcm.set(p, o), (o += p.length));
  for (let k = 0; k < pcm.length; k++) pcm[k] = Math.max(-32768, Math.min(32767, pcm[k]! + Math.round((next() - 0.5) * 160)));
  const speechEndMs = lead + ms(voice.length);
  return { pcm, speechEndMs, beepEndMs: g.beepHz ? speechEndMs + gap + ms(beep.length) : null };
}

type Mode = { name: string; beeps: boolean; words: boolean };
const MODES: Mode[] = [
  { name: 'baseline: greeting length only', beeps: false, words: false },
  { name: 'length + beep', beeps: true, words: false },
  { name: 'length + beep + words (SIMULATED STT)', beeps: true, words: true },
];

function run(mode: Mode, g: Greeting, audio: Int16Array): { state: AmdState; cpuMs: number } {
  const amd = new AmdListener(RATE, { beeps: mode.beeps, wordsGraceMs: mode.words ? 900 : null });
  const words = g.text.split(/\s+/);
  let heardSpeech = 0;
  let pendingWords: { atMs: number; count: number } | null = null;
  let segments = 0;
  const t0 = performance.now();
  for (let o = 0; o < audio.length; o += FRAME) {
    const s = amd.pushAudio(audio.subarray(o, o + FRAME));
    if (mode.words) {
      // A streaming recognizer's final for each stretch of speech, 300 ms after it ends.
      if (s.segments.length > segments) {
        segments = s.segments.length;
        heardSpeech = s.segments.reduce((n, x) => n + x.endMs - x.startMs, 0);
        const total = Math.max(1, (words.length / (g.speed ?? 165)) * 60_000);
        pendingWords = { atMs: amd.elapsedMs + 300, count: Math.min(words.length, Math.round((words.length * heardSpeech) / total)) };
      }
      if (pendingWords && amd.elapsedMs >= pendingWords.atMs) {
        amd.pushWords(words.slice(0, Math.max(1, pendingWords.count)).join(' '));
        pendingWords = null;
      }
    }
    if (s.verdict && (s.verdict.kind === 'person' || s.messageAtMs !== null)) break;
  }
  return { state: amd.state, cpuMs: performance.now() - t0 };
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN; };

function main(): void {
  need('espeak-ng', 'espeak-ng');
  need('sox', 'sox');
  mkdirSync(DIR, { recursive: true });
  const calls = GREETINGS.map((g, i) => ({ g, ...callAudio(g, i) }));
  const counts = { person: 0, voicemail: 0, screening: 0 };
  for (const c of calls) counts[c.g.kind]++;
  console.log(`bench:amd — ${calls.length} answered calls (${counts.person} people, ${counts.voicemail} answering machines/operator messages, ${counts.screening} screening assistants), espeak-ng → sox 8 kHz, line noise`);
  console.log('decision time: audio ms from the answer; message start checked against the beep\'s end (never over the greeting)\n');
  console.log('| detector | 3-class accuracy | person vs machine | people right | machines right | screening right | decision p50 / p95 | people p50 / machines p50 | machine message after greeting/beep | CPU per call |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const misses: string[] = [];
  for (const mode of MODES) {
    let right = 0, binary = 0, msgOk = 0, msgAll = 0;
    const per = { person: 0, voicemail: 0, screening: 0 };
    const times: number[] = [];
    const byKind: Record<'person' | 'machine', number[]> = { person: [], machine: [] };
    const cpu: number[] = [];
    for (const c of calls) {
      const { state, cpuMs } = run(mode, c.g, c.pcm);
      const kind = state.verdict?.kind ?? 'person';
      cpu.push(cpuMs);
      if (state.verdict) (times.push(state.verdict.atMs), byKind[c.g.kind === 'person' ? 'person' : 'machine'].push(state.verdict.atMs));
      const machine = (k: string) => k !== 'person';
      if (kind === c.g.kind) (right++, per[c.g.kind]++);
      else misses.push(`${mode.name}: «${c.g.text}» (${c.g.kind}) → ${kind}: ${state.verdict?.reason ?? 'no verdict'}`);
      if (machine(kind) === machine(c.g.kind)) binary++;
      if (c.g.kind !== 'person' && machine(kind)) {
        msgAll++;
        const after = c.beepEndMs ?? c.speechEndMs;
        if (state.messageAtMs !== null && state.messageAtMs >= (c.g.kind === 'screening' ? 0 : after) - 20) msgOk++;
      }
    }
    const n = calls.length;
    const p = (a: number, b: number) => `${a}/${b} (${Math.round((100 * a) / b)} %)`;
    console.log(`| ${mode.name} | ${p(right, n)} | ${p(binary, n)} | ${per.person}/${counts.person} | ${per.voicemail}/${counts.voicemail} | ${per.screening}/${counts.screening} | ${pct(times, 50)} / ${pct(times, 95)} ms | ${pct(byKind.person, 50)} / ${pct(byKind.machine, 50)} ms | ${msgOk}/${msgAll} | ${pct(cpu, 50).toFixed(2)} ms |`);
  }
  if (misses.length) console.log(`\nwrong verdicts:\n${misses.map((m) => `  ${m}`).join('\n')}`);
}

main();
