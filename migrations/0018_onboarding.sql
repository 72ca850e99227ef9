ALTER TABLE `companies` ADD `onboarding` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `settings_saved_at` integer;