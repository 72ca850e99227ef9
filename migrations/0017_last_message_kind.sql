ALTER TABLE `applications` ADD `last_message_author_kind` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `last_message_visibility` text;--> statement-breakpoint
UPDATE `applications` SET
  `last_message_author_kind` = (SELECT `author_kind` FROM `messages` WHERE `messages`.`id` = `applications`.`last_message_id`),
  `last_message_visibility` = (SELECT `visibility` FROM `messages` WHERE `messages`.`id` = `applications`.`last_message_id`);
