/**
 * A bot's knowledge base without the API, for the text simulator: the documents of a folder are parsed, chunked
 * and indexed by the Worker's own code — its format parsers, its chunking, the D1 schema of migrations/ and the
 * BM25 statement of core/knowledge/search-sql.ts — in an in-memory SQLite database (`node:sqlite`,
 * FTS5 included), so an offline answer ranks exactly as the deployed search would.
 *
 * @example const kb = await loadKnowledgeDir('scenarios/knowledge/salon-bot-1', 'salon-bot-1');
 *          kb.search('сколько стоит стрижка', 3) // [{ text: 'Услуга: Стрижка женская; … Цена: 1500 руб. …', … }]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import type { DocChunk } from '../../core/knowledge/index.ts';
import { chunkWithinBudget } from '../../core/knowledge/chunk-budget.ts';
import { detectFormat, DocumentParseError, parseDocument } from '../../core/knowledge/formats/index.ts';
import { sniffFormat } from '../../core/knowledge/formats/sniff.ts';
import { chunkId } from '../../core/knowledge/ids.ts';
import {
  BM25_SEARCH_SQL, bm25Hits, bm25SearchParams, CHUNK_COLUMNS, chunkRowValues, FTS_INSERT_FROM_CHUNKS_SQL, type Bm25Row,
} from '../../core/knowledge/search-sql.ts';
import { loadTokenCounter } from '../../core/knowledge/tokenizer.ts';
import type { BotConfig } from '../../core/config/bot-config.ts';
import type { KnowledgeChunk } from './api-client.ts';
import { createKnowledgeAnswerer, type KnowledgeAnswerer } from './knowledge-answer.ts';
import { buildLlmChain, type LlmEnv } from './providers/llm/index.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
/** Where `npm run simulate` looks for a bot's documents by default: `scenarios/knowledge/<bot_id>/`. */
export const DEFAULT_KNOWLEDGE_ROOT = fileURLToPath(new URL('../../scenarios/knowledge/', import.meta.url));

/** One file of the folder: indexed (`chunks` > 0) or skipped with the reason the API would give. */
export interface KnowledgeFile {
  name: string;
  chunks: number;
  skipped?: string;
}

export interface OfflineKnowledge {
  dir: string;
  files: KnowledgeFile[];
  /** Chunks of the bot's documents for a question, best first (the Worker's BM25 ranking). */
  search(question: string, topK: number): KnowledgeChunk[];
  close(): void;
}

/** The D1 schema, applied statement by statement as `wrangler d1 migrations apply` does. */
function migrate(db: DatabaseSync): void {
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    for (const statement of readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint')) {
      if (statement.trim()) db.exec(statement);
    }
  }
}

/** Format check → parse → chunk, as upload and ingest do; a file the API would refuse or fail is skipped with the reason. */
async function chunkFile(path: string, name: string): Promise<DocChunk[] | string> {
  const named = detectFormat(name, undefined);
  if (!named) return 'unsupported file type (PDF, DOCX, TXT, Markdown or CSV)';
  const bytes = new Uint8Array(readFileSync(path));
  const sniffed = sniffFormat(bytes, named);
  if ('refused' in sniffed) return sniffed.refused;
  try {
    const parsed = await parseDocument(sniffed.format, bytes);
    return chunkWithinBudget(parsed.sections, { source: name, countTokens: await loadTokenCounter() });
  } catch (err) {
    if (err instanceof DocumentParseError) return err.message;
    throw err;
  }
}

/**
 * Indexes every document file of `dir` (not recursive) for `botId`. Throws when `dir` is not a readable folder.
 */
export async function loadKnowledgeDir(dir: string, botId: string): Promise<OfflineKnowledge> {
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  const db = new DatabaseSync(':memory:', { enableForeignKeyConstraints: false });
  migrate(db);
  const insert = db.prepare(`INSERT INTO knowledge_chunks (${CHUNK_COLUMNS.join(', ')}) VALUES (${CHUNK_COLUMNS.map(() => '?').join(', ')})`);
  const indexDoc = db.prepare(`${FTS_INSERT_FROM_CHUNKS_SQL} WHERE doc_id = ?`);
  const files: KnowledgeFile[] = [];
  const names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  for (const [i, name] of names.entries()) {
    const chunks = await chunkFile(join(dir, name), name);
    if (typeof chunks === 'string') {
      files.push({ name, chunks: 0, skipped: chunks });
      continue;
    }
    const doc = { id: `doc_offline_${i}`, botId, companyId: 'cmp_offline' };
    const rows = await Promise.all(chunks.map(async (c) => chunkRowValues(doc, { ...c, id: await chunkId(doc.id, c.ord) })));
    db.exec('BEGIN');
    for (const row of rows) insert.run(...row);
    indexDoc.run(doc.id);
    db.exec('COMMIT');
    files.push({ name, chunks: chunks.length });
  }
  const search = db.prepare(BM25_SEARCH_SQL);
  return {
    dir,
    files,
    search(question, topK) {
      const params = bm25SearchParams(botId, question, Math.max(1, Math.floor(topK)));
      return params ? bm25Hits(search.all(...params) as unknown as Bm25Row[]) : [];
    },
    close: () => db.close(),
  };
}

/** `scenarios/knowledge/<botId>/` when that folder exists, else null. */
export function defaultKnowledgeDir(botId: string, root = DEFAULT_KNOWLEDGE_ROOT): string | null {
  const dir = join(root, botId);
  try {
    return statSync(dir).isDirectory() ? dir : null;
  } catch {
    return null;
  }
}

/** One line for the simulator's stderr: what was indexed from where. */
export function describeKnowledge(kb: OfflineKnowledge): string {
  const indexed = kb.files.filter((f) => f.chunks > 0);
  const skipped = kb.files.filter((f) => f.skipped).map((f) => `${f.name}: ${f.skipped}`);
  const chunks = indexed.reduce((n, f) => n + f.chunks, 0);
  return `знания: ${indexed.length} файл(ов), ${chunks} фрагмент(ов) из ${kb.dir}${skipped.length ? `; пропущено — ${skipped.join('; ')}` : ''}`;
}

/** Knowledge for a simulated call: answers, and a line saying where they come from (null: none). */
export interface SimulatorKnowledge {
  answerQuestion: KnowledgeAnswerer;
  description: string;
  close(): void;
}

/**
 * The simulator's knowledge: `dir` (from `--knowledge`), else `scenarios/knowledge/<bot_id>/` when present.
 * Answers come from an LLM when `env` configures one (as with the API), else extractively from the best chunk.
 * Returns null when the bot has no documents folder; throws when an explicit `dir` cannot be read.
 */
export async function simulatorKnowledge(config: BotConfig, dir: string | undefined, env: LlmEnv): Promise<SimulatorKnowledge | null> {
  const folder = dir ?? defaultKnowledgeDir(config.bot_id);
  if (!folder) return null;
  const kb = await loadKnowledgeDir(folder, config.bot_id);
  const answerQuestion = createKnowledgeAnswerer({
    api: { searchKnowledge: async (_botId, question, topK = 5) => kb.search(question, topK) },
    botId: config.bot_id,
    llm: buildLlmChain(config, env),
  });
  return { answerQuestion, description: describeKnowledge(kb), close: () => kb.close() };
}
