/**
 * Self-service sign-up: a company and its first admin, who confirms the address by the emailed link before the
 * first sign-in. The link carries the address signed with LINK_SECRET and an expiry, so nothing more is stored.
 */
import { emailsQueued, type Outcome } from "../conversations/events";
import { DomainError } from "../conversations/errors";
import { normalizeEmail } from "../db/client";
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

export async function signUp(env: Env, input: SignupInput, now = Date.now()): Promise<Outcome<{ adminId: number; companyId: number }>> {
  const email = normalizeEmail(input.email);
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

/** Confirms the address a link names; false for a forged, expired or unknown one. */
export async function confirmSignup(env: Env, token: string, now = Date.now()): Promise<boolean> {
  const email = await readConfirmationToken(env.LINK_SECRET, token, now);
  return email !== null && (await confirmEmail(env.DB, email, now));
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
