/**
 * Knowledge-base benchmark: `npm run bench:knowledge` (or `npx tsx bench/knowledge.ts [--max 100000] [--search-only]`).
 * 1. Ingestion speed in Node: PDF parse+chunk (pages/s) and TXT parse+chunk+stem (MB/s), real tokenizer.
 * 1b. Adversarial ingest (knowledge-adversarial.ts): 10 MB files crafted to be slow finish or fail within 5 s of CPU,
 *    and another company's small upload becomes ready meanwhile (the real Worker in miniflare).
 * 2. BM25 search on a real local D1 (miniflare, migrations applied) at 10k and 100k chunks: half of them in one
 *    big bot (a store's price list), half over 100 small bots (see knowledge-corpus.ts). Latency of the service's
 *    own `bm25Search`, timed inside the Worker (1 ms timer resolution), and quality: hit@1 / hit@5 for caller
 *    questions whose answering chunk is known.
 */
import fontkit from '@pdf-lib/fontkit';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { chunkDocument, indexText } from '../core/knowledge/index.ts';
import { parsePdf } from '../core/knowledge/formats/pdf.ts';
import { parseTxt } from '../core/knowledge/formats/txt.ts';
import { FTS_INSERT_FROM_CHUNKS_SQL } from '../core/knowledge/search-sql.ts';
import { benchAdversarial } from './knowledge-adversarial.ts';
import { botCorpus } from './knowledge-corpus.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

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

/** The search worker (workers/knowledge/index/bm25-bench-worker.ts → the real bm25Search), bundled for miniflare. */
async function searchWorkerScript(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../workers/knowledge/index/bm25-bench-worker.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

/** Questions whose answers are known, with where the answer sits. */
interface LabelledQuestion {
  bot: string;
  q: string;
  answerId: string;
  kind: 'price' | 'faq';
}

// Small bots asked (of 100; they cycle through four kinds of business), questions per small bot, questions to
// the big bot, timed rounds after one warm-up round.
const QUALITY_BOTS = 8;
const QUESTIONS_PER_BOT = 50;
const BIG_QUESTIONS = 400;
const ROUNDS = 2;

async function benchSearch(): Promise<void> {
  const script = await searchWorkerScript();
  for (const total of SIZES) {
    const mf = new Miniflare({ modules: true, script, d1Databases: { DB: `bench-${total}` }, compatibilityDate: '2026-04-01', compatibilityFlags: ['nodejs_compat'] });
    const d1 = await mf.getD1Database('DB');
    await applyMigrations(d1);
    // Half of the chunks belong to one big bot (a building-supplies store with a huge price list), the other half
    // to 100 small businesses (salons, car services, dentists, shops), evenly.
    const small = Array.from({ length: 100 }, (_, i) => `bot_${String(i).padStart(3, '0')}`);
    const corpora = new Map([
      ['bot_big', botCorpus(0, total / 2, BIG_QUESTIONS)],
      ...small.map((b, i) => [b, botCorpus(i + 1, total / 200, QUESTIONS_PER_BOT)] as const),
    ]);
    await d1.batch([
      d1.prepare("INSERT INTO companies (id, name) VALUES ('cmp_bench', 'Бенчмарк')"),
      ...[...corpora.keys()].flatMap((b) => [
        d1.prepare("INSERT INTO bots (id, company_id, slug, name, config_json, updated_at) VALUES (?, 'cmp_bench', ?, ?, '{}', 0)").bind(b, b, b),
        d1.prepare(
          "INSERT INTO knowledge_docs (id, company_id, bot_id, filename, content_type, format, size_bytes, sha256, r2_key, status, updated_at) VALUES (?, 'cmp_bench', ?, 'bench.csv', 'text/csv', 'csv', 0, ?, ?, 'ready', 0)",
        ).bind(`doc_${b}`, b, b, b),
      ]),
    ]);
    const t0 = performance.now();
    // Rows interleave bots, as uploads from many companies over time would.
    const rows: unknown[][] = [];
    const perBot = [...corpora].map(([bot, c]) => ({ bot, chunks: c.chunks }));
    for (let i = 0; rows.length < total; i++) {
      for (const { bot, chunks } of perBot) {
        const step = bot === 'bot_big' ? 100 : 1;
        for (let j = i * step; j < Math.min(chunks.length, (i + 1) * step); j++) {
          const c = chunks[j]!;
          rows.push([`chk_${bot}_${j}`, `doc_${bot}`, bot, 'cmp_bench', j, c.text, indexText(c.text, c.section), 'bench.csv', null, c.section, 100]);
        }
      }
    }
    const ROWS = 9;
    let stmts = [];
    for (let i = 0; i < rows.length; i += ROWS) {
      const part = rows.slice(i, i + ROWS);
      stmts.push(d1.prepare(`INSERT INTO knowledge_chunks (id, doc_id, bot_id, company_id, ord, text, norm_text, source, page, section, token_count) VALUES ${part.map(() => '(?,?,?,?,?,?,?,?,?,?,?)').join(',')}`).bind(...part.flat()));
      if (stmts.length === 200) {
        await d1.batch(stmts);
        stmts = [];
      }
    }
    if (stmts.length) await d1.batch(stmts);
    await d1.prepare(FTS_INSERT_FROM_CHUNKS_SQL).run();
    console.log(`\n${total.toLocaleString('en')} chunks indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s (big bot ${total / 2}, 100 bots × ${total / 200})`);

    const call = async (body: object) => {
      const res = await mf.dispatchFetch('http://bench/', { method: 'POST', body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`search worker: ${res.status} ${await res.text()}`);
      return (await res.json()) as { ms: number[]; ids: string[][] };
    };
    const base = await call({ sql: 'SELECT 1', count: 200 });
    console.log(`  baseline SELECT 1 inside the worker: p50 ${fmt(pct(base.ms, 50))}, p95 ${fmt(pct(base.ms, 95))}`);
    const label = (bot: string, ids: number[]) =>
      ids.map((i) => {
        const { q, answer, kind } = corpora.get(bot)!.questions[i]!;
        return { bot, q, kind, answerId: `chk_${bot}_${answer}` };
      });
    const sets: [string, LabelledQuestion[]][] = [
      [`${QUALITY_BOTS} bots with ${total / 200} chunks`, small.slice(40, 40 + QUALITY_BOTS).flatMap((b) => label(b, [...Array(QUESTIONS_PER_BOT).keys()]))],
      [`bot with ${total / 2} chunks`, label('bot_big', [...Array(BIG_QUESTIONS).keys()])],
    ];
    for (const [name, questions] of sets) {
      const byBot = new Map<string, LabelledQuestion[]>();
      for (const q of questions) byBot.set(q.bot, [...(byBot.get(q.bot) ?? []), q]);
      const run = async () => {
        const ms: number[] = [];
        const ids: string[][] = [];
        for (const [bot, qs] of byBot) {
          const r = await call({ bot, questions: qs.map((q) => q.q), limit: 5 });
          ms.push(...r.ms);
          ids.push(...r.ids);
        }
        return { ms, ids };
      };
      await run(); // warm-up
      const times: number[] = [];
      let answers: string[][] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const r = await run();
        times.push(...r.ms);
        if (round === 0) answers = r.ids;
      }
      console.log(`  search top-5, ${name}: p50 ${fmt(pct(times, 50))}, p95 ${fmt(pct(times, 95))}, max ${fmt(Math.max(...times))} (${times.length} queries)`);
      const asked = [...byBot.values()].flat();
      const share = (kind: string | null, at: number) => {
        const idx = asked.flatMap((q, i) => (kind === null || q.kind === kind ? [i] : []));
        const hit = idx.filter((i) => answers[i]!.slice(0, at).includes(asked[i]!.answerId)).length;
        return `${((100 * hit) / idx.length).toFixed(1)}%`;
      };
      const count = (kind: string) => asked.filter((q) => q.kind === kind).length;
      console.log(
        `    quality over ${asked.length} questions with known answers: hit@1 ${share(null, 1)}, hit@5 ${share(null, 5)}` +
          ` (price rows, ${count('price')}: ${share('price', 1)} / ${share('price', 5)}; FAQ pages, ${count('faq')}: ${share('faq', 1)} / ${share('faq', 5)}),` +
          ` ${(answers.reduce((n, a) => n + a.length, 0) / asked.length).toFixed(1)} hits/query`,
      );
    }
    await mf.dispose();
  }
}

console.log('Knowledge benchmark (Node', process.version, ')');
if (process.argv.includes('--adversarial-only')) {
  await benchAdversarial();
} else {
  if (!process.argv.includes('--search-only')) await benchIngestion();
  if (!process.argv.includes('--search-only')) await benchAdversarial();
  await benchSearch();
}
