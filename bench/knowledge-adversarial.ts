/**
 * Adversarial ingest (issue 11), part of `npm run bench:knowledge` (or `npx tsx bench/knowledge.ts --adversarial-only`):
 * 1. Per file, in a fresh Node with a 128 MB heap: CPU, peak memory, outcome and another tenant's wait for parse +
 *    chunk (real cl100k tokenizer) of files crafted to be slow or huge — heading-like TXT lines, one 10 MB "word",
 *    a CSV of 800 000 tiny rows, DOCX with 10 MB of tiny paragraphs, 1 MB → 1 GiB DOCX and PDF bombs, deeply
 *    nested and million-page PDFs — next to ordinary files just under the caps, as the baseline.
 * 2. The real Worker in miniflare (queues, R2, D1): company A uploads the three 10 MB files, company B a small
 *    price list right after; how long until B's doc is `ready` and A's are `failed`.
 */
import { zipSync } from 'fflate';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocFormat } from '../core/knowledge/formats/index.ts';
import { docxBomb, pdfContentBomb, pdfDeepNesting, pdfHugePageTree, pdfObjectStreamBomb, pdfPageTreeCycle } from '../test/support/bombs.ts';
import { parseInChild } from './support/run-parse-one.ts';
import { applyMigrations, workerOptions, workerScript } from './support/worker.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

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
    { name: 'TXT prose just under the cap (0.95 M chars)', format: 'txt', bytes: utf8(repeatTo('Стрижка женская стоит тысячу пятьсот рублей. Запись по телефону.\n\n', 950_000 * 1.8).slice(0, 950_000)), kind: 'baseline' },
    { name: 'CSV price list of 15 000 rows', format: 'csv', bytes: utf8(`Услуга;Цена\n${Array.from({ length: 15_000 }, (_, i) => `Стрижка модельная ${i};${1000 + i} руб.`).join('\n')}`), kind: 'baseline' },
  ];
}

/** The adversarial set plus the bombs (1 MB → 1 GiB DOCX and PDFs, deep nesting, huge and cyclic page trees). */
function allFiles(): ReturnType<typeof files> {
  return [
    ...files(),
    { name: 'DOCX zip bomb (1 MB → 1 GiB document.xml)', format: 'docx', bytes: docxBomb(1024), kind: 'adversarial' },
    { name: 'DOCX zip bomb in styles.xml (1 MB → 1 GiB)', format: 'docx', bytes: docxBomb(1024, 'word/styles.xml'), kind: 'adversarial' },
    { name: 'PDF content stream bomb (1 MB → 1 GiB)', format: 'pdf', bytes: pdfContentBomb(1024), kind: 'adversarial' },
    { name: 'PDF object stream bomb (1 MB → 1 GiB)', format: 'pdf', bytes: pdfObjectStreamBomb(1024), kind: 'adversarial' },
    { name: 'PDF with arrays nested 1 000 000 deep', format: 'pdf', bytes: pdfDeepNesting(1_000_000), kind: 'adversarial' },
    { name: 'PDF page tree of 1 000 000 pages', format: 'pdf', bytes: pdfHugePageTree(1_000), kind: 'adversarial' },
    { name: 'PDF page tree that contains itself', format: 'pdf', bytes: pdfPageTreeCycle(), kind: 'adversarial' },
    { name: 'PDF, 16 MB content stream (under the cap)', format: 'pdf', bytes: pdfContentBomb(16), kind: 'baseline' },
  ];
}

/**
 * Each file through the ingest code (parse + chunk, real cl100k tokenizer) in a fresh Node with a 128 MB heap
 * (`--max-old-space-size=128`): CPU, peak resident memory (its growth over the warmed-up process), the outcome, and
 * how long another company's small price list arriving at the same moment waited.
 */
async function benchParse(): Promise<void> {
  const dir = join(fileURLToPath(new URL('..', import.meta.url)), '.tmp', 'bench-ingest');
  mkdirSync(dir, { recursive: true });
  console.log(`\nAdversarial ingest, one Node ${process.version} per file with --max-old-space-size=128 (limits: 5 000 ms CPU, 128 MB)`);
  console.log(`  ${'kind'.padEnd(11)} ${'file'.padEnd(46)} ${'size'.padStart(9)}  ${'CPU'.padStart(8)}  ${'peak RSS (+growth)'.padStart(18)}  ${'other tenant'.padStart(12)}  outcome`);
  for (const [i, f] of allFiles().entries()) {
    const path = join(dir, `${i}.${f.format}`);
    writeFileSync(path, f.bytes);
    const r = parseInChild(path, f.format);
    const size = f.bytes.length >= MB ? `${(f.bytes.length / MB).toFixed(2)} MB` : `${(f.bytes.length / 1024).toFixed(0)} KB`;
    const rss = `${r.peakRssMb} MB (+${r.peakRssMb - r.baseRssMb})`;
    console.log(`  ${f.kind.padEnd(11)} ${f.name.padEnd(46)} ${size.padStart(9)}  ${`${r.cpuMs} ms`.padStart(8)}  ${rss.padStart(18)}  ${`${r.otherTenantWaitMs} ms`.padStart(12)}  ${r.outcome.slice(0, 80)}`);
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
  await benchParse();
  await benchWorker();
}

// `npm run bench:ingest`: the per-file table alone (`--with-worker` adds the miniflare run).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchParse();
  if (process.argv.includes('--with-worker')) await benchWorker();
}
