-- Data lifecycle (issue 14): transcripts and turn metrics move to R2, recordings, per-company retention.
-- Hand-written (not drizzle-kit). `calls.transcript_json` / `metrics_json` stay (NOT NULL, SQLite cannot relax that
-- without rebuilding the table): rows stored in R2 hold '[]' there and name their R2 object in `transcript_key`.
ALTER TABLE `calls` ADD `transcript_key` text;
--> statement-breakpoint
ALTER TABLE `calls` ADD `latencies_json` text;
--> statement-breakpoint
ALTER TABLE `calls` ADD `recording_key` text;
--> statement-breakpoint
ALTER TABLE `companies` ADD `retention_days` integer;
--> statement-breakpoint
-- The one-off migration job walks rows still inline.
CREATE INDEX `calls_inline_transcript_idx` ON `calls` (`id`) WHERE `transcript_key` IS NULL;
