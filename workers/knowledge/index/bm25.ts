import type { DocChunk } from '../../../core/knowledge/index.ts';
import { rowsPerInsert } from '../../lib/d1-params.ts';
import { BM25_SEARCH_SQL, bm25Hits, bm25SearchParams, CHUNK_COLUMNS, chunkRowValues, FTS_INSERT_FROM_CHUNKS_SQL, type Bm25Row } from '../../../core/knowledge/search-sql.ts';

/** A chunk found by search, as the search API returns it (before fusion). */
export interface ChunkHit {
  chunk_id: string;
  doc_id: string;
  text: string;
  score: number;
  source: string;
  page: number | null;
  section: string | null;
}

/** A chunk ready to store: its id and the document it belongs to. */
export interface StoredChunk extends DocChunk {
  id: string;
}

const ROWS_PER_INSERT = rowsPerInsert(CHUNK_COLUMNS.length);

/**
 * Statements that (re)write a document's chunks and their FTS rows. Run them in ONE `d1.batch` together with
 * the status change, so a document is either fully searchable or not at all.
 */
export function writeChunksStatements(
  d1: D1Database,
  doc: { id: string; botId: string; companyId: string },
  chunks: readonly StoredChunk[],
): D1PreparedStatement[] {
  const stmts = deleteDocChunksStatements(d1, doc.id);
  for (let i = 0; i < chunks.length; i += ROWS_PER_INSERT) {
    const rows = chunks.slice(i, i + ROWS_PER_INSERT);
    const placeholders = rows.map(() => `(${CHUNK_COLUMNS.map(() => '?').join(', ')})`).join(', ');
    const values = rows.flatMap((c) => chunkRowValues(doc, c));
    stmts.push(d1.prepare(`INSERT INTO knowledge_chunks (${CHUNK_COLUMNS.join(', ')}) VALUES ${placeholders}`).bind(...values));
  }
  stmts.push(
    d1.prepare(`${FTS_INSERT_FROM_CHUNKS_SQL} WHERE doc_id = ?`).bind(doc.id),
  );
  return stmts;
}

/** Statements removing a document's FTS rows and chunks (FTS first: it is keyed by the chunk rowid). */
export function deleteDocChunksStatements(d1: D1Database, docId: string): D1PreparedStatement[] {
  return [
    d1.prepare('DELETE FROM knowledge_fts WHERE rowid IN (SELECT rowid FROM knowledge_chunks WHERE doc_id = ?)').bind(docId),
    d1.prepare('DELETE FROM knowledge_chunks WHERE doc_id = ?').bind(docId),
  ];
}

/** Statements removing every chunk of a bot. */
export function deleteBotChunksStatements(d1: D1Database, botId: string): D1PreparedStatement[] {
  return [
    d1.prepare('DELETE FROM knowledge_fts WHERE rowid IN (SELECT rowid FROM knowledge_chunks WHERE bot_id = ?)').bind(botId),
    d1.prepare('DELETE FROM knowledge_chunks WHERE bot_id = ?').bind(botId),
  ];
}

/**
 * BM25 search over one bot's chunks: one D1 statement that looks up the bot's document frequency of each
 * question term, drops terms too common to tell chunks apart, ranks the rest in FTS5 and joins the winning
 * chunk rows (see `BM25_SEARCH_SQL`). Scores are -bm25, larger is better. Only chunks of `ready` documents exist
 * in the index.
 */
export async function bm25Search(d1: D1Database, botId: string, question: string, limit: number): Promise<ChunkHit[]> {
  const params = bm25SearchParams(botId, question, limit);
  if (!params) return [];
  const { results } = await d1.prepare(BM25_SEARCH_SQL).bind(...params).all<Bm25Row>();
  return bm25Hits(results);
}
