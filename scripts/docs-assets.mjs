// Copies the Swagger UI files that /docs loads from node_modules/swagger-ui-dist into public/docs/assets/swagger-ui-dist/,
// which wrangler serves as Workers static assets (no CDN: the API reference works offline).
// Run by wrangler itself before `wrangler dev` / `wrangler deploy` ([build] in wrangler.toml) and by
// vitest.config.ts before the tests; copying is skipped when the files are already current.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files of swagger-ui-dist the page needs. */
export const DOCS_ASSET_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js'];
/** Where they land, relative to the repository root; served under /docs/assets/swagger-ui-dist/. */
export const DOCS_ASSET_DIR = 'public/docs/assets/swagger-ui-dist';

const root = fileURLToPath(new URL('..', import.meta.url));

export function copyDocsAssets() {
  const src = dirname(createRequire(join(root, 'package.json')).resolve('swagger-ui-dist/package.json'));
  const out = join(root, DOCS_ASSET_DIR);
  mkdirSync(out, { recursive: true });
  for (const file of DOCS_ASSET_FILES) {
    const from = join(src, file);
    const to = join(out, file);
    let current = false;
    try {
      const a = statSync(from);
      const b = statSync(to);
      current = a.size === b.size && b.mtimeMs >= a.mtimeMs;
    } catch {
      /* not copied yet */
    }
    if (!current) copyFileSync(from, to);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) copyDocsAssets();
