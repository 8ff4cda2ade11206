/**
 * Adversarial ingest (issue 11), part of `npm run bench:knowledge` (or `npx tsx bench/knowledge.ts --adversarial-only`):
 * 1. CPU of parse + chunk (real cl100k tokenizer) for 10 MB files crafted to be slow — heading-like TXT lines,
 *    one 10 MB "word", a CSV of 800 000 tiny rows, DOCX with 10 MB of tiny paragraphs and a zip bomb — next to
 *    ordinary files just under the caps, as the baseline.
 * 2. The real Worker in miniflare (queues, R2, D1): company A uploads the three 10 MB files, company B a small
 *    price list right after; how long until B's doc is `ready` and A's are `failed`.
 */
import { zipSync } from 'fflate';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { readFileSync } from 'node:fs';
import { chunkWithinBudget } from '../core/knowledge/chunk-budget.ts';
import { DocumentParseError, parseDocument, type DocFormat } from '../core/knowledge/formats/index.ts';
import { applyMigrations, workerOptions, workerScript } from './support/worker.ts';

const MB = 2 ** 20;
const utf8 = (s: string) => new TextEncoder().encode(s);
const repeatTo = (line: string, bytes: number) => line.repeat(Math.ceil(bytes / utf8(line).length));
const wordXml = (body: string) => utf8(`<?xml version="1.0"?><w:document><w:body>${body}</w:body></w:document>`);

function files(): { name: string; format: DocFormat; bytes: Uint8Array; kind: 'adversarial' | 'baseline' }[] {
  const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
  return [
    { name: '10 MB TXT of heading-like lines', format: 'txt', bytes: utf8(repeatTo('Прайс\n', 10 * MB)), kind: 'adversarial' },
    { name: '10 MB TXT, one unbroken "word"', format: 'txt', bytes: utf8('a'.repeat(10 * MB)), kind: 'adversarial' },
    { name: '10 MB CSV of tiny rows', format: 'csv', bytes: utf8(`Услуга;Цена\n${repeatTo('а;1\n', 10 * MB)}`), kind: 'adversarial' },
    { name: '10 MB DOCX of tiny paragraphs (stored)', format: 'docx', bytes: zipSync({ 'word/document.xml': wordXml(repeatTo(para('Цены'), 10 * MB)) }, { level: 0 }), kind: 'adversarial' },
    { name: 'TXT of 230 000 short sentences (under the cap)', format: 'txt', bytes: utf8('Да. '.repeat(230_000)), kind: 'adversarial' },
    { name: 'CSV of 450 000 one-cell rows (under the cap)', format: 'csv', bytes: utf8('а\n'.repeat(450_000)), kind: 'adversarial' },
    { name: 'DOCX zip bomb (200 KB → 200 MB)', format: 'docx', bytes: zipSync({ 'word/document.xml': new Uint8Array(200 * MB).fill(0x20) }, { level: 9 }), kind: 'adversarial' },
    { name: 'TXT prose just under the cap (0.95 M chars)', format: 'txt', bytes: utf8(repeatTo('Стрижка женская стоит тысячу пятьсот рублей. Запись по телефону.\n\n', 950_000 * 1.8).slice(0, 950_000)), kind: 'baseline' },
    { name: 'CSV price list of 15 000 rows', format: 'csv', bytes: utf8(`Услуга;Цена\n${Array.from({ length: 15_000 }, (_, i) => `Стрижка модельная ${i};${1000 + i} руб.`).join('\n')}`), kind: 'baseline' },
  ];
}

function cpuMs(fn: () => Promise<unknown>): Promise<{ ms: number; outcome: string }> {
  const start = process.cpuUsage();
  return fn().then(
    (outcome) => ({ ms: cpuSince(start), outcome: String(outcome) }),
    (err: unknown) => ({ ms: cpuSince(start), outcome: err instanceof DocumentParseError ? `failed: ${err.message.slice(0, 70)}…` : `CRASH ${String(err)}` }),
  );
}
const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

async function benchParseCpu(): Promise<void> {
  console.log('\nAdversarial ingest: CPU of parse + chunk per file (limit: 5 000 ms), Node', process.version);
  for (const f of files()) {
    const r = await cpuMs(async () => {
      const parsed = await parseDocument(f.format, f.bytes);
      return `ready: ${chunkWithinBudget(parsed.sections, { source: f.name, countTokens }).length} chunks`;
    });
    console.log(`  ${f.kind === 'baseline' ? 'baseline   ' : 'adversarial'} ${f.name.padEnd(44)} ${(f.bytes.length / MB).toFixed(2).padStart(6)} MB  ${r.ms.toFixed(0).padStart(5)} ms CPU  ${r.outcome}`);
  }
}

async function benchWorker(): Promise<void> {
  const { Miniflare } = await import('miniflare');
  const mf = new Miniflare(workerOptions(await workerScript(), {
    queueConsumers: { 'voicebot-ingest': { maxBatchSize: 1, maxBatchTimeout: 1, maxRetries: 3 } }, host: '127.0.0.1', port: 0,
  }));
  try {
    const base = (await mf.ready).toString().replace(/\/$/, '');
    await applyMigrations(mf);
    const json = async (res: Response) => {
      if (res.status >= 300) throw new Error(`${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    const yaml = readFileSync(new URL('../scenarios/salon-bot-1.yaml', import.meta.url), 'utf8');
    const tenant = async (name: string) => {
      const c = await json(await fetch(`${base}/companies`, { method: 'POST', headers: { authorization: 'Bearer bench-admin', 'content-type': 'application/json' }, body: JSON.stringify({ name }) }));
      const key = c.api_key.key as string;
      const bot = await json(await fetch(`${base}/bots`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/yaml' }, body: yaml }));
      return { key, bot: bot.id as string };
    };
    const upload = async (t: { key: string; bot: string }, name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.append('file', new File([bytes], name));
      return (await json(await fetch(`${base}/bots/${t.bot}/knowledge`, { method: 'POST', headers: { authorization: `Bearer ${t.key}` }, body: form }))).id as string;
    };
    const status = async (t: { key: string; bot: string }, id: string) =>
      (await json(await fetch(`${base}/bots/${t.bot}/knowledge/${id}`, { headers: { authorization: `Bearer ${t.key}` } }))) as { status: string; error: string | null };

    const a = await tenant('Атакующий');
    const b = await tenant('Салон Элегант');
    /** Poll until every doc is ready or failed; seconds from `from` for each. */
    const settle = async (docs: { t: { key: string; bot: string }; id: string; name: string; from: number }[]) => {
      const done = new Map<string, string>();
      while (done.size < docs.length && performance.now() - docs[0]!.from < 120_000) {
        for (const d of docs) {
          if (done.has(d.name)) continue;
          const s = await status(d.t, d.id);
          if (s.status === 'ready' || s.status === 'failed') {
            done.set(d.name, `${s.status} ${((performance.now() - d.from) / 1000).toFixed(2)} s after its upload${s.error ? ` (${s.error.slice(0, 50)}…)` : ''}`);
          }
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return done;
    };
    const price = (n: number) => utf8(`Услуга;Цена\nСтрижка женская;${1500 + n} руб.\nМаникюр;1200 руб.\n`);
    console.log('\nThe real Worker (miniflare: queue consumer one doc per batch, R2, D1)');
    const warm = performance.now();
    await settle([{ t: b, id: await upload(b, 'прайс-0.csv', price(0)), name: 'warm-up', from: warm }]);
    let from = performance.now();
    const alone = await settle([{ t: b, id: await upload(b, 'прайс-1.csv', price(1)), name: 'baseline: B small price list, nothing else queued', from }]);
    const adversarial = files().filter((f) => f.kind === 'adversarial' && f.name.startsWith('10 MB') && !f.name.includes('unbroken'));
    const docs = [];
    for (const f of adversarial) {
      from = performance.now();
      docs.push({ t: a, id: await upload(a, `${f.name}.${f.format}`, f.bytes), name: `A: ${f.name}`, from });
    }
    from = performance.now();
    docs.push({ t: b, id: await upload(b, 'прайс-2.csv', price(2)), name: 'B: small price list, queued after A\'s three', from });
    for (const [name, what] of [...alone, ...(await settle(docs))]) console.log(`  ${name.padEnd(52)} ${what}`);
  } finally {
    await mf.dispose();
  }
}

/** Both parts; see the file comment. */
export async function benchAdversarial(): Promise<void> {
  await benchParseCpu();
  await benchWorker();
}
