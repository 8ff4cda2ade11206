// Installs dependencies from the lockfile when node_modules is missing or older than package-lock.json,
// so `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const marker = `${root}node_modules/.package-lock.json`;
const lock = `${root}package-lock.json`;

const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.error('[setup] installing dependencies (npm ci)…');
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    // onnxruntime-node (LiveKit plugins) would otherwise download CUDA files at install time.
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_onnxruntime_node_install: 'skip' },
  });
  if (res.status !== 0) {
    console.error('[setup] npm ci failed');
    process.exit(res.status ?? 1);
  }
}
