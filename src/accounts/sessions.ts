/**
 * Admin sessions. The cookie carries a random token and, signed with it, who the admin is (id, company, name,
 * address) and until when: a request learns who is asking without reading D1. Only the token's hash is stored;
 * every request still asserts that row exists (in the batch of its own reads or writes, or on its own), so
 * signing out ends the session at once on every path.
 */
import { insertSession, deleteSession } from "../db/sessions";
import type { Db } from "../db/client";
import { base64url, fromBase64url, hmacSha256, randomToken, sha256, timingSafeEqual } from "./crypto";

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface SignedInAdmin {
  id: number;
  name: string;
  email: string;
  companyId: number;
}

/** What a valid cookie says; `tokenHash` names the stored session row. */
export interface SessionClaims {
  admin: SignedInAdmin;
  tokenHash: string;
  expiresAt: number;
}

interface CookiePayload {
  t: string;
  a: number;
  c: number;
  n: string;
  e: string;
  x: number;
}

/** Creates a session; returns the cookie's value. */
export async function startSession(db: Db, secret: string, admin: SignedInAdmin, now = Date.now()): Promise<string> {
  const token = randomToken();
  const expiresAt = now + SESSION_TTL_MS;
  await insertSession(db, { tokenHash: await sha256(token), adminId: admin.id, now, expiresAt });
  const payload: CookiePayload = { t: token, a: admin.id, c: admin.companyId, n: admin.name, e: admin.email, x: expiresAt };
  const body = base64url(new TextEncoder().encode(JSON.stringify(payload)));
  return `${body}.${await mac(secret, body)}`;
}

/** The cookie's claims when its signature holds and it has not expired; says nothing about the stored row. */
export async function readSession(secret: string, cookie: string, now = Date.now()): Promise<SessionClaims | null> {
  const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
  if (!match || !timingSafeEqual(await mac(secret, match[1]!), match[2]!)) return null;
  let payload: CookiePayload;
  try {
    payload = JSON.parse(new TextDecoder().decode(fromBase64url(match[1]!))) as CookiePayload;
  } catch {
    return null;
  }
  if (typeof payload.x !== "number" || payload.x <= now || typeof payload.t !== "string") return null;
  return { admin: { id: payload.a, companyId: payload.c, name: payload.n, email: payload.e }, tokenHash: await sha256(payload.t), expiresAt: payload.x };
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await deleteSession(db, tokenHash);
}

// The label keeps a session signature from ever being valid as any other signature made with the same key.
async function mac(secret: string, body: string): Promise<string> {
  return base64url(await hmacSha256(secret, `admin-session:v1:${body}`));
}
