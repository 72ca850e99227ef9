import type { Env } from "../env";
import { emailsQueued, type Outcome } from "../conversations/events";
import { database, normalizeEmail, type Db } from "../db/client";
import { adminIdByEmail, insertInvitation, invitationByTokenHash, openInvitationEmail, signedInAdminByEmail, spendInvitation } from "../db/invitations";
import { randomToken, sha256 } from "./crypto";
import { hashPassword } from "./password";
import type { SignedInAdmin } from "./sessions";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const MIN_PASSWORD_LENGTH = 8;

export type CreatedInvitation = { ok: true; token: string; expiresAt: number } | { ok: false; reason: "already_admin" };

/**
 * Invites a colleague into the inviter's company: the token is random and stored hashed (like sessions), and the
 * invitation email is queued in the same batch, so the email exists exactly when the invitation does.
 */
export async function createInvitation(env: Env, inviter: SignedInAdmin, address: string, now = Date.now()): Promise<Outcome<CreatedInvitation>> {
  const db = database(env.DB);
  const email = normalizeEmail(address);
  if ((await adminIdByEmail(db, email)) !== null) return { result: { ok: false, reason: "already_admin" }, events: [] };
  const token = randomToken();
  const expiresAt = now + INVITATION_TTL_MS;
  const outboxIds = await insertInvitation(env.DB, {
    companyId: inviter.companyId,
    email,
    tokenHash: await sha256(token),
    invitedByAdminId: inviter.id,
    now,
    expiresAt,
    payload: { token, inviterName: inviter.name, expiresAt },
  });
  return { result: { ok: true, token, expiresAt }, events: emailsQueued({ companyId: inviter.companyId }, outboxIds) };
}

export type InvitationLookup =
  | { status: "valid"; email: string; companyName: string; companyLocale: "cs" | "en" }
  | { status: "expired" | "used" | "invalid"; companyLocale?: "cs" | "en" };

/** What an invitation link opens; expired and used ones are told apart so the page can say which. */
export async function lookUpInvitation(db: Db, token: string, now = Date.now()): Promise<InvitationLookup> {
  const row = await invitationByTokenHash(db, await sha256(token));
  if (!row) return { status: "invalid" };
  if (row.acceptedAt !== null) return { status: "used", companyLocale: row.locale };
  if (row.expiresAt <= now) return { status: "expired", companyLocale: row.locale };
  return { status: "valid", email: row.email, companyName: row.companyName, companyLocale: row.locale };
}

export type AcceptedInvitation = { ok: true; admin: SignedInAdmin } | { ok: false; reason: "gone" | "already_admin" };

/** Creates the admin and spends the invitation at once (see spendInvitation). */
export async function acceptInvitation(d1: D1Database, token: string, input: { name: string; password: string }, now = Date.now()): Promise<AcceptedInvitation> {
  const db = database(d1);
  const tokenHash = await sha256(token);
  const email = await openInvitationEmail(db, tokenHash, now);
  if (!email) return { ok: false, reason: "gone" };
  if ((await adminIdByEmail(db, email)) !== null) return { ok: false, reason: "already_admin" };
  try {
    if (!(await spendInvitation(d1, tokenHash, { name: input.name, passwordHash: await hashPassword(input.password) }, now))) return { ok: false, reason: "gone" };
  } catch (error) {
    if (String(error).includes("UNIQUE")) return { ok: false, reason: "already_admin" };
    throw error;
  }
  return { ok: true, admin: (await signedInAdminByEmail(db, email))! };
}
