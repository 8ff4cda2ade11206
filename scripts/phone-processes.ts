// Child processes of the phone stack: found on disk, started in their own process group with a log file,
// waited for, and stopped by their own ids.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { ROOT } from './local-stack.ts';

/** The LiveKit binaries: LIVEKIT_BIN_DIR, then .tmp/bin (scripts/livekit-build.sh), then PATH. */
export function findBinary(name: string): string | undefined {
  const dirs = [process.env.LIVEKIT_BIN_DIR, join(ROOT, '.tmp', 'bin'), ...(process.env.PATH ?? '').split(delimiter)].filter(Boolean) as string[];
  return dirs.map((d) => join(d, name)).find((p) => existsSync(p));
}

const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;

/** What the phone stack needs and this machine lacks, each with how to get it (empty when all is there). */
export function phoneStackMissing(): string[] {
  const missing: string[] = [];
  if (!findBinary('livekit-server')) missing.push('livekit-server (bash scripts/livekit-build.sh, or a LiveKit release binary on PATH)');
  if (!findBinary('livekit-sip')) missing.push('livekit-sip (bash scripts/livekit-build.sh, or a LiveKit SIP release binary on PATH)');
  for (const [cmd, pkg] of [['redis-server', 'redis-server'], ['espeak-ng', 'espeak-ng'], ['sox', 'sox']] as const) {
    if (!onPath(cmd)) missing.push(`${cmd} (apt-get install -y ${pkg})`);
  }
  return missing;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A random block of `size` UDP ports for RTP/ICE (distinct stacks on one host rarely meet). */
export function udpRange(size: number): { start: number; end: number } {
  const start = 20_000 + Math.floor(Math.random() * ((60_000 - 20_000 - size) / size)) * size;
  return { start, end: start + size - 1 };
}

export interface StackProcess {
  name: string;
  child: ChildProcess;
  log: string;
  stop(): Promise<void>;
}

/** Start `cmd` in its own process group, output to `logFile`. */
export function startProcess(name: string, cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; logFile: string; cwd?: string }): StackProcess {
  const out = createWriteStream(opts.logFile, { flags: 'a' });
  const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { name, child, log: opts.logFile, stop };
}

/** Poll `check` until it is true; throw naming `what` (and its log) after `timeoutMs` or when `proc` exits. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, proc?: StackProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${what}: the process exited (${proc.child.exitCode}); see ${proc.log}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms${proc ? `; see ${proc.log}` : ''}`);
}
