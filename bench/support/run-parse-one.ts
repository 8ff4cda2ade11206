import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ParseOneResult } from './parse-one.ts';

const SCRIPT = fileURLToPath(new URL('./parse-one.ts', import.meta.url));

/** Runs bench/support/parse-one.ts on a file in a fresh Node with a 128 MB heap (a Worker's memory). */
export function parseInChild(path: string, format: string, heapMb = 128): ParseOneResult & { exit: number | null; stderr: string } {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', SCRIPT, path, format], {
    encoding: 'utf8',
    timeout: 180_000,
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  const parsed = line.startsWith('{') ? (JSON.parse(line) as ParseOneResult) : null;
  return {
    outcome: parsed?.outcome ?? `CRASH: exit ${child.status ?? child.signal} ${child.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 120)}`,
    cpuMs: parsed?.cpuMs ?? NaN,
    wallMs: parsed?.wallMs ?? NaN,
    baseRssMb: parsed?.baseRssMb ?? NaN,
    peakRssMb: parsed?.peakRssMb ?? NaN,
    otherTenantWaitMs: parsed?.otherTenantWaitMs ?? NaN,
    exit: child.status,
    stderr: child.stderr,
  };
}
