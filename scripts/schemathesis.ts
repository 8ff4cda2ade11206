/**
 * `npm run test:schemathesis`: Schemathesis (PyPI, property-based tests from an OpenAPI document) against the local
 * API's /openapi.json — a fresh `wrangler dev` on a free port with its own D1/R2 — with its checks for server errors,
 * status codes, content types and response schemas. Installs Schemathesis into .tmp/schemathesis-venv on first use
 * (python3 + pip). The run is bounded (`--max-time`, default 240 s); exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerHelp } from '../bench/support/cli-help.ts';
import { applyLocalMigrations, ensureDevVars, ROOT, startApi } from './local-stack.ts';

answerHelp(import.meta.url);

const VERSION = '4.32.5';
const VENV = join(ROOT, '.tmp', 'schemathesis-venv');
const ST = join(VENV, 'bin', 'st');
const MAX_TIME = Number(process.env.SCHEMATHESIS_MAX_TIME ?? 240);
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];

function ensureSchemathesis(): void {
  const version = existsSync(ST) ? spawnSync(ST, ['--version'], { encoding: 'utf8' }).stdout : '';
  if (version.includes(VERSION)) return;
  console.log(`• installing schemathesis ${VERSION} into ${VENV}`);
  for (const cmd of [['python3', '-m', 'venv', VENV], [join(VENV, 'bin', 'pip'), 'install', '-q', `schemathesis==${VERSION}`]]) {
    const res = spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'inherit' });
    if (res.status !== 0) throw new Error(`${cmd.join(' ')} failed (python3 with venv and pip is needed)`);
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function companyKey(url: string, adminKey: string): Promise<string> {
  const res = await fetch(`${url}/companies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Салон Schemathesis' }),
  });
  if (res.status !== 201) throw new Error(`POST /companies: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { api_key: { key: string } }).api_key.key;
}

ensureSchemathesis();
const secrets = ensureDevVars();
const persistTo = mkdtempSync(join(tmpdir(), 'schemathesis-api-'));
applyLocalMigrations(persistTo);
const port = await freePort();
const api = await startApi(port, 90_000, { persistTo });
let status = 1;
try {
  const key = await companyKey(api.url, secrets.ADMIN_API_KEY);
  console.log(`• schemathesis against ${api.url}/openapi.json (max ${MAX_TIME} s)`);
  const run = spawnSync(ST, [
    'run', `${api.url}/openapi.json`,
    '--checks', CHECKS.join(','),
    '--header', `Authorization: Bearer ${key}`,
    '--max-time', String(MAX_TIME),
    '--max-examples', process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '25',
    '--workers', '2',
    '--seed', process.env.SCHEMATHESIS_SEED ?? '23',
    '--request-timeout', '20',
    '--no-color',
    ...process.argv.slice(2),
  ], { stdio: 'inherit', env: { ...process.env, SCHEMATHESIS_HOOKS: '' } });
  status = run.status ?? 1;
} finally {
  await api.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
process.exit(status);
