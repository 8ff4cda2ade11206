-- Built-in booking calendar (issue 12): services, staff, weekly hours, dated exceptions and appointments.
-- `bookings` (0000) stays the post-call outcome row; appointments live in `calendar_bookings`.
CREATE TABLE `booking_services` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`name` text NOT NULL,
	`synonyms_json` text DEFAULT '[]' NOT NULL,
	`duration_min` integer NOT NULL,
	`price` real,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `booking_services_bot_idx` ON `booking_services` (`bot_id`);
--> statement-breakpoint
CREATE TABLE `booking_staff` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `booking_staff_bot_idx` ON `booking_staff` (`bot_id`);
--> statement-breakpoint
CREATE TABLE `booking_staff_services` (
	`staff_id` text NOT NULL,
	`service_id` text NOT NULL,
	PRIMARY KEY(`staff_id`, `service_id`)
);
--> statement-breakpoint
CREATE INDEX `booking_staff_services_service_idx` ON `booking_staff_services` (`service_id`);
--> statement-breakpoint
CREATE TABLE `booking_hours` (
	`staff_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`open` text NOT NULL,
	`close` text NOT NULL,
	PRIMARY KEY(`staff_id`, `weekday`)
);
--> statement-breakpoint
CREATE INDEX `booking_hours_bot_idx` ON `booking_hours` (`bot_id`);
--> statement-breakpoint
CREATE TABLE `booking_exceptions` (
	`id` text PRIMARY KEY NOT NULL,
	`bot_id` text NOT NULL,
	`staff_id` text,
	`date` text NOT NULL,
	`open` text,
	`close` text,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `booking_exceptions_bot_date_idx` ON `booking_exceptions` (`bot_id`, `date`);
--> statement-breakpoint
CREATE TABLE `calendar_bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`service_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`date` text NOT NULL,
	`start_min` integer NOT NULL,
	`end_min` integer NOT NULL,
	`status` text DEFAULT 'confirmed' NOT NULL,
	`phone` text,
	`name` text,
	`call_id` text,
	`idempotency_key` text,
	`source` text DEFAULT 'api' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_bookings_slot_uq` ON `calendar_bookings` (`staff_id`, `date`, `start_min`) WHERE "calendar_bookings"."status" = 'confirmed';
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_bookings_idem_uq` ON `calendar_bookings` (`bot_id`, `idempotency_key`);
--> statement-breakpoint
CREATE INDEX `calendar_bookings_bot_date_idx` ON `calendar_bookings` (`bot_id`, `date`);
--> statement-breakpoint
CREATE INDEX `calendar_bookings_phone_idx` ON `calendar_bookings` (`bot_id`, `phone`);
