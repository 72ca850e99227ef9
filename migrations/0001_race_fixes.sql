ALTER TABLE `inbound_log` ADD `claim_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_log_claim_uq` ON `inbound_log` (`claim_key`);--> statement-breakpoint
ALTER TABLE `messages` ADD `skipped_files` text DEFAULT '[]' NOT NULL;