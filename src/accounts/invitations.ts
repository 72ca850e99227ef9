import { formatMailbox } from "../email/compose";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, normalizeEmail, type Db } from "../db/client";
import { rawBatch } from "../db/raw-batch";
import { admins, companies, invitations, outbox } from "../db/schema";
import { renderEmail } from "../email/templates";
import { randomToken, sha256 } from "./crypto";
import { hashPassword } from "./password";
import type { SignedInAdmin } from "./sessions";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const MIN_PASSWORD_LENGTH = 8;

export type CreatedInvitation = { ok: true; token: string; expiresAt: number } | { ok: false; reason: "already_admin" };

/**
 * Invites a colleague into the inviter's company: the token is random and stored hashed (like sessions), and the
 * invitation email is queued in the same batch, so the email exists exactly when the invitation does.
 * The caller starts delivery after this returns.
 */
export async function createInvitation(env: Env, inviter: SignedInAdmin, address: string, now = Date.now()): Promise<CreatedInvitation> {
  const db = database(env.DB);
  const email = normalizeEmail(address);
  const [taken] = await db.select({ id: admins.id }).from(admins).where(eq(admins.email, email));
  if (taken) return { ok: false, reason: "already_admin" };
  const [company] = await db.select().from(companies).where(eq(companies.id, inviter.companyId));
  if (!company) throw new Error("inviter's company is missing");

  const token = randomToken();
  const expiresAt = now + INVITATION_TTL_MS;
  const mail = renderEmail(company.locale, env.APP_URL, {
    kind: "invitation",
    inviterName: inviter.name,
    companyName: company.name,
    token,
    expiresAt,
  });
  await db.batch([
    db.insert(invitations).values({
      companyId: company.id,
      email,
      tokenHash: await sha256(token),
      invitedByAdminId: inviter.id,
      createdAt: now,
      expiresAt,
    }),
    db.insert(outbox).values({
      companyId: company.id,
      applicationId: null,
      kind: "invitation",
      recipientKind: "person",
      toAddress: email,
      fromAddress: formatMailbox(`${company.name} via Candidate Chat`, env.MAIL_FROM),
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      state: "pending",
      nextAttemptAt: now,
      createdAt: now,
    }),
  ]);
  return { ok: true, token, expiresAt };
}

export type InvitationLookup =
  | { status: "valid"; email: string; companyName: string; companyLocale: "cs" | "en" }
  | { status: "expired" | "used" | "invalid"; companyLocale?: "cs" | "en" };

/** What an invitation link opens; expired and used ones are told apart so the page can say which. */
export async function lookUpInvitation(db: Db, token: string, now = Date.now()): Promise<InvitationLookup> {
  const [row] = await db
    .select({ email: invitations.email, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, companyName: companies.name, locale: companies.locale })
    .from(invitations)
    .innerJoin(companies, eq(companies.id, invitations.companyId))
    .where(eq(invitations.tokenHash, await sha256(token)));
  if (!row) return { status: "invalid" };
  if (row.acceptedAt !== null) return { status: "used", companyLocale: row.locale };
  if (row.expiresAt <= now) return { status: "expired", companyLocale: row.locale };
  return { status: "valid", email: row.email, companyName: row.companyName, companyLocale: row.locale };
}

export type AcceptedInvitation = { ok: true; admin: SignedInAdmin } | { ok: false; reason: "gone" | "already_admin" };

/**
 * Creates the admin and spends the invitation in one D1 batch (a transaction): the insert only selects from an
 * unspent, unexpired invitation, so two tabs submitting at once create one account, and a clash with an existing
 * account (unique email) rolls both statements back.
 */
export async function acceptInvitation(d1: D1Database, token: string, input: { name: string; password: string }, now = Date.now()): Promise<AcceptedInvitation> {
  const db = database(d1);
  const tokenHash = await sha256(token);
  const open = and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now));
  const [invitation] = await db.select({ email: invitations.email }).from(invitations).where(open);
  if (!invitation) return { ok: false, reason: "gone" };
  const [taken] = await db.select({ id: admins.id }).from(admins).where(eq(admins.email, invitation.email));
  if (taken) return { ok: false, reason: "already_admin" };

  const passwordHash = await hashPassword(input.password);
  try {
    const [, spent] = await rawBatch(d1, [
      sql`INSERT INTO ${admins} (company_id, email, name, password_hash, unread_count, created_at)
        SELECT company_id, email, ${input.name}, ${passwordHash}, 0, ${now} FROM ${invitations}
        WHERE token_hash = ${tokenHash} AND accepted_at IS NULL AND expires_at > ${now}`,
      sql`UPDATE ${invitations} SET accepted_at = ${now}
        WHERE token_hash = ${tokenHash} AND accepted_at IS NULL AND expires_at > ${now} RETURNING id`,
    ]);
    if (!spent || spent.length === 0) return { ok: false, reason: "gone" };
  } catch (error) {
    if (String(error).includes("UNIQUE")) return { ok: false, reason: "already_admin" };
    throw error;
  }
  const [admin] = await db
    .select({ id: admins.id, name: admins.name, email: admins.email, companyId: admins.companyId })
    .from(admins)
    .where(eq(admins.email, invitation.email));
  return { ok: true, admin: admin! };
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
