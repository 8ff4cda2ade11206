-- BM25 index over normalized (lower-cased, ё→е, stemmed) chunk text. Contentless-delete FTS5 table keyed by
-- knowledge_chunks.seq, its INTEGER PRIMARY KEY rowid (written and deleted in the same D1 batch as the chunk rows).
-- Every token carries its bot's key ("<hex of bot id>z<stem>"; see workers/knowledge/index/search-sql.ts), so
-- each bot has its own posting lists: a search reads only that bot's rows and scores them with that bot's
-- document frequencies, however big other bots are. Queries still check knowledge_chunks.bot_id exactly.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
  `terms`,
  content='',
  contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Per-term document counts (per bot, thanks to the key prefix): search drops terms that most of a bot's chunks
-- contain before asking FTS5 to rank.
CREATE VIRTUAL TABLE `knowledge_fts_vocab` USING fts5vocab(`knowledge_fts`, 'row');
