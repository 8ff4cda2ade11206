/**
 * Knowledge-base benchmark: `npm run bench:knowledge` (or `npx tsx bench/knowledge.ts [--max 100000]`).
 * 1. Ingestion speed in Node: PDF parse+chunk (pages/s) and TXT parse+chunk+stem (MB/s), real tokenizer.
 * 2. BM25 search latency on a real local D1 (miniflare, migrations applied) at 10k and 100k chunks:
 *    one bot of 1 000 chunks among 100 bots, and one bot holding every chunk (worst case).
 *    Timed inside the Worker (1 ms timer resolution) and, for comparison, from Node through miniflare's binding.
 */
import fontkit from '@pdf-lib/fontkit';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { Miniflare } from 'miniflare';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import { chunkDocument, ftsMatchExpression, indexText } from '../core/knowledge/index.ts';
import { parsePdf } from '../workers/knowledge/formats/pdf.ts';
import { parseTxt } from '../workers/knowledge/formats/txt.ts';
import { BM25_SEARCH_SQL, bm25MatchExpression } from '../workers/knowledge/index/search-sql.ts';

const MAX = Number(process.argv[process.argv.indexOf('--max') + 1]) || 100_000;
const SIZES = [10_000, 100_000].filter((n) => n <= MAX);

// Deterministic PRNG so every run indexes the same corpus.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const SENTENCES = readFileSync(new URL('../test/fixtures/knowledge/salon-handbook.txt', import.meta.url), 'utf8')
  .split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => s.length > 20);
const SYLLABLES = 'ка ро ми на то ле ви са ку ре по ды ло жа ни те ба го мо си'.split(' ');
const ENDINGS = ['а', 'ы', 'ой', 'ами', 'ого', 'ение', 'ость', 'ный', 'ать', 'ует'];
/** ~6 000 pseudo-Russian words, drawn with a Zipf-like skew (a few very common, a long tail of rare ones). */
const VOCAB = Array.from({ length: 6000 }, (_, i) => {
  let w = '';
  for (let n = i + 7; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
  return w + ENDINGS[i % ENDINGS.length];
});
const zipfWord = () => VOCAB[Math.min(VOCAB.length - 1, Math.floor(Math.exp(rand() * Math.log(VOCAB.length)) - 1))]!;

/** A chunk-sized text: two real handbook sentences plus ~90 Zipf-drawn words. */
function chunkText(): string {
  const words = Array.from({ length: 90 }, zipfWord).join(' ');
  return `${SENTENCES[Math.floor(rand() * SENTENCES.length)]} ${words}. ${SENTENCES[Math.floor(rand() * SENTENCES.length)]}`;
}

/**
 * Runs inside workerd next to D1: POST {sql, runs: [[match, limit, bot]]} → per-query ms. Timers in workerd
 * advance only across I/O (each D1 call is I/O) and have 1 ms resolution, so figures are whole milliseconds.
 */
const TIMER_WORKER = `export default {
  async fetch(req, env) {
    const { sql, runs } = await req.json();
    const ms = [];
    let hits = 0;
    for (const args of runs) {
      const t = performance.now();
      const { results } = await env.DB.prepare(sql).bind(...args).all();
      ms.push(performance.now() - t);
      hits += results.length;
    }
    return Response.json({ ms, hits });
  },
};`;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function benchIngestion(): Promise<void> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), { subset: true });
  const PAGES = 60;
  for (let p = 0; p < PAGES; p++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`Раздел ${p + 1}`, { x: 50, y: 790, size: 16, font });
    for (let l = 0; l < 40; l++) page.drawText(SENTENCES[(p + l) % SENTENCES.length]!.slice(0, 80), { x: 50, y: 760 - l * 17, size: 10, font });
  }
  const pdfBytes = await pdf.save();
  let t = performance.now();
  const parsed = await parsePdf(pdfBytes);
  const parseMs = performance.now() - t;
  t = performance.now();
  const chunks = chunkDocument(parsed.sections, { source: 'bench.pdf', countTokens });
  for (const c of chunks) indexText(c.text, c.section);
  const chunkMs = performance.now() - t;
  console.log(`PDF  ${PAGES} pages (${(pdfBytes.length / 1024).toFixed(0)} KB): parse ${fmt(parseMs)}, chunk+stem ${fmt(chunkMs)} → ${(PAGES / ((parseMs + chunkMs) / 1000)).toFixed(0)} pages/s, ${chunks.length} chunks`);

  const text = Array.from({ length: 3000 }, (_, i) => (i % 12 === 0 ? `Раздел ${i}\n${SENTENCES[i % SENTENCES.length]}` : chunkText())).join('\n\n');
  const bytes = new TextEncoder().encode(text);
  t = performance.now();
  const doc = parseTxt(bytes, { markdown: false });
  const txtChunks = chunkDocument(doc.sections, { source: 'bench.txt', countTokens });
  for (const c of txtChunks) indexText(c.text, c.section);
  const txtMs = performance.now() - t;
  console.log(`TXT  ${(bytes.length / 2 ** 20).toFixed(2)} MB: parse+chunk+stem ${fmt(txtMs)} → ${(bytes.length / 2 ** 20 / (txtMs / 1000)).toFixed(2)} MB/s, ${txtChunks.length} chunks`);
}

async function applyMigrations(d1: Awaited<ReturnType<Miniflare['getD1Database']>>): Promise<void> {
  const dir = new URL('../migrations/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    for (const stmt of readFileSync(new URL(file, dir), 'utf8').split('--> statement-breakpoint')) {
      const sql = stmt.replace(/^\s*--.*$/gm, '').trim();
      if (sql) await d1.prepare(sql).run();
    }
  }
}

async function benchSearch(): Promise<void> {
  const QUESTIONS = [
    'Сколько стоит окрашивание волос?', 'До скольки вы работаете?', 'Есть ли парковка для клиентов?', 'Можно оплатить картой?',
    'Как отменить запись?', ...Array.from({ length: 45 }, () => `Подскажите про ${zipfWord()} и ${VOCAB[Math.floor(rand() * VOCAB.length)]}`),
  ];
  for (const total of SIZES) {
    const mf = new Miniflare({ modules: true, script: TIMER_WORKER, d1Databases: { DB: `bench-${total}` }, compatibilityDate: '2026-04-01' });
    const d1 = await mf.getD1Database('DB');
    await applyMigrations(d1);
    const bots = ['bot_big', ...Array.from({ length: 100 }, (_, i) => `bot_${String(i).padStart(3, '0')}`)];
    await d1.batch([
      d1.prepare("INSERT INTO companies (id, name) VALUES ('cmp_bench', 'Бенчмарк')"),
      ...bots.flatMap((b) => [
        d1.prepare("INSERT INTO bots (id, company_id, slug, name, config_json, updated_at) VALUES (?, 'cmp_bench', ?, ?, '{}', 0)").bind(b, b, b),
        d1.prepare(
          "INSERT INTO knowledge_docs (id, company_id, bot_id, filename, content_type, format, size_bytes, sha256, r2_key, status, updated_at) VALUES (?, 'cmp_bench', ?, 'bench.txt', 'text/plain', 'txt', 0, ?, ?, 'ready', 0)",
        ).bind(`doc_${b}`, b, b, b),
      ]),
    ]);
    const t0 = performance.now();
    // Half of the chunks belong to 100 bots (evenly), the other half to one big bot.
    const ROWS = 9;
    let stmts = [];
    for (let i = 0; i < total; i += ROWS) {
      const values: unknown[] = [];
      const n = Math.min(ROWS, total - i);
      for (let j = 0; j < n; j++) {
        const k = i + j;
        const bot = k % 2 === 0 ? 'bot_big' : bots[1 + (Math.floor(k / 2) % 100)]!;
        const text = chunkText();
        values.push(`chk_${k}`, `doc_${bot}`, bot, 'cmp_bench', k, text, indexText(text), 'bench.txt', null, null, 100);
      }
      stmts.push(d1.prepare(`INSERT INTO knowledge_chunks (id, doc_id, bot_id, company_id, ord, text, norm_text, source, page, section, token_count) VALUES ${Array(n).fill('(?,?,?,?,?,?,?,?,?,?,?)').join(',')}`).bind(...values));
      if (stmts.length === 200) {
        await d1.batch(stmts);
        stmts = [];
      }
    }
    if (stmts.length) await d1.batch(stmts);
    await d1.prepare('INSERT INTO knowledge_fts (rowid, norm_text, bot_id) SELECT rowid, norm_text, bot_id FROM knowledge_chunks').run();
    console.log(`\n${total.toLocaleString('en')} chunks indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s (big bot ${total / 2}, 100 bots × ${total / 200})`);

    const timeIn = async (runs: unknown[][], sql = BM25_SEARCH_SQL) => {
      const res = await mf.dispatchFetch('http://bench/', { method: 'POST', body: JSON.stringify({ sql, runs }) });
      return (await res.json()) as { ms: number[]; hits: number };
    };
    const base = await timeIn(Array.from({ length: 200 }, () => []), 'SELECT 1');
    console.log(`  baseline SELECT 1 inside the worker: p50 ${fmt(pct(base.ms, 50))}, p95 ${fmt(pct(base.ms, 95))}`);
    for (const [label, bot] of [[`bot with ${total / 200} chunks`, 'bot_042'], [`bot with ${total / 2} chunks`, 'bot_big']] as const) {
      const runs = QUESTIONS.map((q) => [bm25MatchExpression(ftsMatchExpression(q)!, bot), 5, bot]);
      await timeIn(runs); // warm-up
      const times: number[] = [];
      let hits = 0;
      for (let round = 0; round < 5; round++) {
        const r = await timeIn(runs);
        times.push(...r.ms);
        hits += r.hits;
      }
      console.log(`  search top-5, ${label}: p50 ${fmt(pct(times, 50))}, p95 ${fmt(pct(times, 95))}, max ${fmt(Math.max(...times))} (${times.length} queries, ${(hits / times.length).toFixed(1)} hits/query)`);
      // The same queries timed from Node through miniflare's binding (adds the IPC hop).
      const outside: number[] = [];
      for (const args of runs) {
        const t = performance.now();
        await d1.prepare(BM25_SEARCH_SQL).bind(...args).all();
        outside.push(performance.now() - t);
      }
      console.log(`    (from Node via the binding proxy: p50 ${fmt(pct(outside, 50))}, p95 ${fmt(pct(outside, 95))})`);
    }
    await mf.dispose();
  }
}

console.log('Knowledge benchmark (Node', process.version, ')');
await benchIngestion();
await benchSearch();
