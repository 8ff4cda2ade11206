import { CallResultSchema } from '../../core/call-result.ts';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs the simulator CLI as a user would (`tsx agent-host/src/simulator.ts …`) with `input` on stdin.
 * @example await runSimulatorCli(['--scenario', 'scenarios/salon-bot-1.yaml', '--json'], 'алло\n')
 */
export function runSimulatorCli(
  args: string[],
  input: string,
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'agent-host/src/simulator.ts'), ...args], {
      cwd: opts.cwd ?? ROOT,
      stdio: 'pipe',
      env: { ...process.env, ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Runs the simulator's CLI entry in this process (same argument parsing, output and exit codes as the command,
 * without a tsx start-up per call): stdin is `input`, stdout and stderr are collected.
 * @example await runSimulatorInProcess(['--scenario', 'scenarios/salon-bot-1.yaml', '--json'], 'алло\n')
 */
export async function runSimulatorInProcess(
  args: string[],
  input: string,
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../agent-host/src/simulator.ts');
  let stdout = '';
  let stderr = '';
  const lines = input.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const code = await main(args, {
    isTTY: false,
    env,
    lines: async function* () {
      yield* lines;
    },
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}

/** The `--json` output of a simulated call: a valid CallResult plus `duration_ms` and `transfer_to`. */
export function simulatedCall(stdout: string) {
  const { duration_ms, transfer_to, ...result } = JSON.parse(stdout) as Record<string, unknown>;
  return { ...CallResultSchema.parse(result), duration_ms: duration_ms as number, transfer_to: transfer_to as string | null };
}
