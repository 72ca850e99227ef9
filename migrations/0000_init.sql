CREATE TABLE `admins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`unread_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admins_email_uq` ON `admins` (`email`);--> statement-breakpoint
CREATE INDEX `admins_company_idx` ON `admins` (`company_id`);--> statement-breakpoint
CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`offer_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`candidate_name` text NOT NULL,
	`candidate_email` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`source` text NOT NULL,
	`link_version` integer DEFAULT 1 NOT NULL,
	`last_message_id` integer,
	`last_message_preview` text DEFAULT '' NOT NULL,
	`last_message_author` text DEFAULT '' NOT NULL,
	`last_activity_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_offer_candidate_uq` ON `applications` (`offer_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `applications_inbox_idx` ON `applications` (`company_id`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `applications_inbox_offer_idx` ON `applications` (`company_id`,`offer_id`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `applications_inbox_status_idx` ON `applications` (`company_id`,`status`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `applications_inbox_offer_status_idx` ON `applications` (`company_id`,`offer_id`,`status`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`r2_key` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_application_message_idx` ON `attachments` (`application_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidates_company_email_uq` ON `candidates` (`company_id`,`email`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`contact_email` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inbound_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` integer NOT NULL,
	`envelope_from` text NOT NULL,
	`envelope_to` text NOT NULL,
	`dedupe_key` text,
	`subject` text,
	`size` integer NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`application_id` integer,
	`stored_message_id` integer,
	`raw_key` text
);
--> statement-breakpoint
CREATE INDEX `inbound_log_dedupe_idx` ON `inbound_log` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `inbound_log_application_idx` ON `inbound_log` (`application_id`);--> statement-breakpoint
CREATE INDEX `inbound_log_received_idx` ON `inbound_log` (`received_at`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`email` text NOT NULL,
	`token_hash` text NOT NULL,
	`invited_by_admin_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_admin_id`) REFERENCES `admins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_company_idx` ON `invitations` (`company_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_started_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`application_id` integer NOT NULL,
	`company_id` integer NOT NULL,
	`author_kind` text NOT NULL,
	`author_admin_id` integer,
	`author_name` text NOT NULL,
	`author_email` text,
	`channel` text NOT NULL,
	`body` text NOT NULL,
	`original_body` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_admin_id`) REFERENCES `admins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_uid_uq` ON `messages` (`uid`);--> statement-breakpoint
CREATE INDEX `messages_application_idx` ON `messages` (`application_id`,`id`);--> statement-breakpoint
CREATE TABLE `notification_addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` integer NOT NULL,
	`email` text NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_addresses_offer_email_uq` ON `notification_addresses` (`offer_id`,`email`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`admin_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`admin_id`) REFERENCES `admins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_admin_idx` ON `notifications` (`admin_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_message_idx` ON `notifications` (`message_id`);--> statement-breakpoint
CREATE INDEX `notifications_admin_unread_idx` ON `notifications` (`admin_id`,`application_id`) WHERE read_at IS NULL;--> statement-breakpoint
CREATE TABLE `offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offers_company_idx` ON `offers` (`company_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`application_id` integer,
	`message_id` integer,
	`kind` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`to_address` text NOT NULL,
	`from_address` text NOT NULL,
	`reply_to` text,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text NOT NULL,
	`headers` text DEFAULT '{}' NOT NULL,
	`in_reply_to` text,
	`references` text,
	`raw` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_message_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`hidden_in_dev_mailbox` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_thread_idx` ON `outbox` (`application_id`,`to_address`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_application_message_idx` ON `outbox` (`application_id`,`message_id`,`state`);--> statement-breakpoint
CREATE INDEX `outbox_sent_message_id_idx` ON `outbox` (`sent_message_id`);--> statement-breakpoint
CREATE INDEX `outbox_kind_idx` ON `outbox` (`application_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `read_markers` (
	`application_id` integer NOT NULL,
	`reader` text NOT NULL,
	`last_read_message_id` integer DEFAULT 0 NOT NULL,
	`unread` integer DEFAULT 0 NOT NULL,
	`read_at` integer,
	PRIMARY KEY(`application_id`, `reader`),
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `read_markers_unread_idx` ON `read_markers` (`reader`,`unread`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`admin_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`admin_id`) REFERENCES `admins`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_admin_idx` ON `sessions` (`admin_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);