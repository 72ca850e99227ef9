/** API tokens: a named, non-expiring session of one admin (see apiTokens in the schema). */
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { SignedInAdmin } from "../accounts/sessions";
import type { Db } from "./client";
import { admins, apiTokens, sessions } from "./schema";

/** Far enough ahead that a token lasts until it is revoked. */
const NEVER = 8_640_000_000_000_000;

export async function insertApiToken(db: Db, token: { companyId: number; adminId: number; name: string; tokenHash: string; now: number }) {
  const [, [row]] = await db.batch([
    db.insert(sessions).values({ tokenHash: token.tokenHash, adminId: token.adminId, createdAt: token.now, expiresAt: NEVER }),
    db
      .insert(apiTokens)
      .values({ companyId: token.companyId, adminId: token.adminId, name: token.name, tokenHash: token.tokenHash, createdAt: token.now })
      .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt }),
  ]);
  return row!;
}

/** The company's tokens (never the tokens themselves: only their hashes are kept). */
export function companyApiTokens(db: Db, companyId: number) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, admin: { id: admins.id, name: admins.name } })
    .from(apiTokens)
    .innerJoin(admins, eq(admins.id, apiTokens.adminId))
    .where(eq(apiTokens.companyId, companyId))
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of the company's tokens at once (its session row goes with it); false when there is none. */
export async function deleteApiToken(db: Db, companyId: number, id: number): Promise<boolean> {
  const [row] = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.companyId, companyId)))
    .returning({ tokenHash: apiTokens.tokenHash });
  if (!row) return false;
  await db.delete(sessions).where(eq(sessions.tokenHash, row.tokenHash));
  return true;
}

/** Who a Bearer token's hash signs in as, while its session row stands. */
export async function adminOfApiToken(db: Db, tokenHash: string, now: number): Promise<SignedInAdmin | null> {
  const [row] = await db
    .select({ id: admins.id, name: admins.name, email: admins.email, companyId: admins.companyId })
    .from(apiTokens)
    .innerJoin(sessions, and(eq(sessions.tokenHash, apiTokens.tokenHash), gt(sessions.expiresAt, now)))
    .innerJoin(admins, eq(admins.id, apiTokens.adminId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * Notes that the token was used now, unless that was noted less than `resolutionMs` ago: a busy integration
 * writes once a minute, not on every call. One conditional statement, so parallel calls write at most once.
 */
export async function touchApiToken(db: Db, tokenHash: string, now: number, resolutionMs: number): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.tokenHash, tokenHash), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now - resolutionMs))));
}

/** One of the company's tokens (its name, for the page that asks before revoking it). */
export async function companyApiToken(db: Db, companyId: number, id: number) {
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.companyId, companyId)));
  return row ?? null;
}
