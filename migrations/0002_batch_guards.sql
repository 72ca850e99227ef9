CREATE TABLE `batch_guards` (
	`ok` integer NOT NULL,
	CONSTRAINT "batch_guards_ok" CHECK(ok = 1)
);
