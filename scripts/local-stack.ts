// The local API stack for `npm start`: wrangler dev (workerd) with D1, R2 and Queues persisted under .wrangler/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');
const DEV_VARS = join(ROOT, '.dev.vars');
const DEMO_FILE = join(ROOT, '.wrangler', 'demo.json');

/** wrangler stays offline: no metrics, no update check, no cf.json download. */
export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  NO_UPDATE_NOTIFIER: '1',
};

export interface DevSecrets {
  ADMIN_API_KEY: string;
  AGENT_HOST_TOKEN: string;
}

/** Local-only settings; `.dev.vars` is git-ignored and never deployed. */
const DEV_DEFAULTS: Record<string, string> = {
  ADMIN_API_KEY: 'dev-admin-key',
  AGENT_HOST_TOKEN: 'dev-agent-token',
  PUBLIC_BASE_URL: 'http://127.0.0.1:8787',
  // Webhook receivers on http://localhost are fine while developing.
  WEBHOOK_ALLOW_HTTP_LOCALHOST: 'true',
};

/** Reads `.dev.vars`, creating it (or adding missing keys) with local-only settings. */
export function ensureDevVars(): DevSecrets {
  const existing = existsSync(DEV_VARS) ? readFileSync(DEV_VARS, 'utf8') : '';
  const missing = Object.entries(DEV_DEFAULTS).filter(([k]) => !new RegExp(`^\\s*${k}\\s*=`, 'm').test(existing));
  if (missing.length) {
    const sep = existing && !existing.endsWith('\n') ? '\n' : '';
    writeFileSync(DEV_VARS, existing + sep + missing.map(([k, v]) => `${k}=${v}\n`).join(''));
  }
  const vars = Object.fromEntries(
    readFileSync(DEV_VARS, 'utf8')
      .split('\n')
      .map((l) => l.match(/^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
  return { ADMIN_API_KEY: vars.ADMIN_API_KEY ?? 'dev-admin-key', AGENT_HOST_TOKEN: vars.AGENT_HOST_TOKEN ?? 'dev-agent-token' };
}

/** Applies migrations/ to the local D1 (idempotent). */
export function applyLocalMigrations(persistTo?: string): void {
  const persist = persistTo ? ['--persist-to', persistTo] : [];
  const res = spawnSync(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], { cwd: ROOT, env: WRANGLER_ENV, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`wrangler d1 migrations apply failed:\n${res.stdout}\n${res.stderr}`);
}

export interface RunningApi {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Where a second stack keeps its D1/R2/Queues (`--persist-to`) and which extra `[vars]` it gets (`--var`). */
export interface ApiStackOptions {
  persistTo?: string;
  vars?: Record<string, string>;
}

/** Starts `wrangler dev` on 127.0.0.1 and waits until /health answers. */
export async function startApi(port = 8787, timeoutMs = 60_000, extra: ApiStackOptions = {}): Promise<RunningApi> {
  const more = [
    ...(extra.persistTo ? ['--persist-to', extra.persistTo] : []),
    ...Object.entries(extra.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ];
  const child = spawn(WRANGLER, ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false', '--log-level', 'warn', ...more], {
    cwd: ROOT,
    env: WRANGLER_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM'); // the whole group: wrangler and its workerd
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 300));
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { url, process: child, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer within ${timeoutMs} ms:\n${log}`);
}

export interface DemoTenant {
  companyId: string;
  apiKey: string;
  bots: Record<string, string>;
}

async function call(url: string, method: string, path: string, key: string, body?: string, type = 'application/json') {
  const res = await fetch(url + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': type }, body });
  const json = (await res.json()) as any;
  return { status: res.status, json };
}

/**
 * The demo company with one bot per file in scenarios/, created once and remembered in .wrangler/demo.json.
 */
export async function seedDemo(url: string, secrets: DevSecrets, scenarioFiles: string[], demoFile = DEMO_FILE): Promise<DemoTenant> {
  if (existsSync(demoFile)) {
    const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoTenant;
    const check = await call(url, 'GET', `/companies/${demo.companyId}/bots`, demo.apiKey);
    if (check.status === 200 && check.json.bots.length > 0) {
      // A scenario file added since the demo was seeded gets its bot (and documents) now.
      const known = new Set(Object.keys(demo.bots));
      const added = scenarioFiles.filter((f) => !known.has(/^bot_id:\s*"?([\w-]+)"?/m.exec(readFileSync(join(ROOT, 'scenarios', f), 'utf8'))?.[1] ?? ''));
      if (!added.length) return demo;
      await createBots(url, demo, added);
      await uploadDemoKnowledge(url, demo, new Set(Object.keys(demo.bots).filter((slug) => !known.has(slug))));
      writeFileSync(demoFile, JSON.stringify(demo, null, 2));
      return demo;
    }
  }
  const created = await call(url, 'POST', '/companies', secrets.ADMIN_API_KEY, JSON.stringify({ name: 'Демо: салон красоты Элегант' }));
  if (created.status !== 201) throw new Error(`seeding the demo company failed: ${JSON.stringify(created.json)}`);
  const demo: DemoTenant = { companyId: created.json.company.id, apiKey: created.json.api_key.key, bots: {} };
  await createBots(url, demo, scenarioFiles);
  await uploadDemoKnowledge(url, demo);
  writeFileSync(demoFile, JSON.stringify(demo, null, 2));
  return demo;
}

/** The demo company's panel owner (local only): signs in at /app with these. */
export const DEMO_OWNER = { email: 'owner@demo.local', password: 'demo-owner-1' };

/** Adds the demo owner to the company once (409: already there, e.g. from an earlier start). */
export async function ensureDemoOwner(url: string, secrets: DevSecrets, companyId: string): Promise<typeof DEMO_OWNER> {
  const res = await call(url, 'POST', `/companies/${companyId}/users`, secrets.ADMIN_API_KEY, JSON.stringify({ ...DEMO_OWNER, role: 'admin', name: 'Владелец' }));
  if (res.status !== 201 && res.status !== 409) throw new Error(`adding the demo panel owner failed: ${JSON.stringify(res.json)}`);
  return DEMO_OWNER;
}

async function createBots(url: string, demo: DemoTenant, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const bot = await call(url, 'POST', '/bots', demo.apiKey, readFileSync(join(ROOT, 'scenarios', file), 'utf8'), 'application/yaml');
    if (bot.status !== 201) throw new Error(`seeding bot ${file} failed: ${JSON.stringify(bot.json)}`);
    demo.bots[bot.json.slug] = bot.json.id;
  }
}

/** Uploads scenarios/knowledge/<bot slug>/* to that bot's knowledge base (indexed by the local ingest queue). */
async function uploadDemoKnowledge(url: string, demo: DemoTenant, only?: ReadonlySet<string>): Promise<void> {
  const root = join(ROOT, 'scenarios', 'knowledge');
  if (!existsSync(root)) return;
  for (const slug of readdirSync(root)) {
    const botId = demo.bots[slug];
    if (!botId || (only && !only.has(slug))) continue;
    for (const file of readdirSync(join(root, slug))) {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(join(root, slug, file))]), file);
      const res = await fetch(`${url}/bots/${botId}/knowledge`, { method: 'POST', headers: { authorization: `Bearer ${demo.apiKey}` }, body: form });
      if (!res.ok) throw new Error(`uploading ${slug}/${file} failed: ${res.status} ${await res.text()}`);
    }
    await waitForIndexing(url, demo.apiKey, botId);
  }
}

/** Waits until the local ingest queue has indexed every document of a bot (or given up on it). */
async function waitForIndexing(url: string, key: string, botId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/bots/${botId}/knowledge`, { headers: { authorization: `Bearer ${key}` } });
    const { docs } = (await res.json()) as { docs: { status: string }[] };
    if (docs.every((d) => d.status === 'ready' || d.status === 'failed')) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  console.warn(`knowledge of ${botId} is still being indexed; questions may go unanswered for a moment`);
}
