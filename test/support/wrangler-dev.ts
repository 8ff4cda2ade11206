// `wrangler dev` on a random 127.0.0.1 port with its own state directory, for tests that drive the Worker from outside
// (headless Chromium). It runs the same [build] step as deploy: Swagger UI files and the panel land in public/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, WRANGLER_ENV } from '../../scripts/local-stack.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
/** Generous: wrangler dev builds the Worker first, and the 2-core CI machine runs other test files meanwhile. */
export const START_TIMEOUT_MS = 180_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Dev {
  url: string;
  child: ChildProcess;
  log: () => string;
  state: string;
}

const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

/**
 * Starts wrangler dev with `vars` (e.g. ADMIN_API_KEY, passed as `--var`) and waits until /openapi.json answers;
 * with `migrate`, its fresh local D1 gets migrations/ first.
 */
export async function startWranglerDev(vars: Record<string, string>, opts: { migrate?: boolean } = {}): Promise<Dev> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'voicebot-dev-'));
  if (opts.migrate) {
    const res = spawnSync(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: ROOT, env: WRANGLER_ENV, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`wrangler d1 migrations apply failed:\n${res.stdout}\n${res.stderr}`);
  }
  const child = spawn(WRANGLER, [
    'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state,
    '--show-interactive-dev-session=false', '--log-level', 'warn',
    ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ], { cwd: ROOT, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const dev = { url: `http://127.0.0.1:${port}`, child, log: () => log, state };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
    const up = await fetch(`${dev.url}/openapi.json`).then((r) => r.ok, () => false);
    if (up) return dev;
    await new Promise((r) => setTimeout(r, 300));
  }
  await stopWranglerDev(dev);
  throw new Error(`wrangler dev did not answer within ${START_TIMEOUT_MS} ms:\n${log}`);
}

export async function stopWranglerDev(dev: Dev): Promise<void> {
  if (dev.child.pid !== undefined && dev.child.exitCode === null) {
    const exited = new Promise((r) => dev.child.once('exit', r));
    process.kill(-dev.child.pid, 'SIGTERM'); // wrangler and its workerd
    await exited;
  }
  rmSync(dev.state, { recursive: true, force: true });
}
