ALTER TABLE `applications` ADD `waiting_on` text;--> statement-breakpoint
CREATE INDEX `applications_inbox_assignee_idx` ON `applications` (`company_id`,`assignee_admin_id`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `applications_inbox_waiting_idx` ON `applications` (`company_id`,`waiting_on`,`last_activity_at`,`id`);--> statement-breakpoint
-- Whose turn it is, from the latest message the candidate sees that is not a system line.
UPDATE `applications` SET `waiting_on` = (
  SELECT CASE WHEN m.`author_kind` = 'candidate' THEN 'company' ELSE 'candidate' END FROM `messages` m
  WHERE m.`application_id` = `applications`.`id` AND m.`visibility` = 'all' AND m.`author_kind` != 'system'
  ORDER BY m.`id` DESC LIMIT 1
);--> statement-breakpoint
-- Search (hand-written: drizzle's schema has no virtual tables). One row per message that is not a system line
-- (rowid = message id) and one per application for its candidate's name and address (rowid = -application id).
-- `company` holds "c<company id>" so a search is scoped inside the index instead of filtering its matches after.
CREATE VIRTUAL TABLE `search_index` USING fts5(
  `company`, `body`, `application_id` UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);--> statement-breakpoint
INSERT INTO `search_index` (rowid, `company`, `body`, `application_id`)
  SELECT -`id`, 'c' || `company_id`, `candidate_name` || ' ' || `candidate_email`, `id` FROM `applications`;--> statement-breakpoint
INSERT INTO `search_index` (rowid, `company`, `body`, `application_id`)
  SELECT `id`, 'c' || `company_id`, `body`, `application_id` FROM `messages` WHERE `author_kind` != 'system';--> statement-breakpoint
-- Triggers keep the index in step with every write path (web, email, notes, erasure) without each one knowing.
CREATE TRIGGER `search_message_added` AFTER INSERT ON `messages` WHEN new.`author_kind` != 'system' BEGIN
  INSERT INTO `search_index` (rowid, `company`, `body`, `application_id`) VALUES (new.`id`, 'c' || new.`company_id`, new.`body`, new.`application_id`);
END;--> statement-breakpoint
CREATE TRIGGER `search_message_removed` AFTER DELETE ON `messages` BEGIN
  DELETE FROM `search_index` WHERE rowid = old.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `search_message_edited` AFTER UPDATE OF `body` ON `messages` WHEN new.`author_kind` != 'system' BEGIN
  UPDATE `search_index` SET `body` = new.`body` WHERE rowid = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `search_application_added` AFTER INSERT ON `applications` BEGIN
  INSERT INTO `search_index` (rowid, `company`, `body`, `application_id`) VALUES (-new.`id`, 'c' || new.`company_id`, new.`candidate_name` || ' ' || new.`candidate_email`, new.`id`);
END;--> statement-breakpoint
CREATE TRIGGER `search_application_removed` AFTER DELETE ON `applications` BEGIN
  DELETE FROM `search_index` WHERE rowid = -old.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `search_candidate_renamed` AFTER UPDATE OF `candidate_name`, `candidate_email` ON `applications` BEGIN
  UPDATE `search_index` SET `body` = new.`candidate_name` || ' ' || new.`candidate_email` WHERE rowid = -new.`id`;
END;
