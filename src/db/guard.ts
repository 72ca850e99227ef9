import { sql, type SQL } from "drizzle-orm";
import { applications, batchGuards } from "./schema";

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

/** Sets an application's status, only if it is the company's and has another status now (else the batch fails). */
export function statusChangeStatements(applicationId: number, companyId: number, status: "active" | "rejected"): SQL[] {
  return [
    guard(sql`EXISTS (SELECT 1 FROM ${applications} WHERE id = ${applicationId} AND company_id = ${companyId} AND status != ${status})`),
    sql`UPDATE ${applications} SET status = ${status} WHERE id = ${applicationId}`,
  ];
}
