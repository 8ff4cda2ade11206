-- CRM integrations (amoCRM, Bitrix24): one connection per company and CRM, one delivery per call and CRM. Hand-written.
-- Tokens and webhook URLs are stored AES-GCM encrypted with the Worker secret CRM_TOKEN_KEY (`v1:<iv>:<ciphertext>`).
CREATE TABLE `crm_connections` (
	`company_id` text NOT NULL,
	`kind` text NOT NULL,
	`base_url` text NOT NULL,
	`auth_type` text NOT NULL,
	`client_id` text,
	`secrets_enc` text NOT NULL,
	`access_expires_at` integer,
	`settings_json` text DEFAULT '{}' NOT NULL,
	`active` integer DEFAULT 1 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`company_id`, `kind`)
);
--> statement-breakpoint
-- `progress_json` keeps what the CRM already holds for the call (contact, lead, note, telephony call ids), so a retry
-- resumes where the last attempt stopped and never creates a second lead.
CREATE TABLE `crm_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`call_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`progress_json` text DEFAULT '{}' NOT NULL,
	`next_attempt_at` integer,
	`delivered_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_deliveries_call_uq` ON `crm_deliveries` (`call_id`,`kind`);
--> statement-breakpoint
CREATE INDEX `crm_deliveries_company_idx` ON `crm_deliveries` (`company_id`,`created_at`);
