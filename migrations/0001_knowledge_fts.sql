-- BM25 index over normalized (lower-cased, ё→е, stemmed) chunk text. Contentless-delete FTS5 table keyed by
-- knowledge_chunks.rowid; bot_id is stored unindexed so every search is filtered to one bot.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
  `norm_text`,
  `bot_id` UNINDEXED,
  content='',
  contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
);
