ALTER TABLE `inbound_log` ADD `company_id` integer;--> statement-breakpoint
ALTER TABLE `inbound_log` ADD `from_address` text;--> statement-breakpoint
CREATE INDEX `inbound_log_company_idx` ON `inbound_log` (`company_id`,`id`);--> statement-breakpoint
UPDATE `inbound_log` SET `company_id` = (SELECT `company_id` FROM `applications` WHERE `applications`.`id` = `inbound_log`.`application_id`) WHERE `application_id` IS NOT NULL;
