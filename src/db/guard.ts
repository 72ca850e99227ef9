import { sql, type SQL } from "drizzle-orm";
import { batchGuards } from "./schema";

/**
 * A statement that fails its batch (one D1 transaction) unless `condition` holds when it runs: the check rides
 * inside the write instead of a read before it, so parallel requests cannot both pass it. Why it failed is worked
 * out afterwards, on the failure path only.
 */
export function guard(condition: SQL): SQL {
  return sql`INSERT INTO ${batchGuards} (ok) SELECT 0 WHERE NOT (${condition})`;
}

export function isGuardFailure(error: unknown): boolean {
  return error instanceof Error && /CHECK constraint failed: (batch_guards_ok|ok = 1)/.test(`${error.message} ${String(error.cause ?? "")}`);
}
