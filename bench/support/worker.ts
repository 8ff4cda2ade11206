/**
 * The real Worker bundle in miniflare, as the benches run it: one esbuild of workers/index.ts, the D1 migrations
 * applied in order, and the bindings every bench gives the Worker (admin key `bench-admin`, agent token `bench-agent`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Miniflare, MiniflareOptions } from 'miniflare';

export const BENCH_ADMIN_KEY = 'bench-admin';
export const BENCH_AGENT_TOKEN = 'bench-agent';

/** workers/index.ts bundled for workerd (YAML scenarios inlined as text). */
export async function workerScript(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../../workers/index.ts', import.meta.url))],
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['workerd', 'worker', 'browser'],
    external: ['node:*', 'cloudflare:*'], write: false, logLevel: 'error', loader: { '.yaml': 'text' },
  });
  return out.outputFiles[0]!.text;
}

/** Options shared by every bench's Worker; `extra` adds or overrides (persistence, consumers, a port). */
export function workerOptions(script: string, extra: Partial<MiniflareOptions> & { bindings?: Record<string, string> } = {}): MiniflareOptions {
  const { bindings, ...rest } = extra;
  return {
    modules: true, script, compatibilityDate: '2026-08-01', compatibilityFlags: ['nodejs_compat'],
    d1Databases: { DB: 'voicebot' }, r2Buckets: { FILES: 'voicebot-files', CALLS: 'voicebot-calls' },
    queueProducers: { INGEST_QUEUE: 'voicebot-ingest', POSTCALL_QUEUE: 'voicebot-postcall', LIFECYCLE_QUEUE: 'voicebot-lifecycle' },
    bindings: { ADMIN_API_KEY: BENCH_ADMIN_KEY, AGENT_HOST_TOKEN: BENCH_AGENT_TOKEN, PUBLIC_BASE_URL: 'http://127.0.0.1:8787', ...bindings },
    ...rest,
  } as MiniflareOptions;
}

/** Every migrations/*.sql, in name order, statement by statement (as wrangler d1 migrations apply does). */
export async function applyMigrations(mf: Miniflare): Promise<void> {
  const d1 = await mf.getD1Database('DB');
  const dir = new URL('../../migrations/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    for (const stmt of readFileSync(new URL(file, dir), 'utf8').split('--> statement-breakpoint')) {
      const sql = stmt.replace(/^\s*--.*$/gm, '').trim();
      if (sql) await d1.prepare(sql).run();
    }
  }
}
