import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { admins, sessions } from "../db/schema";
import { randomToken, sha256 } from "./crypto";

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface SignedInAdmin {
  id: number;
  name: string;
  email: string;
  companyId: number;
}

/** Creates a session and returns the raw token for the cookie; only its hash is stored. */
export async function startSession(db: Db, adminId: number, now = Date.now()): Promise<string> {
  const token = randomToken();
  await db.batch([
    db.delete(sessions).where(and(eq(sessions.adminId, adminId), lt(sessions.expiresAt, now))),
    db.insert(sessions).values({ tokenHash: await sha256(token), adminId, createdAt: now, expiresAt: now + SESSION_TTL_MS }),
  ]);
  return token;
}

export async function adminForSession(db: Db, token: string, now = Date.now()): Promise<SignedInAdmin | null> {
  const [row] = await db
    .select({ id: admins.id, name: admins.name, email: admins.email, companyId: admins.companyId })
    .from(sessions)
    .innerJoin(admins, eq(admins.id, sessions.adminId))
    .where(and(eq(sessions.tokenHash, await sha256(token)), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, await sha256(token)));
}
