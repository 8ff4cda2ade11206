// `npm start`: the local stack on embedded defaults (no cloud keys), then a text call to the demo salon bot.
//   npm start                 interactive text call in the terminal (stdin lines are the caller's words)
//   npm start -- --demo       a scripted booking call instead of typing
//   npm start -- --once       stop the API after the call instead of keeping it running
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import { hasLiveKitCredentials } from '../agent-host/src/config.ts';
import { formatTurn, runSimulation } from '../agent-host/src/simulator.ts';
import { connectTextCall } from '../agent-host/src/text-call-session.ts';
import { applyLocalMigrations, ensureDemoOwner, ensureDevVars, ROOT, seedDemo, startApi } from './local-stack.ts';
import { demoDate, printCalendar, seedDemoCalendar, takeDemoSlot } from './demo-calendar.ts';

const USAGE = `usage: npm start [-- --demo] [-- --once]
  --demo   a scripted booking call to the demo salon (scenarios/salon-demo.yaml) instead of typing
  --once   stop the API after the call
  --help   this text
environment: API_PORT (default 8787) for wrangler dev; LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET also start the agent-host`;
const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = argv.filter((a) => !['--once', '--demo'].includes(a));
if (unknown.length) {
  console.error(`npm start: unknown option ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}
const once = argv.includes('--once');
const demoCall = argv.includes('--demo');
const port = Number(process.env.API_PORT ?? 8787);
// The demo bot is scenarios/salon-demo.yaml as shipped: the salon with `booking:` (its calendar filled from its price list).
const DEMO_BOT = 'salon-demo';
const DEMO_LINES = [
  'Здравствуйте, хочу записаться на маникюр',
  'в пятницу в три часа дня',
  'давайте первое',
  'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь',
  'да, всё верно',
  'нет, спасибо, до свидания',
];

const secrets = ensureDevVars();
console.log('• applying D1 migrations (local)…');
applyLocalMigrations();
console.log('• starting the API (wrangler dev: D1, R2, Queues in workerd)…');
const api = await startApi(port);
const scenarios = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
const demo = await seedDemo(api.url, secrets, scenarios);
const owner = await ensureDemoOwner(api.url, secrets, demo.companyId);

console.log(`
API            ${api.url}   (docs: ${api.url}/docs, spec: ${api.url}/openapi.json)
Panel          ${api.url}/app/   sign in as ${owner.email} / ${owner.password}
Demo company   ${demo.companyId}
Demo API key   ${demo.apiKey}
Bots           ${Object.entries(demo.bots).map(([slug, id]) => `${slug} = ${id}`).join('\n               ')}
`);

let agentHost: ChildProcess | undefined;
if (hasLiveKitCredentials(process.env)) {
  console.log('• LiveKit credentials found: starting the agent-host worker');
  agentHost = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['agent-host/src/agent.ts', 'start'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, API_BASE_URL: api.url, AGENT_HOST_TOKEN: secrets.AGENT_HOST_TOKEN },
  });
}

const shutdown = async (code = 0) => {
  agentHost?.kill('SIGTERM');
  await api.stop();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

const local = parseBotConfigText(readFileSync(join(ROOT, 'scenarios', `${DEMO_BOT}.yaml`), 'utf8'));
if (!local.ok) throw new Error(`scenarios/${DEMO_BOT}.yaml is invalid`);
// Real bookings: the salon's built-in calendar; in the demo call Friday 15:00 is already taken by another client.
await seedDemoCalendar(api.url, demo.apiKey, demo.bots[DEMO_BOT]!, ROOT, `${DEMO_BOT}.yaml`);
const demoFriday = demoDate(local.config, 'в пятницу');
if (demoCall) await takeDemoSlot(api.url, demo.apiKey, demo.bots[DEMO_BOT]!, demoFriday, '15:00');
const session = await connectTextCall({ baseUrl: api.url, token: secrets.AGENT_HOST_TOKEN, config: local.config, botId: demo.bots[DEMO_BOT] });
const interactive = Boolean(process.stdin.isTTY) && !demoCall;
console.log(
  interactive
    ? 'Текстовый звонок в салон: пишите реплики клиента; Ctrl-D — положить трубку.\n'
    : demoCall ? 'Демо-звонок в салон:\n' : 'Текстовый звонок в салон (реплики клиента — строки stdin):\n',
);

async function* stdinLines(): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  rl.setPrompt('> ');
  if (interactive) rl.prompt();
  for await (const line of rl) {
    if (!interactive) console.log(formatTurn({ role: 'caller', text: line, silence: line === '<silence>' }, false).trimEnd());
    yield line;
    if (interactive) rl.prompt();
  }
}
async function* demoLines(): AsyncGenerator<string> {
  for (const line of DEMO_LINES) {
    console.log(formatTurn({ role: 'caller', text: line }, false).trimEnd());
    yield line;
  }
}

const result = await runSimulation({
  config: session.config,
  lines: demoCall ? demoLines() : stdinLines(),
  answerQuestion: session.answerQuestion,
  ...(session.booking ? { booking: session.booking } : {}),
  onTurn: (t) => t.role === 'bot' && console.log(formatTurn(t, true).trimEnd()),
});
const posted = await session.post(result);
console.log(`\n• call ${result.call_id}: outcome ${result.outcome ?? '—'}, posted to the API: ${posted}`);
if (demoCall) await printCalendar(api.url, demo.apiKey, demo.bots[DEMO_BOT]!, demoFriday);

// The post-call consumer runs on the local queue; show the stored call once it is processed.
for (let i = 0; i < 40 && posted === 'sent'; i++) {
  const res = await fetch(`${api.url}/calls/${result.call_id}`, { headers: { authorization: `Bearer ${demo.apiKey}` } });
  const call = (await res.json()) as { status?: string; summary?: string | null; outcome?: string | null };
  if (call.status === 'processed' || call.status === 'failed') {
    console.log(`• GET /calls/${result.call_id}: status ${call.status}, outcome ${call.outcome ?? '—'}\n  summary: ${call.summary ?? '—'}`);
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`\nCalls:  curl -s ${api.url}/calls -H "Authorization: Bearer ${demo.apiKey}"`);

if (once) await shutdown();
else console.log('The API keeps running; Ctrl-C stops it.');
