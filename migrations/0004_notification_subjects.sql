ALTER TABLE `notifications` ADD `author_kind` text DEFAULT 'candidate' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `author_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `candidate_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `preview` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `notifications` SET
  `author_kind` = (SELECT `author_kind` FROM `messages` WHERE `messages`.`id` = `notifications`.`message_id`),
  `author_name` = (SELECT `author_name` FROM `messages` WHERE `messages`.`id` = `notifications`.`message_id`),
  `preview` = (SELECT substr(`body`, 1, 120) FROM `messages` WHERE `messages`.`id` = `notifications`.`message_id`),
  `candidate_name` = (SELECT `candidate_name` FROM `applications` WHERE `applications`.`id` = `notifications`.`application_id`);
