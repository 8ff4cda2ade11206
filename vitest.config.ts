import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';
// @ts-expect-error plain .mjs script without types
import { copyDocsAssets } from './scripts/docs-assets.mjs';
// @ts-expect-error plain .mjs script without types
import { buildPanel } from './scripts/panel-build.mjs';
import RealTimeFirstSequencer from './test/support/real-time-first.ts';

/** standardwebhooks ships source maps whose sources it leaves out; vite would warn about them on every run. */
const withoutDanglingSourceMaps: Plugin = {
  name: 'without-dangling-source-maps',
  load(id) {
    if (!id.includes('/node_modules/standardwebhooks/dist/')) return null;
    return { code: readFileSync(id.split('?')[0]!, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), map: null };
  },
};

// Two projects: the Worker inside workerd (real D1/R2/Queues from wrangler.toml),
// and plain Node for the pure core, the agent-host and the protocol-server tests.
export default defineConfig(async () => {
  // The Node the suite runs on (the project's own, from the `node` devDependency), printed once per run.
  // (vitest evaluates this config more than once per run: print the line once)
  if (!process.env.VOICEBOT_TEST_NODE_SHOWN) console.log(`[test] Node ${process.version}`);
  process.env.VOICEBOT_TEST_NODE_SHOWN = '1';
  // wrangler's info lines ("Using secrets defined in .dev.vars") stay out of the test output; its warnings do not.
  process.env.WRANGLER_LOG ??= 'warn';
  const migrations = await readD1Migrations('migrations');
  copyDocsAssets(); // /docs serves Swagger UI from public/ (Workers static assets)
  await buildPanel(); // /app: the owner's panel, built from panel/ into public/app/ (skipped when current)
  return {
    test: {
      // Passing tests print nothing: console output is shown only for tests that fail.
      silent: 'passed-only' as const,
      // The real-time audio calls start first and share the run with the rest: two slots would leave them
      // queued behind the CPU-bound files (they mostly wait on the audio clock).
      sequence: { sequencer: RealTimeFirstSequencer },
      maxWorkers: 4,
      projects: [
        {
          plugins: [
            withoutDanglingSourceMaps,
            cloudflareTest({
              main: './workers/index.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                assets: { directory: './public', binding: 'ASSETS' }, // wrangler.toml's [assets]: Swagger UI for /docs, the /app panel
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ADMIN_API_KEY: 'test-admin-key',
                  AGENT_HOST_TOKEN: 'test-agent-token',
                  PUBLIC_BASE_URL: 'http://127.0.0.1:8787',
                  WEBHOOK_ALLOW_HTTP_LOCALHOST: 'true',
                  CRM_TOKEN_KEY: 'test-crm-token-key-9f8e7d6c5b4a',
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            // One runner for all files: pdf.js (1.7 MB, loaded by the PDF parser) re-sent to a fresh runner exceeds
            // workerd's 1 MiB WebSocket message limit and kills every later file. Tests make their own data.
            isolate: false,
            include: ['test/workers/**/*.test.ts'],
            setupFiles: ['test/workers/apply-migrations.ts'],
            // CI shares its two cores with the real LiveKit/SIP stack and the audio calls: 5 s is not a budget here.
            testTimeout: 30_000,
          },
        },
        {
          test: {
            name: 'node',
            isolate: true,
            environment: 'node',
            include: ['test/core/**/*.test.ts', 'test/agent-host/**/*.test.ts', 'test/node/**/*.test.ts', 'test/sip/**/*.test.ts'],
            testTimeout: 20_000,
            // pino loggers (ours and the LiveKit agents') write past the console: silent unless asked for.
            env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
          },
        },
      ],
    },
  };
});
