import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scripts = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
// Every npm entry that runs one of our own TypeScript files; `agent` is agents-js's CLI (its own --help).
const entries = Object.entries(scripts)
  .filter(([name, cmd]) => /^tsx /.test(cmd) && name !== 'agent' && name !== 'start:once')
  .map(([name, cmd]) => [name, cmd.split(/\s+/).filter((a) => a !== 'tsx' && !a.startsWith('--'))[0]!] as const);

function help(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(`${root}node_modules/.bin/tsx`, [file, '--help'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

describe('every command-line entry answers --help', () => {
  it.each(entries)('npm run %s -- --help prints its usage and exits 0, starting nothing', async (_name, file) => {
    const { code, stdout, stderr } = await help(file);
    expect(code, stderr).toBe(0);
    expect(stdout.trim().length, stderr).toBeGreaterThan(40);
    expect(stdout).not.toMatch(/starting|installing|запуск/i);
  }, 30_000);
});
