// Installs dependencies from the lockfile when node_modules is missing or older than package-lock.json,
// so `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
//
// The project runs on the Node it brings as a devDependency (`node` from the npm registry; npm scripts find
// node_modules/.bin/node first on PATH). When the system Node is older than the project's engines, `npm ci`
// itself is run on a bootstrap copy of that same Node, so the install checks engines against the Node the
// project will actually run on.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const marker = join(root, 'node_modules/.package-lock.json');
const lock = join(root, 'package-lock.json');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const projectNode = pkg.devDependencies.node;
const minMajor = Number(/(\d+)/.exec(pkg.engines.node)?.[1] ?? 22);

function run(cmd, args, env) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error(`[setup] ${cmd} ${args.join(' ')} failed`);
    process.exit(res.status ?? 1);
  }
}

/** A bin dir holding the project's Node, installed once under .tmp/ when the system Node is too old. */
function bootstrapNodeBin() {
  if (Number(process.versions.node.split('.')[0]) >= minMajor) return undefined;
  const prefix = join(root, '.tmp/node-bootstrap');
  const bin = join(prefix, 'node_modules/.bin');
  if (!existsSync(join(bin, 'node'))) {
    console.error(`[setup] system Node ${process.version} < ${minMajor}: fetching node@${projectNode} from npm`);
    mkdirSync(prefix, { recursive: true });
    run('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--loglevel=error', `node@${projectNode}`], process.env);
  }
  return bin;
}

const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  const bin = bootstrapNodeBin();
  const env = { ...process.env, ...(bin ? { PATH: `${bin}${delimiter}${process.env.PATH}` } : {}) };
  console.error('[setup] installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund'], env);
}
