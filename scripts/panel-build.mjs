// Builds the owner's panel (panel/, Preact + Vite) into public/app/, served by the Worker as static assets under /app.
// Run by wrangler before `dev` / `deploy` ([build] in wrangler.toml) and by vitest.config.ts before the tests; fully
// offline (everything is bundled, no CDN). Skipped when public/app/ is newer than every source file.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PANEL_SRC = join(root, 'panel');
export const PANEL_OUT = join(root, 'public', 'app');
/** Response headers of the panel's files (Workers static assets `_headers`): no framing, only our own scripts. */
const HEADERS = `/app/*
  X-Frame-Options: DENY
  X-Content-Type-Options: nosniff
  Referrer-Policy: same-origin
  Content-Security-Policy: default-src 'self'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self' wss: ws: https: http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'; base-uri 'none'; form-action 'self'
`;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the panel unless public/app/index.html is already newer than its sources (and this script). */
export async function buildPanel({ force = false } = {}) {
  const stamp = join(PANEL_OUT, 'index.html');
  const sources = Math.max(newestMtime(PANEL_SRC), statSync(fileURLToPath(import.meta.url)).mtimeMs);
  if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return PANEL_OUT;
  const { build } = await import('vite');
  await build({
    root: PANEL_SRC,
    base: '/app/',
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { outDir: PANEL_OUT, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 600 },
  });
  writeFileSync(join(root, 'public', '_headers'), HEADERS);
  return PANEL_OUT;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildPanel({ force: process.argv.includes('--force') });
