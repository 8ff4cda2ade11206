/**
 * SQL of the BM25 index (no runtime types here, so the benchmark can run it too).
 *
 * Every token in `knowledge_fts` carries its bot's key (`<hex of bot id>z<stem>`), so each bot has its own
 * posting lists and document frequencies: a search reads only that bot's postings, however many other bots
 * share the table, and `knowledge_fts_vocab` gives per-bot document frequencies in one indexed lookup per term.
 * Each row also holds the bare key once, whose document frequency is the bot's chunk count.
 * The helpers below (row values, query parameters, hits) are everything around the SQL, shared by the Worker
 * (D1, index/bm25.ts) and the offline simulator (node:sqlite, agent-host/src/offline-knowledge.ts).
 */
import { indexText, queryTerms } from './query.ts';
import type { DocChunk } from './chunker.ts';

/** Columns of a knowledge_chunks row as written with the document's chunks. */
export const CHUNK_COLUMNS = ['id', 'doc_id', 'bot_id', 'company_id', 'ord', 'text', 'norm_text', 'source', 'page', 'section', 'token_count'] as const;

/** Values of one chunk row, in CHUNK_COLUMNS order; `norm_text` is what the FTS index holds (see `indexText`). */
export function chunkRowValues(doc: { id: string; botId: string; companyId: string }, c: DocChunk & { id: string }): (string | number | null)[] {
  return [c.id, doc.id, doc.botId, doc.companyId, c.ord, c.text, indexText(c.text, c.section), c.source, c.page, c.section, c.tokenCount];
}

/** SQL expression of a chunk row's bot key (`lower(hex(bot_id)) || 'z'`); `botTermPrefix` is the same in JS. */
const KEY_SQL = "(lower(hex(bot_id)) || 'z')";

/**
 * Copies chunk rows into the FTS index (append a WHERE clause over knowledge_chunks to pick the rows):
 * the bare bot key, then every stem of `norm_text` (space-separated, see `indexText`) prefixed with it.
 */
export const FTS_INSERT_FROM_CHUNKS_SQL = `INSERT INTO knowledge_fts (rowid, terms) SELECT rowid, ${KEY_SQL} || ' ' || ${KEY_SQL} || replace(norm_text, ' ', ' ' || ${KEY_SQL}) FROM knowledge_chunks`;

/** The bot's key as the FTS tokenizer stores it: lower-case hex of the UTF-8 id, then `z` (never a hex digit). */
export function botTermPrefix(botId: string): string {
  let hex = '';
  for (const byte of new TextEncoder().encode(botId)) hex += byte.toString(16).padStart(2, '0');
  return `${hex}z`;
}

/**
 * Query planning, all inside one statement (one D1 round trip), from the bot's document frequencies (df):
 * - a term in more than DROP_SHARE of the bot's chunks is dropped ("цена", "руб" in a price list): it tells
 *   chunks apart hardly at all, and scoring every chunk holding it is what made big bots slow;
 * - a term in at most RARE_SHARE of the chunks (or at most MIN_DF chunks: small bots have only rare terms) is
 *   *rare*; the rarest term the bot has is always rare, and so is a term the vocabulary does not know (it
 *   matches nothing anyway). Only chunks holding a rare term are scored;
 * - the other terms are *common*: they add to the score of those chunks but do not select any by themselves.
 */
export const BM25_PLAN = { RARE_SHARE: 0.05, MIN_DF: 2000, DROP_SHARE: 0.5 } as const;

const { RARE_SHARE, MIN_DF, DROP_SHARE } = BM25_PLAN;

/**
 * The one BM25 query behind knowledge search: ?1 = JSON array of the question's terms, each prefixed with the
 * bot key (`botTermPrefix(botId) + stem`), ?2 = the bare bot key, ?3 = limit, ?4 = bot id.
 * With common terms the MATCH expression is `(rare OR common) NOT ((common) NOT (rare))`: it matches exactly the
 * chunks holding a rare term, and since FTS5 gives phrases under NOT no hits, bm25() scores them as plain
 * `rare OR common` would.
 * Rows: chunk fields and `rank` (bm25, lower is better).
 */
export const BM25_SEARCH_SQL = `
WITH terms(term) AS (SELECT value FROM json_each(?1)),
df AS (SELECT t.term, coalesce(v.doc, 0) AS doc FROM terms AS t LEFT JOIN knowledge_fts_vocab AS v ON v.term = t.term),
bot AS (SELECT coalesce((SELECT doc FROM knowledge_fts_vocab WHERE term = ?2), 0) AS n),
ranked AS (
  SELECT '"' || replace(df.term, '"', '""') || '"' AS phrase, df.doc,
    row_number() OVER (ORDER BY df.doc = 0, df.doc, df.term) AS pos,
    min(max(${MIN_DF}, ${RARE_SHARE} * bot.n), ${DROP_SHARE} * bot.n) AS rare_max, ${DROP_SHARE} * bot.n AS keep_max
  FROM df, bot
),
parts AS (
  SELECT (SELECT group_concat(phrase, ' OR ') FROM ranked WHERE pos = 1 OR doc <= rare_max) AS rare,
    (SELECT group_concat(phrase, ' OR ') FROM ranked WHERE pos > 1 AND doc > rare_max AND doc <= keep_max) AS common
),
expr AS (
  SELECT CASE WHEN common IS NULL THEN rare ELSE '(' || rare || ' OR ' || common || ') NOT ((' || common || ') NOT (' || rare || '))' END AS m
  FROM parts
)
SELECT c.id AS chunk_id, c.doc_id, c.text, c.source, c.page, c.section, f.rank
FROM (SELECT rowid, bm25(knowledge_fts) AS rank FROM knowledge_fts WHERE knowledge_fts MATCH (SELECT m FROM expr) ORDER BY rank LIMIT ?3) AS f
JOIN knowledge_chunks AS c ON c.rowid = f.rowid
WHERE c.bot_id = ?4
ORDER BY f.rank`;


/** A row of BM25_SEARCH_SQL. */
export interface Bm25Row {
  chunk_id: string;
  doc_id: string;
  text: string;
  source: string;
  page: number | null;
  section: string | null;
  rank: number;
}

/** The bound parameters of BM25_SEARCH_SQL for a question, or null when it has no searchable terms. */
export function bm25SearchParams(botId: string, question: string, limit: number): [string, string, number, string] | null {
  const terms = queryTerms(question);
  if (!terms.length) return null;
  const key = botTermPrefix(botId);
  return [JSON.stringify(terms.map((t) => key + t)), key, limit, botId];
}

/** Rows of BM25_SEARCH_SQL as search hits: `score` is -bm25, larger is better. */
export const bm25Hits = (rows: readonly Bm25Row[]) => rows.map(({ rank, ...row }) => ({ ...row, score: -rank }));
