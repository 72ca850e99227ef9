import type { Env } from "../env";
import { database, normalizeEmail } from "../db/client";
import { createApplication, renewCandidateLink, type NewApplication } from "../db/applications";
import { loadApplicationHead } from "../db/conversation-context";
import { isGuardFailure } from "../db/guard";
import { writeMessage } from "../db/message-writes";
import { existingApplication, offerWithCompany } from "../db/offers";
import { system } from "../i18n/system";
import type { SignedInAdmin } from "../accounts/sessions";
import { DomainError } from "./errors";
import { withStoredFiles, type IncomingFile } from "./files";
import { candidateLinkFor } from "./candidate-link";
import { emailsQueued, type Outcome } from "./events";
import { messageWrite, postMessage, postedOutcome, type PostMessageInput } from "./post-message";

export interface NewCandidate {
  name: string;
  email: string;
}

/**
 * Public apply: the cover letter (or a system line without one) opens the conversation and tells the company;
 * the application and that first message are one batch.
 */
export async function applyToOffer(env: Env, offerId: number, input: NewCandidate & { message?: string; files?: IncomingFile[] }): Promise<Outcome<number>> {
  const offer = await offerWithCompany(database(env.DB), offerId);
  if (!offer) throw new DomainError("not_found", "This job offer does not exist.");
  if (offer.status === "closed") throw offerClosed();
  const letter = input.message?.trim() ?? "";
  const files = input.files ?? [];
  return openConversation(env, { ...offer, source: "applied" }, input, {
    channel: "web",
    companyMail: "new_candidate",
    confirmToCandidate: true,
    ...(letter || files.length > 0
      ? { author: { kind: "candidate" }, body: letter, files }
      : { author: { kind: "system" }, body: system(offer.locale).applied(input.name.trim(), offer.title) }),
  });
}

/** Manual add by an admin; from here on the application behaves like any other. */
export async function addCandidate(env: Env, admin: SignedInAdmin, offerId: number, input: NewCandidate): Promise<Outcome<number>> {
  const offer = await offerWithCompany(database(env.DB), offerId);
  if (!offer || offer.companyId !== admin.companyId) throw new DomainError("not_found", "This job offer does not exist.");
  return openConversation(env, { ...offer, source: "manual" }, input, {
    channel: "web",
    author: { kind: "system", byAdminId: admin.id },
    visibility: "internal",
    body: system(offer.locale).added(input.name.trim(), admin.name),
  });
}

async function openConversation(
  env: Env,
  offer: { id: number; companyId: number; source: NewApplication["source"] },
  candidate: NewCandidate,
  first: Omit<PostMessageInput, "applicationId">,
): Promise<Outcome<number>> {
  const now = Date.now();
  const email = normalizeEmail(candidate.email);
  const created = createApplication({ companyId: offer.companyId, offerId: offer.id, name: candidate.name.trim(), email, source: offer.source, now });
  try {
    messageWrite(first, created.applicationId, now, created.statements, []); // refuses bad input before any upload
    const written = await withStoredFiles(env, first.files ?? [], (attachments) =>
      writeMessage(env.DB, messageWrite(first, created.applicationId, now, created.statements, attachments)),
    );
    const { events } = postedOutcome(written);
    const application = {
      id: written.application.id,
      companyId: offer.companyId,
      status: "active" as const,
      source: offer.source,
      offer: { id: offer.id },
      candidate: { name: candidate.name.trim(), email },
    };
    return { result: written.application.id, events: [{ type: "application.created", application }, ...events] };
  } catch (error) {
    if (!isGuardFailure(error)) throw error;
    // The guards that can fail here: the offer closed meanwhile, or the candidate already applied for it.
    const current = await offerWithCompany(database(env.DB), offer.id);
    if (offer.source === "applied" && current?.status === "closed") throw offerClosed();
    const applicationId = await existingApplication(database(env.DB), offer.id, offer.companyId, email);
    throw new DomainError("already_applied", "This candidate has already applied for this offer.", { applicationId });
  }
}

function offerClosed(): DomainError {
  return new DomainError("offer_closed", "This job offer is closed and takes no new applications.");
}

/**
 * Reject or reopen; a system line records who did it, written in the same batch as the change, which fails unless
 * the status really changes: of parallel requests exactly one writes the line. Open screens learn it at once.
 * A rejection may come with a message to the candidate (emailed): then that message carries the change, and the
 * team's line follows it.
 */
export async function setApplicationStatus(env: Env, admin: SignedInAdmin, applicationId: number, status: "active" | "rejected", message?: string): Promise<Outcome<void>> {
  const head = await loadApplicationHead(database(env.DB), applicationId);
  if (!head || head.application.companyId !== admin.companyId) throw new DomainError("not_found", "This conversation does not exist.");
  const words = system(head.company.locale);
  const line = { applicationId, channel: "web" as const, author: { kind: "system" as const, byAdminId: admin.id }, visibility: "internal" as const };
  const body = status === "rejected" ? words.rejected(admin.name) : words.reopened(admin.name);
  const application = { id: applicationId, companyId: admin.companyId, status };
  try {
    if (message !== undefined) {
      const sent = await postMessage(env, { applicationId, channel: "web", author: { kind: "admin", adminId: admin.id }, body: message, statusChange: status });
      const recorded = await postMessage(env, { ...line, body });
      return { result: undefined, events: [...sent.events, ...recorded.events, { type: "application.status_changed", application }] };
    }
    const posted = await postMessage(env, { ...line, body, statusChange: status });
    return { result: undefined, events: [...posted.events, { type: "application.status_changed", application }] };
  } catch (error) {
    // The status was already so (the same click twice, or a colleague a moment earlier): nothing to do.
    if (isGuardFailure(error)) return { result: undefined, events: [] };
    throw error;
  }
}

/** A new conversation link for the candidate: every older one stops working at once, and the new one is emailed to them. */
export async function renewLink(env: Env, admin: SignedInAdmin, applicationId: number, now = Date.now()): Promise<Outcome<{ url: string }>> {
  const renewed = await renewCandidateLink(env.DB, admin.companyId, applicationId, now);
  if (!renewed) throw new DomainError("not_found", "This conversation does not exist.");
  const { url } = await candidateLinkFor(env, { id: applicationId, linkVersion: renewed.linkVersion });
  return { result: { url }, events: emailsQueued({ applicationId }, renewed.outboxIds) };
}
