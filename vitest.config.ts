import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Two projects: the Worker inside workerd (real D1/R2/Queues from wrangler.toml),
// and plain Node for the pure core, the agent-host and the protocol-server tests.
export default defineConfig(async () => {
  // The Node the suite runs on (the project's own, from the `node` devDependency), printed once per run.
  console.log(`[test] Node ${process.version}`);
  const migrations = await readD1Migrations('migrations');
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: './workers/index.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ADMIN_API_KEY: 'test-admin-key',
                  AGENT_HOST_TOKEN: 'test-agent-token',
                  PUBLIC_BASE_URL: 'http://127.0.0.1:8787',
                  WEBHOOK_ALLOW_HTTP_LOCALHOST: 'true',
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            include: ['test/workers/**/*.test.ts'],
            setupFiles: ['test/workers/apply-migrations.ts'],
          },
        },
        {
          test: {
            name: 'node',
            environment: 'node',
            include: ['test/core/**/*.test.ts', 'test/agent-host/**/*.test.ts', 'test/node/**/*.test.ts'],
            testTimeout: 20_000,
          },
        },
      ],
    },
  };
});
