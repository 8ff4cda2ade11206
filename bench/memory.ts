/**
 * Memory in the production process model: agents-js forks one process per job and runs the
 * end-of-turn model once per host in its shared inference process. Each stage runs in a fresh
 * child process and reports its RSS (MB):
 *   job, silero plugin   what agent.ts's prewarm loaded before: @livekit/agents + Silero via onnxruntime-node
 *   job, inference.VAD   what it loads now: the same Silero model through @livekit/local-inference
 *   job + call modules   + everything agent.ts imports for a call (providers, brain, engine)
 *   job + one call       + a short live audio call (VAD, session, brain; EOT not in the job)
 *   inference process    @livekit/agents + the end-of-turn model loaded and warmed (once per host)
 * and what @livekit/agents' own import weighs: @livekit/rtc-node (the native WebRTC/FFI library) alone.
 *
 *   npm run bench:memory   (or: npx tsx bench/memory.ts)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const gcNow = () => (globalThis as { gc?: () => void }).gc?.();

async function stage(name: string): Promise<Record<string, number>> {
  const out: Record<string, number> = { 'node alone': mb() };
  if (name === 'rtc-node') {
    await import('@livekit/rtc-node');
    out['+ @livekit/rtc-node only'] = mb();
    return out;
  }
  const agents = await import('@livekit/agents');
  agents.initializeLogger({ pretty: false, level: 'silent' });
  out['@livekit/agents'] = mb();
  if (name === 'inference') {
    const { inProcessEotExecutor } = await import('../agent-host/src/audio/local-eot.ts');
    const exec = inProcessEotExecutor();
    await exec.doInference('lk_eot_audio', { pcm: Buffer.alloc(38_400).toString('base64') });
    gcNow();
    out['+ end-of-turn model (warm)'] = mb();
    return out;
  }
  let vad: import('@livekit/agents').VAD;
  if (name !== 'job-silero') {
    vad = new agents.inference.VAD({ minSilenceDuration: 250 });
    const s = vad.stream();
    s.pushFrame(new (await import('@livekit/rtc-node')).AudioFrame(new Int16Array(1600), 16_000, 1, 1600));
    await new Promise((r) => setTimeout(r, 300));
    gcNow();
    out['+ inference.VAD (local-inference)'] = mb();
  } else {
    const silero = await import('@livekit/agents-plugin-silero');
    vad = await silero.VAD.load({ minSilenceDuration: 250 });
    gcNow();
    out['+ silero plugin VAD (onnxruntime)'] = mb();
  }
  if (name === 'job' || name === 'job-silero') return out;
  await Promise.all([
    import('../agent-host/src/call.ts'),
    import('../agent-host/src/pipeline.ts'),
    import('../agent-host/src/providers/stt/chain.ts'),
    import('../agent-host/src/providers/tts/chain.ts'),
    import('../agent-host/src/providers/llm/index.ts'),
    import('../agent-host/src/api-client.ts'),
    import('../agent-host/src/telephony/index.ts'),
  ]);
  gcNow();
  out['+ call modules (agent.ts imports)'] = mb();
  if (name !== 'job-call') return out;
  const { readFileSync } = await import('node:fs');
  const { parseBotConfigText } = await import('../core/config/parse-config.ts');
  const { parseCallerScript } = await import('../agent-host/src/audio/caller-script.ts');
  const { runAudioCall } = await import('../agent-host/src/audio/harness.ts');
  const parsed = parseBotConfigText(readFileSync('scenarios/salon-bot-1.yaml', 'utf8'));
  if (!parsed.ok) throw new Error('salon config');
  const script = parseCallerScript('name: memory\nturns:\n  - say: "хочу записаться на маникюр"\n  - say: "в пятницу"\n');
  // turn-taking 'vad': the end-of-turn model stays out of the job, as in production (shared inference process)
  await runAudioCall({ config: parsed.config, script, vad, turnTaking: 'vad', botWordsPerMinute: 220 });
  gcNow();
  out['+ one audio call (peak after)'] = mb();
  return out;
}

if (process.argv[2] === '--child') {
  const r = await stage(process.argv[3]!);
  process.send?.(r);
  process.exit(0);
} else {
  const run = (name: string) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), ['--child', name], { execArgv: ['--import', 'tsx', '--expose-gc'] });
      child.on('message', (m) => resolve(m as Record<string, number>));
      child.on('exit', (code) => code && reject(new Error(`${name} exited with ${code}`)));
    });
  console.log('RSS in MB, each column a fresh process (the job process model of agents-js)\n');
  for (const [title, name] of [
    ['job process, silero plugin (before)', 'job-silero'],
    ['job process, inference.VAD (now)', 'job'],
    ['job + call modules', 'job-modules'],
    ['job + one live audio call', 'job-call'],
    ['inference process (per host)', 'inference'],
    ['what @livekit/agents pulls in', 'rtc-node'],
  ] as const) {
    const r = await run(name);
    console.log(`${title}:`);
    for (const [k, v] of Object.entries(r)) console.log(`  ${k.padEnd(38)} ${String(v).padStart(5)}`);
  }
}
