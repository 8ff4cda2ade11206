-- BM25 index over normalized (lower-cased, ё→е, stemmed) chunk text. Contentless-delete FTS5 table keyed by
-- knowledge_chunks.seq, its INTEGER PRIMARY KEY rowid (written and deleted in the same D1 batch as the chunk rows).
-- bot_id is an indexed column so a search matches `bot_id : "<bot id>"` inside FTS5 and ranks only that bot's
-- rows; the rank function gives it weight 0 so it does not affect BM25 scores. Queries still check
-- knowledge_chunks.bot_id exactly (FTS tokens are case-folded).
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
  `norm_text`,
  `bot_id`,
  content='',
  contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `knowledge_fts`(`knowledge_fts`, `rank`) VALUES('rank', 'bm25(1.0, 0.0)');
