/**
 * Availability latency as the agent-host sees it: `npx tsx bench/booking.ts [--lookups 200] [--concurrency 1,10]`.
 * The real Worker bundle in miniflare (D1 with the migrations, the built-in calendar of a salon with 3 services,
 * 2 masters and a busy day), reached over HTTP on 127.0.0.1 by the agent-host's HttpBookingClient.
 *  - baseline: every availability request goes to the Worker (what a turn costs without the call cache);
 *  - prefetched: the call's CallBooking starts the day's lookup when service and date become known (a turn earlier,
 *    here STT_FINAL_MS before the engine asks), so the engine's request is answered from the call's cache.
 * Budget: p95 ≤ 150 ms for the engine's request.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Miniflare } from 'miniflare';
import { CallBooking, HttpBookingClient } from '../agent-host/src/booking/index.ts';
import { parseBotConfigText } from '../core/config/parse-config.ts';
import type { DialogState } from '../core/engine/index.ts';
import { applyMigrations, workerOptions, workerScript } from './support/worker.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const LOOKUPS = Number(arg('lookups', '200'));
const LEVELS = arg('concurrency', '1,10').split(',').map(Number);
/** Time between "service and date known" (preview/prefetch) and the engine's request on the committed turn. */
const STT_FINAL_MS = 150;
const SALON_YAML = `${readFileSync(new URL('../scenarios/salon-bot-1.yaml', import.meta.url), 'utf8')}\nbooking:\n  provider: builtin\n`;

async function call(base: string, method: string, path: string, key: string, body?: unknown, type = 'application/json') {
  const res = await fetch(`${base}${path}`, {
    method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as any) : null;
}

/** A salon: 3 services, 2 masters Mon–Sat 10–20, a dozen bookings a day for the next two weeks. */
async function seed(base: string): Promise<string> {
  const company = await call(base, 'POST', '/companies', 'bench-admin', { name: 'Салон Элегант' });
  const key = company.api_key.key as string;
  const bot = await call(base, 'POST', '/bots', key, SALON_YAML, 'application/yaml');
  await call(base, 'POST', `/bots/${bot.id}/services/import`, key, 'Услуга;Длительность;Цена;Синонимы\nМаникюр;60;1500;ногти\nЖенская стрижка;90;2000;стрижка\nОкрашивание;120;4000;покраска\n', 'text/csv');
  const services = (await call(base, 'GET', `/bots/${bot.id}/services`, key)).services.map((s: any) => s.id);
  const day = { open: '10:00', close: '20:00' };
  for (const name of ['Ольга', 'Марина']) {
    const s = await call(base, 'POST', `/bots/${bot.id}/staff`, key, { name, service_ids: services });
    await call(base, 'PUT', `/bots/${bot.id}/staff/${s.id}/hours`, key, { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day });
  }
  for (let d = 1; d <= 14; d++) {
    const date = new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    for (const time of ['10:00', '12:00', '14:00', '16:00', '18:00']) {
      await fetch(`${base}/bots/${bot.id}/appointments`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ service: 'маникюр', date, time }) });
    }
  }
  return bot.id as string;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dateAhead = (i: number) => new Date(Date.now() + (1 + (i % 14)) * 86_400_000).toISOString().slice(0, 10);

async function run(level: number, fn: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: level }, async () => {
    while (next < LOOKUPS) out.push(await fn(next++));
  }));
  return out;
}

async function main(): Promise<void> {
  const { Miniflare } = await import('miniflare');
  const mf = new Miniflare(workerOptions(await workerScript(), { host: '127.0.0.1', port: 0 }));
  try {
    const base = (await mf.ready).toString().replace(/\/$/, '');
    await applyMigrations(mf);
    const botId = await seed(base);
    const config = parseBotConfigText(SALON_YAML);
    if (!config.ok) throw new Error('config');
    const client = new HttpBookingClient({ baseUrl: base, token: 'bench-agent' });
    const services = ['маникюр', 'стрижку', 'окрашивание'];
    const q = (i: number) => ({ service: services[i % 3]!, date: dateAhead(i), time: '15:00', staff: null });
    await client.availability(botId, q(0)); // warm the isolate
    console.log(`availability lookups from the agent-host (HTTP → Worker → D1, built-in calendar), ${LOOKUPS} per row`);
    console.log('concurrency  mode          p50 ms   p95 ms   max ms');
    for (const level of LEVELS) {
      const baseline = await run(level, async (i) => {
        const t = performance.now();
        const a = await client.availability(botId, q(i));
        if (!a) throw new Error('no answer');
        return performance.now() - t;
      });
      const prefetched = await run(level, async (i) => {
        const booking = new CallBooking(client, botId, `bench-call-${level}-${i}`, config.config);
        const { service, date } = q(i);
        booking.prefetch({ fields: { service, date }, booking: null } as unknown as DialogState);
        await sleep(STT_FINAL_MS);
        const t = performance.now();
        const a = await booking.availability(q(i));
        if (!a) throw new Error('no answer');
        return performance.now() - t;
      });
      for (const [mode, xs] of [['baseline', baseline], ['prefetched', prefetched]] as const) {
        console.log(`${String(level).padStart(11)}  ${mode.padEnd(12)} ${pct(xs, 50).toFixed(2).padStart(7)}  ${pct(xs, 95).toFixed(2).padStart(7)}  ${Math.max(...xs).toFixed(2).padStart(7)}`);
      }
    }
  } finally {
    await mf.dispose();
  }
}

await main();
