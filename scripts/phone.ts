/**
 * npm run phone [-- --sip-port 5060] [--api-port 8788]
 *
 * The whole phone stack on this machine (see phone-stack.ts): Redis, livekit-server, LiveKit SIP, the Worker and
 * the agent-host worker, all on 127.0.0.1; the demo salon bot on a number, and a SIP URI any softphone on the
 * machine can dial. `npm run call:sip` uses it (.tmp/phone/stack.json). Speech recognition is SIMULATED.
 */
import { createServer } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { answerHelp } from '../bench/support/cli-help.ts';
import { ROOT } from './local-stack.ts';
import { STACK_FILE, startPhoneStack, type StackFile } from './phone-stack.ts';

export const DEMO_NUMBER = '+74951230001';
const DEMO_BOT = 'salon-bot-1';

answerHelp(import.meta.url);
const { values } = parseArgs({ options: { 'sip-port': { type: 'string', default: '5060' }, 'api-port': { type: 'string', default: '8788' } } });
const dir = join(ROOT, '.tmp', 'phone');
mkdirSync(dir, { recursive: true });
console.log(`• starting Redis, livekit-server, LiveKit SIP, the Worker and the agent-host (logs in ${dir})…`);
const stack = await startPhoneStack({ dir, sipPort: Number(values['sip-port']), apiPort: Number(values['api-port']), outboundAddress: '127.0.0.1:5070' });
const botId = stack.demo.bots[DEMO_BOT]!;
const uri = await stack.attachNumber(botId, DEMO_NUMBER);

// call:sip registers its caller script with the SIMULATED recognizer here before dialing.
const control = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    const json = (status: number, v: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
    if (req.method === 'POST' && req.url === '/scripts') return json(201, { id: stack.recognizer.expect(JSON.parse(body).chunks) });
    const m = /^\/scripts\/([\w-]+)$/.exec(req.url ?? '');
    if (req.method === 'DELETE' && m) return (stack.recognizer.release(m[1]!), json(200, { released: m[1] }));
    json(404, { error: { code: 'not_found', message: `${req.method} ${req.url}` } });
  });
});
await new Promise<void>((r) => control.listen(0, '127.0.0.1', () => r()));
const file: StackFile = {
  api: stack.api.url,
  apiKey: stack.demo.apiKey,
  bots: stack.demo.bots,
  sip: stack.sip,
  numbers: { [DEMO_BOT]: DEMO_NUMBER },
  control: `http://127.0.0.1:${(control.address() as { port: number }).port}`,
};
mkdirSync(dirname(STACK_FILE), { recursive: true });
writeFileSync(STACK_FILE, JSON.stringify(file, null, 2));

console.log(`
Phone stack is up (everything on 127.0.0.1; speech recognition is SIMULATED by a scripted recognizer,
the bot speaks with espeak-ng through the local SpeechKit protocol server).

  Dial:        ${uri}        (salon bot "${DEMO_BOT}")
  API:         ${stack.api.url}   key ${stack.demo.apiKey}
  LiveKit:     ${stack.livekitUrl}   (dev keys)
  Scripted caller:  npm run call:sip -- --caller scenarios/callers/booking-chunked-phone.yaml

A softphone (e.g. baresip: /dial ${uri}) gets the bot's voice; what it says is not recognized
(the recognizer only releases a registered caller script). Ctrl-C stops everything.`);

const shutdown = async () => {
  control.close();
  rmSync(STACK_FILE, { force: true });
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
