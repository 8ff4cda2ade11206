/**
 * Parses and chunks one file with the ingest code (core/knowledge) in this process and prints one JSON line:
 * outcome, CPU, peak RSS, and how long another company's small price list — arriving at the same moment on the
 * same event loop, as in one Worker isolate — waited to be ready. Run under a heap cap by the adversarial bench
 * and the ingest memory test: `node --max-old-space-size=128 --import tsx bench/support/parse-one.ts FILE FORMAT`.
 */
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { readFileSync } from 'node:fs';
import { chunkWithinBudget } from '../../core/knowledge/chunk-budget.ts';
import { DocumentParseError, parseDocument, type DocFormat } from '../../core/knowledge/formats/index.ts';
import { pdfContentBomb } from '../../test/support/bombs.ts';

export interface ParseOneResult {
  outcome: string;
  cpuMs: number;
  wallMs: number;
  /** Resident memory after warm-up (imports, pdf.js and the tokenizer loaded) and the process's peak. */
  baseRssMb: number;
  peakRssMb: number;
  otherTenantWaitMs: number;
}

const [path, format] = process.argv.slice(2) as [string, DocFormat];
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const smallPriceList = new TextEncoder().encode('Услуга;Цена\nСтрижка женская;1500 руб.\nМаникюр;1200 руб.\n');

async function ingest(fmt: DocFormat, bytes: Uint8Array, source: string): Promise<string> {
  const parsed = await parseDocument(fmt, bytes);
  return `ready: ${chunkWithinBudget(parsed.sections, { source, countTokens }).length} chunks`;
}

// Warm-up: every parser's code loaded, as in a consumer that has already indexed something.
await ingest('csv', smallPriceList, 'warm-up.csv');
await ingest('pdf', pdfContentBomb(0), 'warm-up.pdf');
const bytes = new Uint8Array(readFileSync(path));
const baseRss = process.memoryUsage().rss;

const cpu = process.cpuUsage();
const start = performance.now();
let otherReady = 0;
const other = new Promise<void>((resolve) => {
  setTimeout(() => void ingest('csv', smallPriceList, 'other.csv').finally(() => { otherReady = performance.now(); resolve(); }), 0);
});
const outcome = await ingest(format, bytes, path).catch((err: unknown) =>
  err instanceof DocumentParseError ? `failed: ${err.message}` : `CRASH: ${err instanceof Error ? err.message : String(err)}`,
);
const wallMs = performance.now() - start;
const used = process.cpuUsage(cpu);
await other;
const result: ParseOneResult = {
  outcome,
  cpuMs: Math.round((used.user + used.system) / 1000),
  wallMs: Math.round(wallMs),
  baseRssMb: mb(baseRss),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  otherTenantWaitMs: Math.round(otherReady - start),
};
console.log(JSON.stringify(result));
