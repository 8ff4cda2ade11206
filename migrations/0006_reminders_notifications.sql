-- Reminder calls, the do-not-call list and instant notifications (issue 24). Hand-written.
-- Per company: where notifications go (Telegram chat of the owner, SMS to customers) and for which events.
CREATE TABLE `notification_settings` (
	`company_id` text PRIMARY KEY NOT NULL,
	`telegram_chat_id` text,
	`telegram_events_json` text DEFAULT '[]' NOT NULL,
	`sms_sender` text,
	`sms_events_json` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- One message per (call, channel, event): a redelivered post-call job finds the row and never sends twice.
CREATE TABLE `notification_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`call_id` text NOT NULL,
	`channel` text NOT NULL,
	`event` text NOT NULL,
	`target` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`provider_message_id` text,
	`next_attempt_at` integer,
	`delivered_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_deliveries_event_uq` ON `notification_deliveries` (`call_id`,`channel`,`event`);
--> statement-breakpoint
CREATE INDEX `notification_deliveries_company_idx` ON `notification_deliveries` (`company_id`,`created_at`);
--> statement-breakpoint
-- Numbers that asked not to be called («больше не звоните»); every outbound path checks it.
CREATE TABLE `do_not_call` (
	`company_id` text NOT NULL,
	`phone` text NOT NULL,
	`reason` text,
	`call_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`company_id`, `phone`)
);
--> statement-breakpoint
-- One reminder per booking and appointment time; a moved booking gets a new one for its new time.
CREATE TABLE `reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`source` text NOT NULL,
	`booking_ref` text NOT NULL,
	`phone` text NOT NULL,
	`name` text,
	`service` text,
	`staff` text,
	`date` text NOT NULL,
	`time` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`room` text,
	`result_call_id` text,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_booking_uq` ON `reminders` (`bot_id`,`booking_ref`,`date`,`time`);
--> statement-breakpoint
CREATE INDEX `reminders_status_next_idx` ON `reminders` (`status`,`next_attempt_at`);
--> statement-breakpoint
CREATE INDEX `reminders_company_idx` ON `reminders` (`company_id`,`date`);
--> statement-breakpoint
-- Every outbound dial of a reminder: the per-company daily cap counts these rows.
CREATE TABLE `reminder_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`reminder_id` text NOT NULL,
	`company_id` text NOT NULL,
	`room` text,
	`dialed_at` integer NOT NULL,
	`result` text
);
--> statement-breakpoint
CREATE INDEX `reminder_attempts_company_dialed_idx` ON `reminder_attempts` (`company_id`,`dialed_at`);
--> statement-breakpoint
ALTER TABLE `companies` ADD `reminder_daily_cap` integer;
--> statement-breakpoint
-- Set when the customer confirmed the appointment (a reminder call: «да, приду»).
ALTER TABLE `calendar_bookings` ADD `customer_confirmed_at` integer;
