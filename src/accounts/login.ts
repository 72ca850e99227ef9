import { normalizeEmail, type Db } from "../db/client";
import { accountByEmail } from "../db/sessions";
import { releaseLoginAttempt, reserveLoginAttempt } from "../db/login-throttle";
import { hashPassword, verifyPassword } from "./password";
import { startSession, type SignedInAdmin } from "./sessions";

export type LoginResult =
  | { ok: true; admin: SignedInAdmin; token: string }
  | { ok: false; reason: "invalid_credentials" }
  /** The password was right, but the address was never confirmed (said only then, so it tells a guesser nothing). */
  | { ok: false; reason: "email_unconfirmed" }
  | { ok: false; reason: "rate_limited"; retryAfter: number };

// Verifying against a throwaway hash for unknown accounts keeps the timing the same as for known ones.
let decoyHash: Promise<string> | undefined;

export async function logIn(db: Db, secret: string, input: { email: string; password: string; ip: string | null }): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const retryAfter = await reserveLoginAttempt(db, email, input.ip);
  if (retryAfter > 0) return { ok: false, reason: "rate_limited", retryAfter };

  const admin = await accountByEmail(db, email);
  decoyHash ??= hashPassword("decoy");
  const valid = await verifyPassword(input.password, admin?.passwordHash ?? (await decoyHash));
  if (!admin || !valid) return { ok: false, reason: "invalid_credentials" };
  await releaseLoginAttempt(db, email, input.ip);
  if (admin.emailConfirmedAt === null) return { ok: false, reason: "email_unconfirmed" };
  const signedIn = { id: admin.id, name: admin.name, email: admin.email, companyId: admin.companyId };
  return { ok: true, token: await startSession(db, secret, signedIn), admin: signedIn };
}
