/**
 * npm run call:sip -- --caller scenarios/callers/<x>.yaml [--out DIR] [--bot SLUG_OR_ID]
 *
 * A scripted caller dials the bot of `npm run phone` over real SIP (this project's Node softphone: SIP over UDP,
 * PCMU RTP), speaks the caller script's espeak-ng audio with its pauses and talk-over timing, and records what it
 * hears. Writes DIR/call.wav (stereo: caller left, bot right, as heard) and DIR/timeline.json; prints per-turn
 * latency measured in the caller's own audio, the CallResult transcript and the post-call summary.
 * Speech recognition on this path is SIMULATED (scripted recognizer behind the SpeechKit protocol).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCallerScript } from '../agent-host/src/audio/caller-script.ts';
import { dial, runSipCaller, type ScriptRegistry } from '../agent-host/src/sip/sip-caller.ts';
import { randomCallerNumber, waitForStoredCall, writeCallFiles } from '../agent-host/src/sip/stored-call.ts';
import { SipEndpoint } from '../agent-host/src/sip/user-agent.ts';
import { answerHelp } from '../bench/support/cli-help.ts';
import { readStackFile, STACK_FILE } from './phone-stack.ts';
import { printCall } from './phone-report.ts';

answerHelp(import.meta.url);
const { values } = parseArgs({
  options: { caller: { type: 'string' }, out: { type: 'string', default: '.tmp/sip-call' }, bot: { type: 'string', default: 'salon-bot-1' } },
});
if (!values.caller) {
  console.error('usage: npm run call:sip -- --caller scenarios/callers/<script>.yaml [--out DIR] [--bot SLUG]');
  process.exit(2);
}
const stack = readStackFile();
if (!stack) {
  console.error(`no phone stack running (${STACK_FILE} is missing): start it with \`npm run phone\` in another terminal`);
  process.exit(2);
}
const botId = stack.bots[values.bot] ?? values.bot;
const number = stack.numbers[values.bot] ?? Object.values(stack.numbers)[0]!;
const script = parseCallerScript(readFileSync(values.caller, 'utf8'));

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(stack.control + path, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return (await res.json()) as { id: string };
};
const registry: ScriptRegistry = {
  expect: async (chunks) => (await control('POST', '/scripts', { chunks })).id,
  release: async (id) => void (await control('DELETE', `/scripts/${id}`)),
};

const endpoint = await SipEndpoint.open();
const from = randomCallerNumber();
const target = `sip:${number}@${stack.sip.host}:${stack.sip.port}`;
console.log(`• dialing ${target} from ${from} (softphone on udp/${endpoint.port})…`);
const call = await dial(endpoint, target, from);
const rec = await runSipCaller(call, { script, recognizer: registry });
endpoint.close();
writeCallFiles(values.out, rec);
console.log(`call.wav (${(rec.timeline.duration_ms / 1000).toFixed(2)} s, stereo: caller left, bot right as heard) and timeline.json in ${values.out}`);
const stored = await waitForStoredCall(stack.api, stack.apiKey, { botId, number: from });
printCall(rec, stored);
process.exit(stored ? 0 : 1);
