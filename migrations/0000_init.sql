CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`name` text DEFAULT 'default' NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_company_idx` ON `api_keys` (`company_id`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`outcome` text NOT NULL,
	`service` text,
	`date` text,
	`time` text,
	`phone` text,
	`name` text,
	`fields_json` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_call_uq` ON `bookings` (`call_id`);--> statement-breakpoint
CREATE INDEX `bookings_company_idx` ON `bookings` (`company_id`);--> statement-breakpoint
CREATE TABLE `bots` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`language` text DEFAULT 'ru' NOT NULL,
	`config_json` text NOT NULL,
	`config_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bots_company_slug_uq` ON `bots` (`company_id`,`slug`) WHERE "bots"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `bots_company_idx` ON `bots` (`company_id`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`caller_number` text,
	`called_number` text,
	`direction` text DEFAULT 'inbound' NOT NULL,
	`channel` text DEFAULT 'phone' NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`ended_by` text NOT NULL,
	`scenario` text,
	`outcome` text,
	`summary` text,
	`turn_count` integer DEFAULT 0 NOT NULL,
	`transcript_json` text NOT NULL,
	`fields_json` text DEFAULT '{}' NOT NULL,
	`metrics_json` text DEFAULT '[]' NOT NULL,
	`extracted_json` text,
	`processing_error` text,
	`processed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calls_company_started_idx` ON `calls` (`company_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_bot_started_idx` ON `calls` (`bot_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_company_outcome_idx` ON `calls` (`company_id`,`outcome`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`message_id` text NOT NULL,
	`body_json` text NOT NULL,
	`company_id` text,
	`error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dead_letters_msg_uq` ON `dead_letters` (`queue`,`message_id`);--> statement-breakpoint
CREATE TABLE `knowledge_chunks` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`doc_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`company_id` text NOT NULL,
	`ord` integer NOT NULL,
	`text` text NOT NULL,
	`norm_text` text NOT NULL,
	`source` text NOT NULL,
	`page` integer,
	`section` text,
	`token_count` integer NOT NULL,
	FOREIGN KEY (`doc_id`) REFERENCES `knowledge_docs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_chunks_id_uq` ON `knowledge_chunks` (`id`);--> statement-breakpoint
CREATE INDEX `knowledge_chunks_doc_idx` ON `knowledge_chunks` (`doc_id`);--> statement-breakpoint
CREATE INDEX `knowledge_chunks_bot_idx` ON `knowledge_chunks` (`bot_id`);--> statement-breakpoint
CREATE TABLE `knowledge_docs` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`format` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`r2_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`error` text,
	`chunk_count` integer DEFAULT 0 NOT NULL,
	`page_count` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_docs_bot_sha_uq` ON `knowledge_docs` (`bot_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `knowledge_docs_bot_idx` ON `knowledge_docs` (`bot_id`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`outcome` text NOT NULL,
	`name` text,
	`phone` text,
	`intent` text,
	`quality` text,
	`fields_json` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_call_uq` ON `leads` (`call_id`);--> statement-breakpoint
CREATE INDEX `leads_company_idx` ON `leads` (`company_id`);--> statement-breakpoint
CREATE TABLE `phone_numbers` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`number` text NOT NULL,
	`provider` text NOT NULL,
	`livekit_trunk_id` text,
	`livekit_dispatch_rule_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bot_id`) REFERENCES `bots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `phone_numbers_number_uq` ON `phone_numbers` (`number`);--> statement-breakpoint
CREATE INDEX `phone_numbers_bot_idx` ON `phone_numbers` (`bot_id`);--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`status_code` integer,
	`error` text,
	`duration_ms` real,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `webhook_deliveries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_delivery_idx` ON `webhook_attempts` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`webhook_id` text NOT NULL,
	`company_id` text NOT NULL,
	`call_id` text,
	`event_type` text NOT NULL,
	`payload_json` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`next_attempt_at` integer,
	`delivered_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_event_uq` ON `webhook_deliveries` (`webhook_id`,`event_type`,`call_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook_idx` ON `webhook_deliveries` (`webhook_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`events_json` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhooks_company_idx` ON `webhooks` (`company_id`);