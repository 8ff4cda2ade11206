// The whole phone stack on one machine, loopback only: Redis, livekit-server, LiveKit SIP, the local SpeechKit
// protocol server (SIMULATED scripted recognizer + espeak-ng voice), the Worker (wrangler dev) and the agent-host
// worker through agent-host/src/agent.ts. Used by `npm run phone`, the SIP tests and bench:sip.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecognizerService } from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/stt/v3/stt_service';
import { SynthesizerService } from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/tts/v3/tts_service';
import { SipClient } from 'livekit-server-sdk';
import { espeakUtteranceSynthesis } from '../test/support/servers/espeak-synthesizer.ts';
import { grpcError, startGrpcServer, type LocalGrpcServer } from '../test/support/servers/grpc-util.ts';
import { ScriptedRecognizer } from '../test/support/servers/scripted-recognizer.ts';
import { applyLocalMigrations, ensureDevVars, ROOT, seedDemo, startApi, type DemoTenant, type RunningApi } from './local-stack.ts';
import { findBinary, freePort, phoneStackMissing, startProcess, udpRange, waitFor, type StackProcess } from './phone-processes.ts';

/** Dev keys of the local LiveKit server (never used outside 127.0.0.1). */
export const LIVEKIT_DEV_KEY = 'devkey';
export const LIVEKIT_DEV_SECRET = 'phone-stack-dev-secret-0123456789abcdef';
const SPEECH_KEY = 'scripted-local-speechkit';

export interface PhoneStackOptions {
  /** Folder for configs, logs, D1 state and the spool (created). */
  dir: string;
  /** SIP signaling port of LiveKit SIP (default: a free one; `npm run phone` uses 5060). */
  sipPort?: number;
  /** Worker port (default: a free one). */
  apiPort?: number;
  /** host:port where LiveKit's outbound trunk sends calls (a softphone standing in for the carrier). */
  outboundAddress?: string;
  /** Extra env of the agent-host worker. */
  agentEnv?: Record<string, string>;
}

export interface PhoneStack {
  dir: string;
  livekitUrl: string;
  sip: { host: string; port: number };
  api: RunningApi;
  demo: DemoTenant;
  adminKey: string;
  recognizer: ScriptedRecognizer;
  agent: StackProcess;
  /** Every child process (Redis, LiveKit server and SIP, the agent-host); the Worker is `api.process`. */
  processes: StackProcess[];
  /** Attach `number` to `botId` through the API (creates the inbound trunk and dispatch rule on the server). */
  attachNumber(botId: string, number: string, apiKey?: string): Promise<string>;
  /** Stop / start the Worker alone (the API-down test). */
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  stop(): Promise<void>;
}

function livekitConfig(p: { http: number; tcp: number; udp: { start: number; end: number }; redis: number }): string {
  return `port: ${p.http}
bind_addresses: [127.0.0.1]
rtc:
  tcp_port: ${p.tcp}
  port_range_start: ${p.udp.start}
  port_range_end: ${p.udp.end}
  use_external_ip: false
  node_ip: 127.0.0.1
  enable_loopback_candidate: true
  stun_servers: []
redis:
  address: 127.0.0.1:${p.redis}
keys:
  ${LIVEKIT_DEV_KEY}: ${LIVEKIT_DEV_SECRET}
logging:
  level: info
`;
}

function sipConfig(p: { http: number; sip: number; rtp: { start: number; end: number }; redis: number }): string {
  // nat_1_to_1_ip pins signaling and media to 127.0.0.1 (no interface scan, no public-IP lookup);
  // max_cpu_utilization 1: a busy shared machine must not make LiveKit SIP refuse calls.
  return `api_key: ${LIVEKIT_DEV_KEY}
api_secret: ${LIVEKIT_DEV_SECRET}
ws_url: ws://127.0.0.1:${p.http}
redis:
  address: 127.0.0.1:${p.redis}
sip_port: ${p.sip}
rtp_port: ${p.rtp.start}-${p.rtp.end}
use_external_ip: false
media_use_external_ip: false
nat_1_to_1_ip: 127.0.0.1
listen_ip: 127.0.0.1
max_cpu_utilization: 1
logging:
  level: info
`;
}

async function detachNumber(api: string, key: string, botId: string, number: string): Promise<void> {
  const auth = { authorization: `Bearer ${key}` };
  const list = (await (await fetch(`${api}/bots/${botId}/phone-numbers`, { headers: auth })).json()) as { phone_numbers?: { id: string; number: string }[] };
  const row = list.phone_numbers?.find((n) => n.number === number);
  if (!row) throw new Error(`${number} is attached to another bot`);
  await fetch(`${api}/bots/${botId}/phone-numbers/${row.id}`, { method: 'DELETE', headers: auth });
}

const ok = (url: string) => fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok);

/** Start everything; throws naming what is missing or what failed to come up (its log is in `dir`). */
export async function startPhoneStack(opts: PhoneStackOptions): Promise<PhoneStack> {
  const missing = phoneStackMissing();
  if (missing.length) throw new Error(`the phone stack needs: ${missing.join('; ')}`);
  const dir = opts.dir;
  mkdirSync(dir, { recursive: true });
  const procs: StackProcess[] = [];
  let speech: LocalGrpcServer | undefined;
  let api: RunningApi | undefined;
  const stopAll = async () => {
    await api?.stop();
    for (const p of [...procs].reverse()) await p.stop();
    await speech?.close();
  };
  try {
    const ports = { redis: await freePort(), http: await freePort(), tcp: await freePort(), sip: opts.sipPort ?? (await freePort()) };
    const redis = startProcess('redis', 'redis-server', ['--port', String(ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { logFile: join(dir, 'redis.log') });
    procs.push(redis);
    writeFileSync(join(dir, 'livekit.yaml'), livekitConfig({ ...ports, udp: udpRange(200) }));
    const server = startProcess('livekit-server', findBinary('livekit-server')!, ['--config', join(dir, 'livekit.yaml')], { logFile: join(dir, 'livekit-server.log') });
    procs.push(server);
    const livekitUrl = `ws://127.0.0.1:${ports.http}`;
    await waitFor('livekit-server', () => ok(`http://127.0.0.1:${ports.http}/`), 60_000, server);
    writeFileSync(join(dir, 'sip.yaml'), sipConfig({ ...ports, rtp: udpRange(200) }));
    const sip = startProcess('livekit-sip', findBinary('livekit-sip')!, ['--config', join(dir, 'sip.yaml')], { logFile: join(dir, 'livekit-sip.log') });
    procs.push(sip);
    // LiveKit SIP 1.0 has no health endpoint (health_port is parsed but unused): wait for its listeners.
    await waitFor('livekit-sip', async () => /signaling listening on.*"proto": "tcp"/.test(await readFile(sip.log, 'utf8')), 60_000, sip);

    const recognizer = new ScriptedRecognizer();
    const unused = (c: { emit: (e: string, err: Error) => void }) => c.emit('error', grpcError(12, 'not used'));
    speech = await startGrpcServer([
      { definition: RecognizerService, implementation: { recognizeStreaming: recognizer.recognizeStreaming } },
      { definition: SynthesizerService, implementation: { utteranceSynthesis: espeakUtteranceSynthesis, streamSynthesis: unused } },
    ]);

    const secrets = ensureDevVars();
    const persistTo = join(dir, 'wrangler');
    let outboundTrunkId = '';
    if (opts.outboundAddress) {
      const sipApi = new SipClient(`http://127.0.0.1:${ports.http}`, LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET);
      outboundTrunkId = (await sipApi.createSipOutboundTrunk('local softphones', opts.outboundAddress, ['+74950000000'])).sipTrunkId;
    }
    const vars = {
      ...secrets,
      LIVEKIT_URL: livekitUrl,
      LIVEKIT_API_KEY: LIVEKIT_DEV_KEY,
      LIVEKIT_API_SECRET: LIVEKIT_DEV_SECRET,
      LIVEKIT_SIP_URI: `sip:127.0.0.1:${ports.sip}`,
      ...(outboundTrunkId ? { LIVEKIT_SIP_OUTBOUND_TRUNK_ID: outboundTrunkId } : {}),
    };
    applyLocalMigrations(persistTo);
    let apiPort = opts.apiPort ?? (await freePort());
    const startWorker = () => startApi(apiPort, 120_000, { persistTo, vars });
    // Two stacks started at once (the SIP test files run side by side) can race for a port between freePort()
    // and wrangler's bind: a random port is chosen again, a port the user asked for is not.
    for (let attempt = 1; ; attempt++) {
      try {
        api = await startWorker();
        break;
      } catch (err) {
        if (opts.apiPort !== undefined || attempt >= 3 || !/Address already in use/i.test(String(err))) throw err;
        apiPort = await freePort();
      }
    }
    const scenarios = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
    const demo = await seedDemo(api.url, secrets, scenarios, join(dir, 'demo.json'));

    const agent = startProcess('agent-host', join(ROOT, 'node_modules', '.bin', 'tsx'), ['agent-host/src/agent.ts', 'start'], {
      logFile: join(dir, 'agent-host.log'),
      env: {
        ...process.env,
        LIVEKIT_URL: livekitUrl,
        LIVEKIT_API_KEY: LIVEKIT_DEV_KEY,
        LIVEKIT_API_SECRET: LIVEKIT_DEV_SECRET,
        API_BASE_URL: api.url,
        AGENT_HOST_TOKEN: secrets.AGENT_HOST_TOKEN,
        YANDEX_API_KEY: SPEECH_KEY,
        YANDEX_STT_ENDPOINT: speech.endpoint,
        YANDEX_TTS_ENDPOINT: speech.endpoint,
        SPOOL_DIR: join(dir, 'spool'),
        AGENT_MAX_JOBS: '40',
        AGENT_INIT_TIMEOUT_MS: '120000',
        AGENT_HTTP_PORT: String(await freePort()),
        LOG_LEVEL: 'info', // the stack reads 'registered worker' from this log
        SPOOL_RESEND_MS: '5000',
        ...opts.agentEnv,
      },
    });
    procs.push(agent);
    await waitFor('agent-host worker registration', async () => /registered worker/.test(await readFile(agent.log, 'utf8')), 180_000, agent);

    const stack: PhoneStack = {
      dir,
      livekitUrl,
      sip: { host: '127.0.0.1', port: ports.sip },
      api,
      demo,
      adminKey: secrets.ADMIN_API_KEY,
      recognizer,
      agent,
      processes: procs,
      async attachNumber(botId, number, apiKey = demo.apiKey) {
        const res = await fetch(`${stack.api.url}/bots/${botId}/phone-numbers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ number, provider: 'livekit' }),
        });
        const body = (await res.json()) as { provisioned?: boolean; error?: { code: string } };
        if (body.error?.code === 'conflict') {
          // Kept in D1 from an earlier run, but this LiveKit (fresh Redis) has no trunk for it: attach it anew.
          await detachNumber(stack.api.url, apiKey, botId, number);
          return stack.attachNumber(botId, number, apiKey);
        }
        if (!(res.status === 201 && body.provisioned)) throw new Error(`attaching ${number}: ${res.status} ${JSON.stringify(body)}`);
        return `sip:${number}@127.0.0.1:${ports.sip}`;
      },
      stopApi: async () => api?.stop(),
      startApi: async () => {
        api = await startWorker();
        stack.api = api;
      },
      stop: stopAll,
    };
    return stack;
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** What `npm run phone` leaves for `npm run call:sip` (in .tmp/phone/stack.json). */
export interface StackFile {
  api: string;
  apiKey: string;
  bots: Record<string, string>;
  sip: { host: string; port: number };
  numbers: Record<string, string>;
  control: string;
}

export const STACK_FILE = join(ROOT, '.tmp', 'phone', 'stack.json');

export function readStackFile(): StackFile | null {
  try {
    return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackFile;
  } catch {
    return null;
  }
}
