import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCallerScript, type CallerScript } from '../../../agent-host/src/audio/caller-script.ts';
import { dial, runSipCaller, type LiveSipCall, type SipCallRecord } from '../../../agent-host/src/sip/sip-caller.ts';
import { randomCallerNumber, waitForStoredCall, type StoredCall } from '../../../agent-host/src/sip/stored-call.ts';
import { SipEndpoint, type SipCall } from '../../../agent-host/src/sip/user-agent.ts';
import { phoneStackMissing } from '../../../scripts/phone-processes.ts';
import { startPhoneStack, type PhoneStack } from '../../../scripts/phone-stack.ts';

/** Why the SIP tests cannot run here (empty when they can). */
export const phoneMissing = phoneStackMissing();

export const SALON_NUMBER = '+74951230001';

/** The stack, a caller softphone, and the "carrier" softphone that takes LiveKit's outbound calls and transfers. */
export interface PhoneWorld {
  stack: PhoneStack;
  caller: SipEndpoint;
  carrier: SipEndpoint;
  salonId: string;
  /** Dial `number` with a caller script; the stored call once post-call processing finished. */
  call(number: string, botId: string, script: CallerScript, opts?: { onStart?: (run: LiveSipCall) => void; from?: string; apiKey?: string }): Promise<{ rec: SipCallRecord; stored: StoredCall | null; from: string }>;
  /** Answer the next call the carrier gets (after `ringMs`), or refuse it with `refuse`. */
  nextIncoming(opts?: { ringMs?: number; refuse?: number }): Promise<SipCall>;
  close(): Promise<void>;
}

export async function startPhoneWorld(): Promise<PhoneWorld> {
  const carrier = await SipEndpoint.open();
  const caller = await SipEndpoint.open();
  const stack = await startPhoneStack({ dir: mkdtempSync(join(tmpdir(), 'voicebot-phone-')), outboundAddress: `127.0.0.1:${carrier.port}` });
  const salonId = stack.demo.bots['salon-bot-1']!;
  await stack.attachNumber(salonId, SALON_NUMBER);
  const world: PhoneWorld = {
    stack,
    caller,
    carrier,
    salonId,
    async call(number, botId, script, opts = {}) {
      const from = opts.from ?? randomCallerNumber();
      const sip = await dial(caller, `sip:${number}@${stack.sip.host}:${stack.sip.port}`, from, 120_000);
      const rec = await runSipCaller(sip, { script, recognizer: stack.recognizer, carrier: { endpoint: carrier, host: '127.0.0.1', port: carrier.port }, ...(opts.onStart ? { onStart: opts.onStart } : {}) });
      const stored = await waitForStoredCall(stack.api.url, opts.apiKey ?? stack.demo.apiKey, { botId, number: from }, 180_000);
      return { rec, stored, from };
    },
    nextIncoming({ ringMs = 1_000, refuse } = {}) {
      return new Promise((resolve) => {
        carrier.onInvite = (call) => {
          carrier.onInvite = undefined;
          setTimeout(() => (refuse ? call.reject(refuse, 'Decline') : call.answer()), ringMs);
          resolve(call);
        };
      });
    },
    async close() {
      caller.close();
      carrier.close();
      await stack.stop();
    },
  };
  return world;
}

/** A caller script written inline in a test. */
export const script = (yaml: string) => parseCallerScript(yaml);

/**
 * Every socket of the stack's processes, from `ss`, and those with an address that is not loopback (peers they talk to,
 * and bound addresses other than 127.0.0.1 / any). Proof that nothing left 127.0.0.1 during the calls.
 */
export function stackSockets(pids: number[]): { all: string[]; outside: string[] } {
  const out = spawnSync('ss', ['-tunapH'], { encoding: 'utf8' }).stdout ?? '';
  const mine = out.split('\n').filter((l) => pids.some((p) => l.includes(`pid=${p},`)));
  const loopback = (addr: string) => /^(127\.\d+\.\d+\.\d+|\[::1\]|\*|0\.0\.0\.0|\[::\]|\[::ffff:127\.\d+\.\d+\.\d+\]):(\d+|\*)$/.test(addr);
  const outside = mine.filter((l) => {
    const cols = l.trim().split(/\s+/);
    return !loopback(cols[4] ?? '') || !loopback(cols[5] ?? '');
  });
  return { all: mine, outside };
}

/** Process ids of a stack's children (and theirs), for {@link stackSockets}. */
export function stackPids(stack: PhoneStack): number[] {
  const roots = [...stack.processes.map((p) => p.child), stack.api.process].map((c) => c.pid).filter((p): p is number => p !== undefined);
  const all = spawnSync('ps', ['-eo', 'pid=,pgid='], { encoding: 'utf8' }).stdout ?? '';
  return all.split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter(([, pgid]) => roots.includes(pgid!)).map(([pid]) => pid!);
}

/** A bot made through the API from a YAML config (in a new company when `company` is given); its id and key. */
export async function createBot(world: PhoneWorld, yamlText: string, company?: string): Promise<{ id: string; apiKey: string }> {
  const api = world.stack.api.url;
  let apiKey = world.stack.demo.apiKey;
  if (company) {
    const res = await fetch(`${api}/companies`, { method: 'POST', headers: { authorization: `Bearer ${world.stack.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: company }) });
    apiKey = ((await res.json()) as { api_key: { key: string } }).api_key.key;
  }
  const res = await fetch(`${api}/bots`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/yaml' }, body: yamlText });
  const body = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`creating a bot: ${res.status} ${JSON.stringify(body)}`);
  return { id: body.id, apiKey };
}
