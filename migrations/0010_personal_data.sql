CREATE TABLE `erased_objects` (
	`r2_key` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `erasure_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`decline_reason` text,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`resolved_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `erasure_requests_company_idx` ON `erasure_requests` (`company_id`,`state`,`id`);--> statement-breakpoint
CREATE INDEX `erasure_requests_application_idx` ON `erasure_requests` (`application_id`);--> statement-breakpoint
CREATE TABLE `erasures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`admin_id` integer,
	`admin_name` text,
	`cause` text NOT NULL,
	`applications` integer NOT NULL,
	`messages` integer NOT NULL,
	`files` integer NOT NULL,
	`emails` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`admin_id`) REFERENCES `admins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `erasures_company_idx` ON `erasures` (`company_id`,`id`);