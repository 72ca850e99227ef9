/** Invitations of colleagues: stored hashed, spent once, each with its email queued in the same batch. */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import { queueInvitation, type InvitationPayload } from "./outbox";
import { rawBatch } from "./raw-batch";
import { admins, companies, invitations } from "./schema";

export async function adminIdByEmail(db: Db, email: string): Promise<number | null> {
  const [row] = await db.select({ id: admins.id }).from(admins).where(eq(admins.email, email));
  return row?.id ?? null;
}

/** The invitation and its email, one batch; returns the email's outbox id. */
export async function insertInvitation(
  d1: D1Database,
  row: { companyId: number; email: string; tokenHash: string; invitedByAdminId: number; now: number; expiresAt: number; payload: InvitationPayload },
): Promise<number[]> {
  const [, queued] = await rawBatch<{ id: number }>(d1, [
    sql`INSERT INTO ${invitations} (company_id, email, token_hash, invited_by_admin_id, created_at, expires_at)
      VALUES (${row.companyId}, ${row.email}, ${row.tokenHash}, ${row.invitedByAdminId}, ${row.now}, ${row.expiresAt})`,
    queueInvitation(row.companyId, row.email, row.payload, row.now),
  ]);
  return (queued ?? []).map((r) => r.id);
}

export async function invitationByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ email: invitations.email, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, companyName: companies.name, locale: companies.locale })
    .from(invitations)
    .innerJoin(companies, eq(companies.id, invitations.companyId))
    .where(eq(invitations.tokenHash, tokenHash));
  return row ?? null;
}

/** The address of an invitation that can still be accepted. */
export async function openInvitationEmail(db: Db, tokenHash: string, now: number): Promise<string | null> {
  const [row] = await db
    .select({ email: invitations.email })
    .from(invitations)
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
  return row?.email ?? null;
}

/**
 * Creates the admin and spends the invitation in one batch (a transaction): the insert only selects from an
 * unspent, unexpired invitation, so two tabs submitting at once create one account, and a clash with an existing
 * account (unique email) rolls both statements back. False when the invitation was already spent.
 */
export async function spendInvitation(d1: D1Database, tokenHash: string, admin: { name: string; passwordHash: string }, now: number): Promise<boolean> {
  const [, spent] = await rawBatch(d1, [
    // The invitation came to this address: following its link proved it.
    sql`INSERT INTO ${admins} (company_id, email, name, password_hash, unread_count, email_confirmed_at, created_at)
      SELECT company_id, email, ${admin.name}, ${admin.passwordHash}, 0, ${now}, ${now} FROM ${invitations}
      WHERE token_hash = ${tokenHash} AND accepted_at IS NULL AND expires_at > ${now}`,
    sql`UPDATE ${invitations} SET accepted_at = ${now}
      WHERE token_hash = ${tokenHash} AND accepted_at IS NULL AND expires_at > ${now} RETURNING id`,
  ]);
  return (spent?.length ?? 0) > 0;
}

export async function signedInAdminByEmail(db: Db, email: string) {
  const [admin] = await db.select({ id: admins.id, name: admins.name, email: admins.email, companyId: admins.companyId }).from(admins).where(eq(admins.email, email));
  return admin ?? null;
}

/** Invitations of the company that can still be accepted, oldest first. */
export async function pendingInvitations(db: Db, companyId: number, now = Date.now()) {
  return db
    .select({ id: invitations.id, email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.companyId, companyId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt))
    .limit(100);
}
