// One call on real audio (see harness.ts); its usage below is also what --help prints.
const USAGE = `npm run call:audio -- --caller scenarios/callers/<script>.yaml [options]

One call on real audio (espeak-ng voices, Silero VAD, the real AgentSession); STT is SIMULATED (a transcript
oracle). Writes DIR/call.wav (stereo: caller left, bot right) and DIR/timeline.json, prints the transcript and
the CallResult.

  --caller FILE             the caller script (required)
  --scenario FILE           the bot config (default scenarios/salon-bot-1.yaml)
  --out DIR                 where to write (default .tmp/audio-call)
  --telephone               both directions through an 8 kHz μ-law phone channel
  --now ISO                 the call's clock
  --turn-taking MODE        dialog | english | vad (default dialog)
  --final-latency-ms N      the simulated STT final's delay after end of speech (default 150)
  --knowledge FILE          the bot's documents, one chunk per paragraph
  --help                    this text`;
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initializeLogger } from '@livekit/agents';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import { audioToolsAvailable } from './caller-voice.ts';
import { parseCallerScript } from './caller-script.ts';
import { runAudioCall, type TurnTaking } from './harness.ts';
import { transcriptLines } from './timeline.ts';
import { stereoWav } from './wav.ts';

/**
 * `--knowledge FILE`: the bot's documents as a plain text file, one chunk per paragraph, every chunk
 * returned for every question (the extractive answerer picks the sentence); the API's BM25 search
 * is what answers in production.
 */
function knowledgeFromFile(path: string) {
  const chunks = readFileSync(path, 'utf8')
    .split(/\n\s*\n/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((text, i) => ({ chunk_id: `c${i + 1}`, doc_id: 'file', score: 1, text }));
  return { searchKnowledge: async () => chunks };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'scenarios/salon-bot-1.yaml' },
      caller: { type: 'string' },
      out: { type: 'string', default: '.tmp/audio-call' },
      telephone: { type: 'boolean', default: false },
      now: { type: 'string' },
      'turn-taking': { type: 'string', default: 'dialog' },
      'final-latency-ms': { type: 'string', default: '150' },
      knowledge: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.caller) {
    console.error(USAGE);
    return 2;
  }
  if (!(await audioToolsAvailable())) {
    console.error('espeak-ng and sox are needed: apt-get install -y espeak-ng sox');
    return 2;
  }
  const parsed = parseBotConfigText(readFileSync(values.scenario, 'utf8'));
  if (!parsed.ok) {
    console.error(`${values.scenario}: not a valid bot config`);
    return 2;
  }
  const script = parseCallerScript(readFileSync(values.caller, 'utf8'));
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) {
    console.error(`--now: "${values.now}" is not an ISO date`);
    return 2;
  }
  initializeLogger({ pretty: false, level: process.env.LOG_LEVEL ?? 'silent' });
  const call = await runAudioCall({
    config: parsed.config,
    script,
    telephone: values.telephone,
    turnTaking: values['turn-taking'] as TurnTaking,
    finalLatencyMs: Number(values['final-latency-ms']),
    ...(values.knowledge ? { api: knowledgeFromFile(values.knowledge) } : {}),
    ...(now ? { now } : {}),
  });
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'call.wav'), stereoWav(call.caller, call.bot, call.timeline.sample_rate));
  writeFileSync(join(values.out, 'timeline.json'), JSON.stringify(call.timeline, null, 2));
  console.log(`STT is SIMULATED: ${call.timeline.stt}`);
  console.log(`call.wav (${(call.timeline.duration_ms / 1000).toFixed(2)} s, stereo: caller left, bot right) and timeline.json in ${values.out}\n`);
  console.log(transcriptLines(call.timeline.events).join('\n'));
  console.log('\nturns (end of caller speech → first bot audio):');
  for (const t of call.timeline.turns) {
    const flags = [t.cut_off && 'CUT OFF', t.false_wait && 'false wait', t.bot_stop_ms !== null && `bot stopped after ${t.bot_stop_ms} ms`].filter(Boolean);
    console.log(`  ${String(t.index).padStart(2)} ${t.kind.padEnd(13)} ${t.latency_ms === null ? '   -' : `${Math.round(t.latency_ms)} ms`.padStart(7)}  ${t.text || '(silence)'} ${flags.length ? `[${flags.join(', ')}]` : ''}`);
  }
  console.log('\nCallResult:');
  console.log(JSON.stringify(call.result, null, 2));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error((err as Error).stack ?? String(err));
    process.exit(1);
  },
);
