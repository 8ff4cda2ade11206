/**
 * Capacity figures (issue 14): `npx tsx bench/capacity.ts [--rates 10,50,200] [--seconds 3] [--levels 1,2,4,8,12] [--call-seconds 10] [--only pipeline,agent]`
 *
 * 1. Post-call pipeline in miniflare (the real Worker bundle, D1 + R2 + Queues with wrangler.toml's consumer settings):
 *    CallResults offered to POST /internal/calls at 10, 50, 200 calls/s; end-to-end throughput (posted → processed:
 *    summary, outcome row, signed webhook to a local receiver) and queue lag (row created → processed_at).
 *    Baseline, same run: the same Worker without the CALLS bucket, i.e. the pre-R2 layout (transcript inline in D1).
 * 2. Storage growth per call, measured on the calls of (1): D1 file growth (rows + indexes + webhook rows, after
 *    SQLite has checkpointed on close) and R2 bytes, scaled to a million calls; recordings computed from the bitrate.
 * 3. Agent-host concurrency in the production process model (agents-js forks one job process per call): N Node
 *    processes, each loading @livekit/agents + Silero VAD (ONNX) and running a call in real time — 20 ms frames of
 *    espeak-ng Russian speech through the VAD, the RealtimeAgent brain at each end of speech. "Added latency" is how
 *    late each 20 ms frame is handled versus its real-time due time (p99 over all frames of all calls), next to the
 *    N = 1 baseline; per-call CPU (ms per second of call) and RSS. Remote STT/TTS/LLM are not in it, nor the host's
 *    shared end-of-turn inference process (one per host, ~21 ms per prediction).
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Miniflare } from 'miniflare';
import { applyMigrations, workerOptions, workerScript } from './support/worker.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
/** Decimal units, as Cloudflare states D1 and R2 limits and prices. */
const human = (bytes: number) => (bytes >= 1e12 ? `${(bytes / 1e12).toFixed(2)} TB` : bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(2)} MB`);

// ---------------------------------------------------------------- 1 + 2: post-call pipeline and storage

const SALON_YAML = readFileSync(new URL('../scenarios/salon-bot-1.yaml', import.meta.url), 'utf8');
const CALLER = ['ну здравствуйте эээ хочу записаться на маникюр', 'короче в пятницу если можно', 'часа в три наверное', 'а сколько стоит с покрытием',
  'ну ладно давайте', 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', 'анна меня зовут', 'да всё верно спасибо'];
const BOT = ['салон красоты элегант здравствуйте чем могу помочь', 'на какой день вас записать', 'в какое время вам удобно', 'маникюр с покрытием стоит две тысячи рублей',
  'оставьте пожалуйста номер телефона', 'как к вам обращаться', 'записала вас на маникюр в пятницу в пятнадцать ноль ноль всё верно', 'до встречи всего доброго'];

/** A typical three-minute booking call: 16 turns, per-turn timings as the agent-host reports them. */
function callResult(botId: string, i: number) {
  const start = Date.parse('2026-11-20T09:00:00Z') + i * 1000;
  const at = (s: number) => new Date(start + s * 1000).toISOString();
  const turns = BOT.flatMap((b, k) => [{ role: 'bot', text: b, at: at(k * 22), source: 'scripted' }, { role: 'caller', text: CALLER[k]!, at: at(k * 22 + 9) }]);
  const metrics = CALLER.map((_, k) => ({ turn: k + 1, source: 'scripted', engine_ms: 2 + (k % 3), stt_ms: 250 + k * 7, tts_first_byte_ms: 220 + k * 3, total_ms: 540 + k * 11 }));
  return {
    call_id: `bench-${i.toString(36)}-${Math.random().toString(36).slice(2, 8)}`, bot_id: botId, started_at: at(0), ended_at: at(180),
    caller_number: `+7916${String(1_000_000 + i).slice(-7)}`, called_number: '+74951234567', channel: 'phone', scenario: 'booking', turns,
    fields: { service: 'маникюр', date: '2026-11-27', time: '15:00', phone: `+7916${String(1_000_000 + i).slice(-7)}`, name: 'Анна' },
    outcome: 'booking_created', ended_by: 'bot', metrics,
  };
}

const filesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)]));

/** Bytes the persisted D1 database needs: SQLite's own page count after VACUUM (tables + indexes, no free pages). */
async function d1Bytes(persist: string): Promise<number> {
  const { DatabaseSync } = await import('node:sqlite');
  const files = filesIn(join(persist, 'd1')).filter((f) => f.endsWith('.sqlite') && !f.includes('metadata'));
  let total = 0;
  for (const file of files) {
    const db = new DatabaseSync(file);
    db.exec('VACUUM');
    const { n } = db.prepare('select page_count * page_size as n from pragma_page_count(), pragma_page_size()').get() as { n: number };
    db.close();
    total += n;
  }
  return total;
}

type Layout = 'r2' | 'inline';
// Loaded only by the main process: call processes stay as lean as agents-js job processes.
let MiniflareClass: typeof Miniflare;
function miniflare(script: string, layout: Layout, persist: string): Miniflare {
  return new MiniflareClass(workerOptions(script, {
    d1Persist: join(persist, 'd1'), r2Persist: join(persist, 'r2'),
    r2Buckets: layout === 'r2' ? { FILES: 'voicebot-files', CALLS: 'voicebot-calls' } : { FILES: 'voicebot-files' },
    queueConsumers: { 'voicebot-postcall': { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 5 } },
    bindings: { WEBHOOK_ALLOW_HTTP_LOCALHOST: 'true' },
  }));
}

async function call(mf: Miniflare, method: string, path: string, key: string, body?: unknown, type = 'application/json') {
  const res = await mf.dispatchFetch(`http://api.local${path}`, {
    method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : null };
}

interface LevelResult { layout: Layout; offered: number; calls: number; throughput: number; lagP50: number; lagP95: number; lagMax: number; intakeP95: number; webhooks: number; drained: boolean }

async function runLevel(mf: Miniflare, layout: Layout, botId: string, rate: number, seconds: number, seq: { i: number }, received: { n: number }): Promise<LevelResult> {
  const d1 = await mf.getD1Database('DB');
  const n = Math.round(rate * seconds);
  const ids: string[] = [];
  const intake: number[] = [];
  const before = received.n;
  const t0 = performance.now();
  const posts: Promise<void>[] = [];
  for (let k = 0; k < n; k++) {
    await sleep(t0 + (k * 1000) / rate - performance.now());
    const body = callResult(botId, seq.i++);
    ids.push(body.call_id);
    const sent = performance.now();
    posts.push(call(mf, 'POST', '/internal/calls', 'bench-agent', body).then((r) => {
      if (r.status !== 202) throw new Error(`intake ${r.status}: ${JSON.stringify(r.body)}`);
      intake.push(performance.now() - sent);
    }));
  }
  await Promise.all(posts);
  const deadline = performance.now() + 120_000;
  const inList = ids.map((id) => `'${id}'`).join(',');
  let done = 0;
  while (performance.now() < deadline) {
    done = (await d1.prepare(`select count(*) as n from calls where status = 'processed' and id in (${inList})`).first<{ n: number }>())!.n;
    if (done === n) break;
    await sleep(250);
  }
  const rows = (await d1.prepare(`select created_at as c, processed_at as p from calls where processed_at is not null and id in (${inList})`).all<{ c: number; p: number }>()).results;
  const lags = rows.map((r) => r.p - r.c);
  const first = Math.min(...rows.map((r) => r.c));
  const last = Math.max(...rows.map((r) => r.p));
  return {
    layout, offered: rate, calls: n, throughput: rows.length / Math.max(0.001, (last - first) / 1000),
    lagP50: pct(lags, 50), lagP95: pct(lags, 95), lagMax: Math.max(...lags), intakeP95: pct(intake, 95), webhooks: received.n - before, drained: done === n,
  };
}

async function pipelineAndStorage(script: string, layout: Layout, rates: number[], seconds: number) {
  const persist = mkdtempSync(join(tmpdir(), `capacity-${layout}-`));
  const received = { n: 0 };
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.n++;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as { port: number }).port;
  try {
    let mf = miniflare(script, layout, persist);
    await applyMigrations(mf);
    await mf.dispose();
    const emptyDb = await d1Bytes(persist);
    mf = miniflare(script, layout, persist);
    const company = await call(mf, 'POST', '/companies', 'bench-admin', { name: 'Салон красоты Элегант' });
    const key = company.body.api_key.key as string;
    const bot = await call(mf, 'POST', '/bots', key, SALON_YAML, 'application/yaml');
    const hook = await call(mf, 'POST', '/webhooks', key, { url: `http://127.0.0.1:${port}/crm` });
    if (hook.status !== 201) console.log(`  (webhook not registered: ${hook.status} ${JSON.stringify(hook.body?.error ?? hook.body)})`);
    const seq = { i: 0 };
    const levels: LevelResult[] = [];
    for (const rate of rates) levels.push(await runLevel(mf, layout, bot.body.id, rate, seconds, seq, received));
    let r2Bytes = 0;
    if (layout === 'r2') {
      const bucket = await mf.getR2Bucket('CALLS');
      let cursor: string | undefined;
      do {
        const page = await bucket.list({ limit: 1000, ...(cursor ? { cursor } : {}) });
        r2Bytes += page.objects.reduce((s, o) => s + o.size, 0);
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
    }
    await mf.dispose();
    const d1Growth = (await d1Bytes(persist)) - emptyDb;
    return { levels, calls: seq.i, d1PerCall: d1Growth / seq.i, r2PerCall: r2Bytes / seq.i };
  } finally {
    receiver.close();
    rmSync(persist, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- 3: agent-host job processes

interface CallReport { lateP50: number; lateP99: number; late: number[]; loopP99: number; cpuMsPerSec: number; rssMB: number; turns: number; brainP99: number }

/** One call in its own process, as an agents-js job process runs it. */
async function callProcess(wavPath: string, seconds: number): Promise<void> {
  const { initializeLogger } = await import('@livekit/agents');
  initializeLogger({ pretty: false, level: 'silent' });
  const silero = await import('@livekit/agents-plugin-silero');
  const { VADEventType } = await import('@livekit/agents');
  const { AudioFrame } = await import('@livekit/rtc-node');
  const { parseBotConfigText } = await import('../core/config/parse-config.ts');
  const { RealtimeAgent } = await import('../agent-host/src/realtime-agent.ts');
  const parsed = parseBotConfigText(SALON_YAML);
  if (!parsed.ok) throw new Error('salon config');
  const vad = await silero.VAD.load({ minSilenceDuration: 250 });
  const agent = new RealtimeAgent({ config: { ...parsed.config, max_turns: 500 } });
  await agent.onCallStart({ callId: `cap-${process.pid}` });
  // 16 kHz mono s16 speech followed by 0.8 s of silence, looped: a caller talking, pausing, talking.
  const wav = readFileSync(wavPath);
  const data = wav.indexOf('data');
  const speech = new Int16Array(wav.buffer.slice(wav.byteOffset + data + 8, wav.byteOffset + wav.length));
  const pcm = new Int16Array(speech.length + 16_000 * 0.8);
  pcm.set(speech);
  const FRAME = 320;
  // Warm-up, as a job process is warm before its call (agents-js prewarm): first ONNX inference, the brain's first turn.
  const warm = vad.stream();
  for (let i = 0; i < 50; i++) warm.pushFrame(new AudioFrame(pcm.slice(i * FRAME, (i + 1) * FRAME), 16_000, 1, FRAME));
  void (async () => { for await (const _ of warm) void _; })().catch(() => undefined);
  await sleep(1500);
  warm.close();
  const warmAgent = new RealtimeAgent({ config: parsed.config });
  await warmAgent.onCallStart({ callId: `warm-${process.pid}` });
  await warmAgent.onSpeech(CALLER[0]!);
  const stream = vad.stream();
  const brain: number[] = [];
  let turn = 0;
  void (async () => {
    for await (const ev of stream) {
      if (ev.type !== VADEventType.END_OF_SPEECH) continue;
      const t = performance.now();
      await agent.onSpeech(CALLER[turn++ % CALLER.length]!);
      brain.push(performance.now() - t);
    }
  })();
  process.send!({ type: 'ready' });
  await new Promise<void>((r) => process.once('message', () => r()));
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const late: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const frames = Math.round((seconds * 1000) / 20);
  for (let i = 0; i < frames; i++) {
    const due = t0 + i * 20;
    await sleep(due - performance.now());
    late.push(Math.max(0, performance.now() - due));
    const off = (i * FRAME) % (pcm.length - FRAME);
    stream.pushFrame(new AudioFrame(pcm.slice(off, off + FRAME), 16_000, 1, FRAME));
  }
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  const report: CallReport = {
    lateP50: pct(late, 50), lateP99: pct(late, 99), late, loopP99: loop.percentile(99) / 1e6, cpuMsPerSec: (cpu.user + cpu.system) / 1000 / seconds,
    rssMB: process.memoryUsage().rss / 2 ** 20, turns: turn, brainP99: pct(brain, 99),
  };
  process.send!({ type: 'result', report }, () => process.exit(0));
}

async function runCalls(n: number, wavPath: string, seconds: number): Promise<CallReport[]> {
  const children: ChildProcess[] = [];
  const reports: Promise<CallReport>[] = [];
  const ready: Promise<void>[] = [];
  for (let k = 0; k < n; k++) {
    const child = fork(fileURLToPath(import.meta.url), ['--call-process', wavPath, String(seconds)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    ready.push(new Promise((r) => child.once('message', () => r())));
    reports.push(new Promise((resolve, reject) => {
      child.on('message', (m: { type: string; report?: CallReport }) => m.type === 'result' && resolve(m.report!));
      child.once('exit', (code) => code !== 0 && reject(new Error(`call process exited ${code}`)));
    }));
  }
  await Promise.all(ready);
  for (const c of children) c.send('go');
  return Promise.all(reports);
}

async function agentHost(levels: number[], seconds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'capacity-audio-'));
  const raw = join(dir, 'speech-22k.wav');
  const wav = join(dir, 'speech-16k.wav');
  execFileSync('espeak-ng', ['-v', 'ru', '-s', '150', '-w', raw, 'здравствуйте хочу записаться на маникюр в пятницу часа в три меня зовут анна']);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', wav]);
  try {
    const rows = [];
    for (const n of levels) {
      const reports = await runCalls(n, wav, seconds);
      rows.push({
        n,
        lateP99: pct(reports.flatMap((r) => r.late), 99),
        loopP99: Math.max(...reports.map((r) => r.loopP99)),
        cpu: reports.reduce((s, r) => s + r.cpuMsPerSec, 0) / n,
        rss: reports.reduce((s, r) => s + r.rssMB, 0) / n,
        turns: reports.reduce((s, r) => s + r.turns, 0),
        brainP99: Math.max(...reports.map((r) => r.brainP99)),
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const rates = arg('rates', '10,50,200').split(',').map(Number);
  const seconds = Number(arg('seconds', '3'));
  const levels = arg('levels', '1,2,4,8,12').split(',').map(Number);
  const callSeconds = Number(arg('call-seconds', '10'));
  const only = arg('only', 'pipeline,agent').split(',');
  console.log(`capacity bench — ${new Date().toISOString()}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  if (only.includes('pipeline')) {
    MiniflareClass = (await import('miniflare')).Miniflare;
    const script = await workerScript();
    const r2 = await pipelineAndStorage(script, 'r2', rates, seconds);
    const inline = await pipelineAndStorage(script, 'inline', [50], seconds);
    console.log('\n1. Post-call pipeline in miniflare (intake → queue → summary, outcome row, signed webhook), offered for', seconds, 's per level');
    console.log('   layout              offered/s  calls  done/s end-to-end  queue lag p50 / p95 / max (ms)  intake p95 (ms)  webhooks  drained');
    for (const l of [...r2.levels, ...inline.levels]) {
      const name = l.layout === 'r2' ? 'R2 (this issue)    ' : 'inline D1 (before) ';
      console.log(`   ${name}  ${String(l.offered).padStart(9)}  ${String(l.calls).padStart(5)}  ${f1(l.throughput).padStart(18)}  ${`${f1(l.lagP50)} / ${f1(l.lagP95)} / ${f1(l.lagMax)}`.padStart(30)}  ${f1(l.intakeP95).padStart(15)}  ${String(l.webhooks).padStart(8)}  ${l.drained ? 'yes' : 'NO'}`);
    }
    const RECORDING_BYTES_PER_MIN = (32_000 / 8) * 60;
    console.log('\n2. Storage growth (typical 3-minute booking call, 16 turns; measured on the calls above)');
    console.log(`   layout              D1 bytes/call  R2 bytes/call  per 1M calls: D1        R2`);
    console.log(`   R2 (this issue)     ${f1(r2.d1PerCall).padStart(13)}  ${f1(r2.r2PerCall).padStart(13)}  ${human(r2.d1PerCall * 1e6).padStart(14)}  ${human(r2.r2PerCall * 1e6).padStart(9)}`);
    console.log(`   inline D1 (before)  ${f1(inline.d1PerCall).padStart(13)}  ${'0'.padStart(13)}  ${human(inline.d1PerCall * 1e6).padStart(14)}  ${'0'.padStart(9)}`);
    console.log(`   one D1 database (10 GB) holds ≈ ${(10e9 / r2.d1PerCall / 1e6).toFixed(1)} M calls now, ≈ ${(10e9 / inline.d1PerCall / 1e6).toFixed(1)} M before`);
    console.log(`   recordings (computed, Opus 32 kbit/s): ${human(RECORDING_BYTES_PER_MIN)} per minute → ${human(RECORDING_BYTES_PER_MIN * 3 * 1e6)} per 1M three-minute calls`);
  }

  if (only.includes('agent')) {
    const rows = await agentHost(levels, callSeconds);
    const base = rows[0]!;
    console.log(`\n3. Agent-host: one job process per call (agents-js + Silero VAD + brain), ${callSeconds} s calls in real time`);
    console.log('   concurrent calls  frame lateness p99 (ms)  added vs 1 call (ms)  event-loop p99 (ms)  CPU per call (ms/s)  RSS per call  turns  brain p99 (ms)');
    for (const r of rows) {
      console.log(`   ${String(r.n).padStart(16)}  ${f1(r.lateP99).padStart(23)}  ${f1(r.lateP99 - base.lateP99).padStart(20)}  ${f1(r.loopP99).padStart(19)}  ${f1(r.cpu).padStart(19)}  ${`${f1(r.rss)} MB`.padStart(12)}  ${String(r.turns).padStart(5)}  ${f1(r.brainP99).padStart(13)}`);
    }
    const ok = rows.filter((r) => r.lateP99 - base.lateP99 <= 20);
    const cpuCeiling = Math.floor((2 * 1000 * 0.8) / base.cpu);
    console.log(`   measured: ${ok.length ? Math.max(...ok.map((r) => r.n)) : 0} concurrent calls with p99 added latency ≤ 20 ms (highest level tried: ${Math.max(...levels)})`);
    console.log(`   computed ceiling for an idle 2-core host at 80 % CPU: ${cpuCeiling} calls (CPU), ${Math.floor((4096 - 300) / base.rss)} calls per 4 GB (memory, ${f1(base.rss)} MB each)`);
  }
}

if (process.argv.includes('--call-process')) {
  const i = process.argv.indexOf('--call-process');
  await callProcess(process.argv[i + 1]!, Number(process.argv[i + 2]));
} else {
  await main();
}
