import { applyD1Migrations, env } from "cloudflare:test";

// Storage is isolated per test file; migrations are idempotent, so every file starts with the full schema.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
