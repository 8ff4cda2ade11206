/**
 * Phone calls over the real stack (LiveKit server + SIP, agent-host worker, Worker API; STT SIMULATED by the
 * scripted recognizer) against the audio harness (same AgentSession and bot, no room, no SIP) in one run:
 *   1. the same caller scripts both ways — end of caller speech → first bot audio heard by the caller, p50/p95,
 *      and the room + SIP overhead per turn (paired by script and turn);
 *   2. N simultaneous SIP calls for each level of --levels: latency heard, lost replies (a turn with no bot audio
 *      after it), largest job-process RSS, CPU seconds per call-second of the stack (agent-host, LiveKit, SIP).
 * Real time; numbers depend on the machine's other load (the load average is printed) — say so when quoting them.
 *
 *   npm run bench:sip -- [--scripts booking-chunked-phone,barge-in] [--rounds 2] [--levels 1,5,10] [--out DIR]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initializeLogger } from '@livekit/agents';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import { runAudioCall } from '../agent-host/src/audio/harness.ts';
import { parseCallerScript, type CallerScript } from '../agent-host/src/audio/caller-script.ts';
import type { TurnRecord } from '../agent-host/src/audio/timeline.ts';
import { dial, runSipCaller, synthesizeChunks } from '../agent-host/src/sip/sip-caller.ts';
import { randomCallerNumber } from '../agent-host/src/sip/stored-call.ts';
import { SipEndpoint } from '../agent-host/src/sip/user-agent.ts';
import { phoneStackMissing } from '../scripts/phone-processes.ts';
import { startPhoneStack, type PhoneStack } from '../scripts/phone-stack.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

initializeLogger({ pretty: false, level: 'silent' });
const { values } = parseArgs({
  options: {
    scripts: { type: 'string', default: 'booking-chunked-phone,barge-in' },
    rounds: { type: 'string', default: '2' },
    levels: { type: 'string', default: '1,5,10' },
    out: { type: 'string', default: 'bench/out/sip' },
  },
});
const missing = phoneStackMissing();
if (missing.length) {
  console.error(`bench:sip needs: ${missing.join('; ')}`);
  process.exit(2);
}
const scripts = values.scripts.split(',').map((n) => parseCallerScript(readFileSync(`scenarios/callers/${n}.yaml`, 'utf8')));
const parsed = parseBotConfigText(readFileSync('scenarios/salon-bot-1.yaml', 'utf8'));
if (!parsed.ok) throw new Error('salon config does not parse');
const NUMBER = '+74951230001';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');
const latencies = (turns: TurnRecord[]) => turns.flatMap((t) => (t.latency_ms === null ? [] : [t.latency_ms]));
const lost = (turns: TurnRecord[]) => turns.filter((t) => t.kind !== 'silence' && !t.over_reply && t.first_bot_audio_ms === null).length;

/** CPU seconds (user + system) by process and RSS (kB) of the job processes, over the stack's process groups. */
function sample(stack: PhoneStack): { cpu: Map<number, number>; rss: Map<number, number> } {
  const groups = stack.processes.map((p) => p.child.pid).filter(Boolean);
  const out = spawnSync('ps', ['-eo', 'pid=,pgid=,rss=,times='], { encoding: 'utf8' }).stdout ?? '';
  const cpu = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const line of out.split('\n')) {
    const [pid, pgid, kb, secs] = line.trim().split(/\s+/).map(Number);
    if (!groups.includes(pgid)) continue;
    cpu.set(pid!, secs ?? 0);
    if (pgid === stack.agent.child.pid && pid !== pgid) rss.set(pid!, kb!);
  }
  return { cpu, rss };
}

async function sipCall(stack: PhoneStack, caller: SipEndpoint, script: CallerScript) {
  const call = await dial(caller, `sip:${NUMBER}@${stack.sip.host}:${stack.sip.port}`, randomCallerNumber(), 120_000);
  return runSipCaller(call, { script, recognizer: stack.recognizer }, await synthesizeChunks(script));
}

console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
const stack = await startPhoneStack({ dir: mkdtempSync(join(tmpdir(), 'voicebot-bench-sip-')) });
const report: Record<string, unknown> = {};
try {
  await stack.attachNumber(stack.demo.bots['salon-bot-1']!, NUMBER);
  const caller = await SipEndpoint.open();

  // 1. The same scripts over SIP and through the harness, paired by script and turn.
  const pairs: { sip: number; harness: number }[] = [];
  const sipAll: number[] = [];
  const harnessAll: number[] = [];
  const bargeIn: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const script of scripts) {
      const sip = await sipCall(stack, caller, script);
      const harness = await runAudioCall({ config: parsed.config, script, telephone: true });
      sipAll.push(...latencies(sip.timeline.turns));
      harnessAll.push(...latencies(harness.timeline.turns));
      for (const t of sip.timeline.turns) {
        const h = harness.timeline.turns[t.index];
        if (t.latency_ms !== null && h?.latency_ms != null) pairs.push({ sip: t.latency_ms, harness: h.latency_ms });
        if (t.over_reply && t.bot_stop_ms !== null) bargeIn.push(t.bot_stop_ms);
      }
      process.stderr.write(`\rpaired calls ${round * scripts.length + scripts.indexOf(script) + 1}/${Number(values.rounds) * scripts.length}`);
    }
  }
  process.stderr.write('\n');
  const overhead = pairs.map((p) => p.sip - p.harness);
  console.log('\nSame scripts, end of caller speech → first bot audio heard (STT SIMULATED on both paths)');
  console.log('path                      turns     p50      p95');
  console.log(`call:audio (no room)      ${String(harnessAll.length).padStart(5)} ${ms(pct(harnessAll, 50)).padStart(8)} ${ms(pct(harnessAll, 95)).padStart(8)}`);
  console.log(`SIP + LiveKit room        ${String(sipAll.length).padStart(5)} ${ms(pct(sipAll, 50)).padStart(8)} ${ms(pct(sipAll, 95)).padStart(8)}`);
  console.log(`overhead per turn (paired)${String(overhead.length).padStart(5)} ${ms(pct(overhead, 50)).padStart(8)} ${ms(pct(overhead, 95)).padStart(8)}   goal: p50 ≤ 60 ms`);
  console.log(`barge-in over SIP: bot audio stopped ${bargeIn.map((b) => `${Math.round(b)} ms`).join(', ') || '—'} after the caller's onset (goal ≤ 400 ms)`);
  report.paired = { harness: harnessAll, sip: sipAll, overhead, bargeIn };

  // 2. N simultaneous calls.
  const booking = scripts[0]!;
  console.log(`\nSimultaneous SIP calls (${booking.name}), latency heard by the caller`);
  console.log('calls  turns     p50      p95  lost  max job RSS  CPU s per call-s  verdict   (lost counts every turn of a refused call)');
  const levels: unknown[] = [];
  for (const n of values.levels.split(',').map(Number)) {
    const callers = await Promise.all(Array.from({ length: n }, () => SipEndpoint.open()));
    // Job processes come and go: keep each one's last CPU figure, so one that exits still counts.
    const before = sample(stack).cpu;
    const seen = new Map(before);
    let maxRss = 0;
    const look = () => {
      const now = sample(stack);
      for (const [pid, secs] of now.cpu) seen.set(pid, secs);
      maxRss = Math.max(maxRss, ...now.rss.values());
    };
    const watch = setInterval(look, 1_000);
    const t0 = performance.now();
    // A call LiveKit refused or never answered loses every reply it would have had.
    const settled = await Promise.all(callers.map((c, i) => new Promise((r) => setTimeout(r, i * 300)).then(() => sipCall(stack, c, booking)).catch(() => null)));
    clearInterval(watch);
    look();
    const recs = settled.filter((r) => r !== null);
    const refused = settled.length - recs.length;
    const callSeconds = Math.max(1, recs.reduce((a, r) => a + r.timeline.duration_ms / 1000, 0));
    const cpu = [...seen].reduce((a, [pid, secs]) => a + secs - (before.get(pid) ?? 0), 0) / callSeconds;
    const turns = recs.flatMap((r) => r.timeline.turns);
    const l = latencies(turns);
    const lostN = lost(turns) + refused * booking.turns.length;
    const ok = pct(l, 95) <= 500 && lostN === 0;
    console.log(`${String(n).padStart(5)} ${String(l.length).padStart(6)} ${ms(pct(l, 50)).padStart(8)} ${ms(pct(l, 95)).padStart(8)} ${String(lostN).padStart(5)} ${`${Math.round(maxRss / 1024)} MB`.padStart(12)} ${cpu.toFixed(3).padStart(17)}  ${ok ? 'within budget' : 'over budget'}`);
    levels.push({ n, refused, latencies: l, lost: lostN, maxRssKb: maxRss, cpuPerCallSecond: cpu, wallS: (performance.now() - t0) / 1000 });
    for (const c of callers) c.close();
  }
  report.levels = levels;
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  caller.close();
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'sip.json'), JSON.stringify(report, null, 2));
} finally {
  await stack.stop();
}
process.exit(0);
