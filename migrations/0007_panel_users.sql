-- The owner's panel (/app): people who sign in to a company, their sessions and the sign-in rate limit.
-- Hand-written (not drizzle-kit); read and written by workers/panel/.
CREATE TABLE `panel_users` (
  `id` text PRIMARY KEY NOT NULL,
  `company_id` text NOT NULL REFERENCES `companies`(`id`),
  `email` text NOT NULL,
  `name` text,
  -- 'admin' manages people and keys; 'member' works with bots, calls and the calendar.
  `role` text NOT NULL DEFAULT 'member',
  -- `pbkdf2-sha256$<iterations>$<salt>$<hash>`; null until the invite is accepted.
  `password_hash` text,
  -- SHA-256 of the one-time invite token; null once accepted.
  `invite_hash` text,
  `invite_expires_at` integer,
  `created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000),
  `last_sign_in_at` integer,
  `disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `panel_users_email_uq` ON `panel_users` (`email`);
--> statement-breakpoint
CREATE INDEX `panel_users_company_idx` ON `panel_users` (`company_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `panel_users_invite_uq` ON `panel_users` (`invite_hash`) WHERE `invite_hash` IS NOT NULL;
--> statement-breakpoint
CREATE TABLE `panel_sessions` (
  -- SHA-256 of the session id in the cookie: a leaked table holds no usable session.
  `id_hash` text PRIMARY KEY NOT NULL,
  `user_id` text NOT NULL REFERENCES `panel_users`(`id`),
  `company_id` text NOT NULL,
  `csrf_token` text NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch('subsec') * 1000),
  `expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `panel_sessions_user_idx` ON `panel_sessions` (`user_id`);
--> statement-breakpoint
-- Failed sign-ins per e-mail and per client address in a fixed window.
CREATE TABLE `panel_sign_in_failures` (
  `key` text PRIMARY KEY NOT NULL,
  `window_start` integer NOT NULL,
  `failures` integer NOT NULL
);
--> statement-breakpoint
-- Every saved bot config, kept by a trigger so no writer can forget it: the panel's history and rollback.
CREATE TABLE `bot_config_versions` (
  `bot_id` text NOT NULL,
  `company_id` text NOT NULL,
  `version` integer NOT NULL,
  `config_json` text NOT NULL,
  `created_at` integer NOT NULL,
  PRIMARY KEY (`bot_id`, `version`)
);
--> statement-breakpoint
INSERT INTO `bot_config_versions` (`bot_id`, `company_id`, `version`, `config_json`, `created_at`)
  SELECT `id`, `company_id`, `config_version`, `config_json`, `updated_at` FROM `bots`;
--> statement-breakpoint
CREATE TRIGGER `bot_config_versions_insert` AFTER INSERT ON `bots` BEGIN
  INSERT OR REPLACE INTO `bot_config_versions` (`bot_id`, `company_id`, `version`, `config_json`, `created_at`)
  VALUES (NEW.`id`, NEW.`company_id`, NEW.`config_version`, NEW.`config_json`, NEW.`updated_at`);
END;
--> statement-breakpoint
CREATE TRIGGER `bot_config_versions_update` AFTER UPDATE OF `config_json` ON `bots` BEGIN
  INSERT OR REPLACE INTO `bot_config_versions` (`bot_id`, `company_id`, `version`, `config_json`, `created_at`)
  VALUES (NEW.`id`, NEW.`company_id`, NEW.`config_version`, NEW.`config_json`, NEW.`updated_at`);
END;
