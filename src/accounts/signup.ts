/**
 * Self-service sign-up: a company and its first admin, who confirms the address by the emailed link before the
 * first sign-in. The link carries the address signed with LINK_SECRET and an expiry, so nothing more is stored.
 */
import { emailsQueued, type Outcome } from "../conversations/events";
import { DomainError } from "../conversations/errors";
import { database, normalizeEmail } from "../db/client";
import { reserveLoginAttempt } from "../db/login-throttle";
import { confirmEmail, insertCompanyWithAdmin } from "../db/signup";
import type { Env } from "../env";
import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from "./crypto";
import { hashPassword } from "./password";

const CONFIRM_TTL_MS = 7 * 24 * 60 * 60_000;

export interface SignupInput {
  companyName: string;
  name: string;
  email: string;
  password: string;
  locale: "cs" | "en";
}

export async function signUp(env: Env, input: SignupInput & { ip: string | null }, now = Date.now()): Promise<Outcome<{ adminId: number; companyId: number }>> {
  const email = normalizeEmail(input.email);
  // Counted before anything else (the hash is slow, and each sign-up sends an email): per address and per IP.
  const wait = await reserveLoginAttempt(database(env.DB), email, input.ip, now, "signup");
  if (wait > 0) throw new DomainError("rate_limited", `Too many sign-ups. Try again in ${Math.ceil(wait / 60)} minutes.`, { retryAfter: wait });
  const token = await confirmationToken(env.LINK_SECRET, email, now + CONFIRM_TTL_MS);
  const made = await insertCompanyWithAdmin(env.DB, {
    companyName: input.companyName,
    locale: input.locale,
    name: input.name,
    email,
    passwordHash: await hashPassword(input.password),
    payload: { name: input.name, token },
    now,
  });
  if (!made) throw new DomainError("email_taken", "This address already has an account. Sign in, or ask your company's admin for an invitation.");
  return { result: { adminId: made.adminId, companyId: made.companyId }, events: emailsQueued({ companyId: made.companyId }, made.outboxIds) };
}

/** Confirms the address a link names: once; "used" when it was confirmed already, "invalid" for a forged, expired or unknown link. */
export async function confirmSignup(env: Env, token: string, now = Date.now()): Promise<"confirmed" | "used" | "invalid"> {
  const email = await readConfirmationToken(env.LINK_SECRET, token, now);
  return email === null ? "invalid" : await confirmEmail(env.DB, email, now);
}

async function confirmationToken(secret: string, email: string, expiresAt: number): Promise<string> {
  const body = `${base64url(new TextEncoder().encode(email))}.${expiresAt.toString(36)}`;
  return `${body}.${base64url(await hmacSha256(secret, `confirm:${body}`))}`;
}

async function readConfirmationToken(secret: string, token: string, now: number): Promise<string | null> {
  const match = /^([A-Za-z0-9_-]{1,700})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, address = "", expires = "", mac = ""] = match;
  if (!timingSafeEqual(mac, base64url(await hmacSha256(secret, `confirm:${address}.${expires}`)))) return null;
  if (parseInt(expires, 36) < now) return null;
  try {
    return new TextDecoder().decode(fromBase64url(address));
  } catch {
    return null;
  }
}
