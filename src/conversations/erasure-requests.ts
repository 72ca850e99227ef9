/**
 * A candidate's request to erase their data (CONTRACT.md "Personal data"): asked from their page, which notifies
 * the company at once and emails the candidate's address a link to confirm it is theirs (a conversation link can be
 * forwarded; the mailbox is the person). An admin then erases, or declines with a reason the candidate is sent.
 */
import { base64url, hmacSha256, timingSafeEqual } from "../accounts/crypto";
import type { SignedInAdmin } from "../accounts/sessions";
import { database } from "../db/client";
import { confirmErasureRequest, declineErasureRequest, openErasureRequest } from "../db/erasure-requests";
import type { Env } from "../env";
import { system } from "../i18n/system";
import type { CandidateAccess } from "./candidate-access";
import { DomainError } from "./errors";
import { emailsQueued, type DomainEvent, type Outcome } from "./events";
import { cleanText } from "./text";

export const MAX_DECLINE_REASON = 2000;

/** Opens the request (once per open one): the company's admins are notified and the candidate gets the confirmation email. */
export async function requestErasure(env: Env, access: CandidateAccess, now = Date.now()): Promise<Outcome<void>> {
  const opened = await openErasureRequest(env.DB, {
    companyId: access.application.companyId,
    applicationId: access.applicationId,
    candidateName: access.candidate.name,
    preview: system(access.company.locale).erasureRequested,
    now,
  });
  if (!opened) return { result: undefined, events: [] };
  const events: DomainEvent[] = [
    ...(opened.notifications.length > 0 ? [{ type: "admins.notified" as const, companyId: access.application.companyId, notifications: opened.notifications }] : []),
    ...emailsQueued({ applicationId: access.applicationId }, opened.outboxIds),
  ];
  return { result: undefined, events };
}

/** The confirmation link's token: "<requestId>.<mac>", so only the emailed link confirms that request. */
export async function erasureConfirmationToken(secret: string, requestId: number): Promise<string> {
  return `${requestId}.${await mac(secret, requestId)}`;
}

/** What the link's click did; "invalid" for a token that is not one of ours. */
export async function confirmErasure(env: Env, token: string, now = Date.now()): Promise<"confirmed" | "already" | "closed" | "invalid"> {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match || !timingSafeEqual(await mac(env.LINK_SECRET, Number(match[1])), match[2]!)) return "invalid";
  return confirmErasureRequest(database(env.DB), Number(match[1]), now);
}

/** Declines the open request of this application with `reason`, which is emailed to the candidate. */
export async function declineErasure(env: Env, admin: SignedInAdmin, applicationId: number, reason: string, now = Date.now()): Promise<Outcome<void>> {
  const text = cleanText(reason).trim();
  // The adapters check the length (MAX_DECLINE_REASON); blank after cleaning is still nothing to send.
  if (text === "") throw new DomainError("empty_message", "Say why the request is declined: the candidate is sent the reason.");
  const outboxIds = await declineErasureRequest(env.DB, { companyId: admin.companyId, applicationId, reason: text, now });
  if (!outboxIds) throw new DomainError("not_found", "There is no open erasure request for this conversation.");
  return { result: undefined, events: emailsQueued({ applicationId }, outboxIds) };
}

async function mac(secret: string, requestId: number): Promise<string> {
  return base64url((await hmacSha256(secret, `erasure-confirm:${requestId}`)).slice(0, 16));
}
