/**
 * API tokens for integrations: `Authorization: Bearer cct_…` signs a request in as the admin who made the token,
 * without a cookie. The token is shown once; only its hash is kept, like a session's.
 */
import type { Db } from "../db/client";
import { adminOfApiToken, insertApiToken, touchApiToken } from "../db/api-tokens";
import { randomToken, sha256 } from "./crypto";
import type { SessionClaims, SignedInAdmin } from "./sessions";

const PREFIX = "cct_";
/** How precisely a token's last use is kept: at most one write per token a minute. */
export const LAST_USE_RESOLUTION_MS = 60_000;

export async function issueApiToken(db: Db, admin: SignedInAdmin, name: string, now = Date.now()) {
  const token = `${PREFIX}${randomToken()}`;
  const row = await insertApiToken(db, { companyId: admin.companyId, adminId: admin.id, name, tokenHash: await sha256(token), now });
  return { ...row, token };
}

/** The claims a Bearer token stands for (like a cookie's), or null for a token that is unknown or revoked. */
export async function readApiToken(db: Db, token: string, now = Date.now()): Promise<SessionClaims | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const tokenHash = await sha256(token);
  const admin = await adminOfApiToken(db, tokenHash, now);
  return admin ? { admin, tokenHash, expiresAt: Number.MAX_SAFE_INTEGER } : null;
}

/** Records that the token of these claims signed a request in (see touchApiToken). */
export function recordApiTokenUse(db: Db, claims: SessionClaims, now = Date.now()): Promise<void> {
  return touchApiToken(db, claims.tokenHash, now, LAST_USE_RESOLUTION_MS);
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}
