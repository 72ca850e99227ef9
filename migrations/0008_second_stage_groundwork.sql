PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`admin_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`kind` text DEFAULT 'message' NOT NULL,
	`message_id` integer,
	`author_kind` text DEFAULT 'candidate' NOT NULL,
	`author_name` text DEFAULT '' NOT NULL,
	`candidate_name` text DEFAULT '' NOT NULL,
	`preview` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`admin_id`) REFERENCES `admins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "company_id", "admin_id", "application_id", "kind", "message_id", "author_kind", "author_name", "candidate_name", "preview", "created_at", "read_at") SELECT "id", "company_id", "admin_id", "application_id", CASE WHEN "message_id" = (SELECT min(m."id") FROM `messages` m WHERE m."application_id" = `notifications`."application_id") THEN 'application' ELSE 'message' END, "message_id", "author_kind", "author_name", "candidate_name", "preview", "created_at", "read_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `notifications_admin_idx` ON `notifications` (`admin_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_message_idx` ON `notifications` (`message_id`);--> statement-breakpoint
CREATE INDEX `notifications_admin_unread_idx` ON `notifications` (`admin_id`,`application_id`) WHERE read_at IS NULL;--> statement-breakpoint
ALTER TABLE `applications` ADD `assignee_admin_id` integer REFERENCES admins(id);--> statement-breakpoint
ALTER TABLE `companies` ADD `time_zone` text DEFAULT 'Europe/Prague' NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `retention_days` integer DEFAULT 365 NOT NULL;