-- Issue 11 (hardening).
-- The same bytes uploaded as another format (report.txt and report.csv) are another document.
DROP INDEX IF EXISTS `knowledge_docs_bot_sha_uq`;
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_docs_bot_sha_uq` ON `knowledge_docs` (`bot_id`,`sha256`,`format`);
--> statement-breakpoint
-- The stale-doc sweeper looks for pending/processing docs by age.
CREATE INDEX `knowledge_docs_status_updated_idx` ON `knowledge_docs` (`status`,`updated_at`);
