/**
 * The panel's call list at 10 000 calls: GET /calls pages (50 a page, as the panel asks) through the real Worker in
 * miniflare (D1), with a company of 100 calls as the baseline in the same run. Rows: the first page, walking 20 pages
 * deep by cursor, a filter by outcome, and the phone filter (a substring of the number, which scans the company's
 * calls in the date range). Prints p50/p95/max in ms.
 *   npx tsx bench/panel-calls.ts [--calls 10000] [--samples 30]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Miniflare } from 'miniflare';
import { applyMigrations, BENCH_ADMIN_KEY, workerOptions, workerScript } from './support/worker.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

const { values } = parseArgs({ options: { calls: { type: 'string', default: '10000' }, samples: { type: 'string', default: '30' } } });
const CALLS = Number(values.calls);
const SAMPLES = Number(values.samples);
const OUTCOMES = ['booking_created', 'callback_requested', 'transferred', 'no_intent'];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function json(base: string, method: string, path: string, key: string, body?: string, type = 'application/json') {
  const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': type }, body });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
}

/** A company with one bot and `n` calls over the last 30 days, written straight into D1 by one recursive INSERT. */
async function tenant(mf: Miniflare, base: string, n: number) {
  const made = await json(base, 'POST', '/companies', BENCH_ADMIN_KEY, JSON.stringify({ name: `Салон ${n}` }));
  const key = made.api_key.key as string;
  const yaml = (await import('node:fs')).readFileSync(new URL('../scenarios/salon-bot-1.yaml', import.meta.url), 'utf8');
  const bot = await json(base, 'POST', '/bots', key, yaml, 'application/yaml');
  const d1 = await mf.getD1Database('DB');
  const now = Date.now();
  await d1.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?1)
     INSERT INTO calls (id, company_id, bot_id, started_at, ended_at, duration_ms, caller_number, status, ended_by, outcome, summary, turn_count, transcript_json)
     SELECT 'bench-' || ?2 || '-' || i, ?2, ?3, ?4 - i * 259, ?4 - i * 259 + 60000, 60000, '+7916' || printf('%07d', i), 'processed', 'caller',
            CASE i % 4 WHEN 0 THEN 'booking_created' WHEN 1 THEN 'callback_requested' WHEN 2 THEN 'transferred' ELSE 'no_intent' END,
            'Итог: запись создана.', 8, '[]' FROM seq`,
  ).bind(n, made.company.id, bot.id, now).run();
  return { key, botId: bot.id as string };
}

async function timed(samples: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  const { Miniflare } = await import('miniflare');
  const mf = new Miniflare(workerOptions(await workerScript(), { host: '127.0.0.1', port: 0 }));
  try {
    const base = (await mf.ready).toString().replace(/\/$/, '');
    await applyMigrations(mf);
    const sets = [['baseline', 100], ['panel', CALLS]] as const;
    console.log(`GET /calls (limit 50) through the Worker in miniflare (D1), ${SAMPLES} samples per row; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
    console.log('calls in company  query                       p50 ms   p95 ms   max ms');
    for (const [, n] of sets) {
      const t = await tenant(mf, base, n);
      const list = (q: string) => json(base, 'GET', `/calls?bot_id=${t.botId}&limit=50${q}`, t.key);
      await list(''); // warm the isolate
      const deep = async () => {
        let cursor = '';
        for (let p = 0; p < 20; p++) {
          const page = await list(cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
          if (!page.next_cursor) break;
          cursor = page.next_cursor;
        }
      };
      const rows: [string, number[]][] = [
        ['first page', await timed(SAMPLES, () => list(''))],
        ['20 pages by cursor (per page)', (await timed(Math.ceil(SAMPLES / 5), deep)).map((ms) => ms / Math.min(20, Math.ceil(n / 50)))],
        [`outcome=${OUTCOMES[1]}`, await timed(SAMPLES, () => list(`&outcome=${OUTCOMES[1]}`))],
        ['phone=1234 (substring)', await timed(SAMPLES, () => list('&phone=1234'))],
      ];
      for (const [name, xs] of rows) {
        console.log(`${String(n).padStart(16)}  ${name.padEnd(28)} ${pct(xs, 50).toFixed(1).padStart(7)}  ${pct(xs, 95).toFixed(1).padStart(7)}  ${Math.max(...xs).toFixed(1).padStart(7)}`);
      }
    }
  } finally {
    await mf.dispose();
  }
}

await main();
