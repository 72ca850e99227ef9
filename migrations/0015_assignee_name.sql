ALTER TABLE `applications` ADD `assignee_name` text;--> statement-breakpoint
UPDATE `applications` SET `assignee_name` = (SELECT `name` FROM `admins` WHERE `admins`.`id` = `applications`.`assignee_admin_id`) WHERE `assignee_admin_id` IS NOT NULL;
