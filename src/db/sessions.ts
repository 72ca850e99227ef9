/** Sessions as stored: only a token's hash, its admin and when it ends. Deleting the row ends it everywhere. */
import { and, eq, gt, lt, sql, type SQL } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Db } from "./client";
import { admins, sessions } from "./schema";

export async function insertSession(db: Db, row: { tokenHash: string; adminId: number; now: number; expiresAt: number }): Promise<void> {
  await db.batch([
    db.delete(sessions).where(and(eq(sessions.adminId, row.adminId), lt(sessions.expiresAt, row.now))),
    db.insert(sessions).values({ tokenHash: row.tokenHash, adminId: row.adminId, createdAt: row.now, expiresAt: row.expiresAt }),
  ]);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** The condition a write's guard or a read's batch asserts: this session still exists and has not expired. */
export function sessionIsValid(tokenHash: string, adminId: number, now: number): SQL {
  return sql`EXISTS (SELECT 1 FROM ${sessions} WHERE token_hash = ${tokenHash} AND admin_id = ${adminId} AND expires_at > ${now})`;
}

/** The same check as a query of its own, for a batch of reads (a row when valid). */
export function sessionCheckQuery(db: Db, tokenHash: string, adminId: number, now: number) {
  return db
    .select({ adminId: sessions.adminId })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), eq(sessions.adminId, adminId), gt(sessions.expiresAt, now)))
    .limit(1);
}

export async function sessionStillValid(db: Db, tokenHash: string, adminId: number, now: number): Promise<boolean> {
  return (await sessionCheckQuery(db, tokenHash, adminId, now)).length > 0;
}

/** The company an admin belongs to (null for no such admin). */
export async function adminCompany(db: Db, adminId: number): Promise<number | null> {
  const [row] = await db.select({ companyId: admins.companyId }).from(admins).where(eq(admins.id, adminId));
  return row?.companyId ?? null;
}

/**
 * Runs a route's reads in one batch with the session check: one D1 round trip for both. Null when the session
 * is no longer valid (then the reads' results are thrown away unseen).
 */
export async function readAsSession<const T extends readonly BatchItem<"sqlite">[]>(
  db: Db,
  session: { tokenHash: string; adminId: number },
  queries: T,
  now = Date.now(),
): Promise<BatchResponse<T> | null> {
  const [check, ...results] = (await db.batch([sessionCheckQuery(db, session.tokenHash, session.adminId, now), ...queries])) as unknown[];
  return (check as unknown[]).length > 0 ? (results as BatchResponse<T>) : null;
}

/** The account an address signs in to, with its password hash (for the sign-in check only). */
export async function accountByEmail(db: Db, email: string) {
  const [admin] = await db.select().from(admins).where(eq(admins.email, email)).limit(1);
  return admin ?? null;
}
