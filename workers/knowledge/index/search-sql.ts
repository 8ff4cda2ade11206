/**
 * The one BM25 query behind knowledge search (no runtime types here, so the benchmark can run it too):
 * ?1 = FTS5 MATCH expression restricted to the bot (see `bm25MatchExpression`), ?2 = limit, ?3 = bot id.
 * FTS5 ranks and limits inside the virtual table; the join reads only the winning chunk rows.
 */
export const BM25_SEARCH_SQL = `
SELECT c.id AS chunk_id, c.doc_id, c.text, c.source, c.page, c.section, f.rank AS rank
FROM (SELECT rowid, rank FROM knowledge_fts WHERE knowledge_fts MATCH ?1 ORDER BY rank LIMIT ?2) AS f
JOIN knowledge_chunks AS c ON c.rowid = f.rowid
WHERE c.bot_id = ?3
ORDER BY f.rank`;

/** `norm_text : (<question terms>) AND bot_id : "<bot id>"`: FTS5 only ranks rows of that bot. */
export function bm25MatchExpression(termsExpression: string, botId: string): string {
  return `norm_text : (${termsExpression}) AND bot_id : "${botId.replace(/"/g, '""')}"`;
}
