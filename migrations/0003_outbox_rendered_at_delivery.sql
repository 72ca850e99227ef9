PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`application_id` integer,
	`message_id` integer,
	`kind` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`to_address` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`from_address` text,
	`reply_to` text,
	`subject` text,
	`text_body` text,
	`html_body` text,
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
INSERT INTO `__new_outbox`("id", "company_id", "application_id", "message_id", "kind", "recipient_kind", "to_address", "payload", "from_address", "reply_to", "subject", "text_body", "html_body", "in_reply_to", "references", "raw", "state", "attempts", "next_attempt_at", "last_error", "sent_message_id", "created_at", "sent_at", "hidden_in_dev_mailbox") SELECT "id", "company_id", "application_id", "message_id", "kind", "recipient_kind", "to_address", '{}', "from_address", "reply_to", "subject", "text_body", "html_body", "in_reply_to", "references", "raw", "state", "attempts", "next_attempt_at", "last_error", "sent_message_id", "created_at", "sent_at", "hidden_in_dev_mailbox" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_thread_idx` ON `outbox` (`application_id`,`to_address`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_application_message_idx` ON `outbox` (`application_id`,`message_id`,`state`);--> statement-breakpoint
CREATE INDEX `outbox_sent_message_id_idx` ON `outbox` (`sent_message_id`);--> statement-breakpoint
CREATE INDEX `outbox_kind_idx` ON `outbox` (`application_id`,`kind`,`created_at`);