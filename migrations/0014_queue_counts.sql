CREATE TABLE `queue_counts` (
	`company_id` integer NOT NULL,
	`queue` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `queue`)
);
--> statement-breakpoint
INSERT INTO `queue_counts` (`company_id`, `queue`, `n`)
  SELECT `company_id`, CASE WHEN `assignee_admin_id` IS NULL THEN 'unassigned' ELSE 'assignee:' || `assignee_admin_id` END, count(*)
  FROM `applications` GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO `queue_counts` (`company_id`, `queue`, `n`)
  SELECT `company_id`, 'waiting:' || `waiting_on`, count(*) FROM `applications`
  WHERE `status` = 'active' AND `waiting_on` IS NOT NULL GROUP BY 1, 2;--> statement-breakpoint
-- An application counts once in its owner queue (nobody's or an admin's), and, while open, in its turn's queue.
CREATE TRIGGER `queue_counts_added` AFTER INSERT ON `applications` BEGIN
  INSERT INTO `queue_counts` (`company_id`, `queue`, `n`)
    SELECT new.`company_id`, CASE WHEN new.`assignee_admin_id` IS NULL THEN 'unassigned' ELSE 'assignee:' || new.`assignee_admin_id` END, 1 WHERE 1
    ON CONFLICT (`company_id`, `queue`) DO UPDATE SET `n` = `n` + 1;
  INSERT INTO `queue_counts` (`company_id`, `queue`, `n`)
    SELECT new.`company_id`, 'waiting:' || new.`waiting_on`, 1 WHERE new.`status` = 'active' AND new.`waiting_on` IS NOT NULL
    ON CONFLICT (`company_id`, `queue`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `queue_counts_removed` AFTER DELETE ON `applications` BEGIN
  UPDATE `queue_counts` SET `n` = `n` - 1 WHERE `company_id` = old.`company_id`
    AND `queue` = CASE WHEN old.`assignee_admin_id` IS NULL THEN 'unassigned' ELSE 'assignee:' || old.`assignee_admin_id` END;
  UPDATE `queue_counts` SET `n` = `n` - 1 WHERE `company_id` = old.`company_id` AND old.`status` = 'active' AND `queue` = 'waiting:' || old.`waiting_on`;
END;--> statement-breakpoint
-- Only when something counted changed: a message rewrites waiting_on with the same value most of the time.
CREATE TRIGGER `queue_counts_changed` AFTER UPDATE OF `assignee_admin_id`, `waiting_on`, `status` ON `applications`
  WHEN old.`assignee_admin_id` IS NOT new.`assignee_admin_id` OR old.`waiting_on` IS NOT new.`waiting_on` OR old.`status` IS NOT new.`status` BEGIN
  UPDATE `queue_counts` SET `n` = `n` - 1 WHERE `company_id` = old.`company_id`
    AND `queue` = CASE WHEN old.`assignee_admin_id` IS NULL THEN 'unassigned' ELSE 'assignee:' || old.`assignee_admin_id` END;
  UPDATE `queue_counts` SET `n` = `n` - 1 WHERE `company_id` = old.`company_id` AND old.`status` = 'active' AND `queue` = 'waiting:' || old.`waiting_on`;
  INSERT INTO `queue_counts` (`company_id`, `queue`, `n`)
    SELECT new.`company_id`, CASE WHEN new.`assignee_admin_id` IS NULL THEN 'unassigned' ELSE 'assignee:' || new.`assignee_admin_id` END, 1 WHERE 1
    ON CONFLICT (`company_id`, `queue`) DO UPDATE SET `n` = `n` + 1;
  INSERT INTO `queue_counts` (`company_id`, `queue`, `n`)
    SELECT new.`company_id`, 'waiting:' || new.`waiting_on`, 1 WHERE new.`status` = 'active' AND new.`waiting_on` IS NOT NULL
    ON CONFLICT (`company_id`, `queue`) DO UPDATE SET `n` = `n` + 1;
END;
