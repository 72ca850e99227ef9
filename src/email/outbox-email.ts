/**
 * Renders an outbox row into the email it stands for, at delivery time, from the stored message and its
 * recipient: the company side's messages go to the candidate; the candidate's (and a new candidate) to each of
 * the offer's notification addresses; automatic answers, invitations and webhook notices from what their row names.
 */
import { candidateToken } from "../conversations/candidate-link";
import { erasureConfirmationToken } from "../conversations/erasure-requests";
import type { SkippedFile } from "../conversations/types";
import type { Db } from "../db/client";
import { loadCompany, loadEmailMatter, type EmailMatter } from "../db/conversation-context";
import { previousSentQuery, type InvitationPayload, type WebhookDisabledPayload } from "../db/outbox";
import type { outbox } from "../db/schema";
import type { Env } from "../env";
import { formatMailbox } from "./compose";
import { routingAddress, type RoutingRecipient } from "./routing-address";
import { renderEmail, type EmailContent } from "./templates";

type OutboxRow = typeof outbox.$inferSelect;

export interface RenderedRow {
  fromAddress: string;
  replyTo: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: Record<string, string>;
}

// Mail to the company is machine-made; these keep vacation responders from answering it.
const TO_COMPANY_HEADERS = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply" };
const AUTOMATIC_ANSWER_HEADERS = { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" };

export interface RowToSend {
  /** Null when what the row was about is gone (its application or message): it cannot be sent. */
  email: RenderedRow | null;
  /** The previous email sent to the same address about the same application: this one threads under it. */
  previous: { sentMessageId: string | null; references: string | null } | null;
}

/** What the row's email says, read and rendered now (one D1 round trip with the threading lookup). */
export async function renderOutboxRow(env: Env, db: Db, row: OutboxRow): Promise<RowToSend> {
  if (row.kind === "invitation") {
    const company = await loadCompany(db, row.companyId);
    if (!company) return { email: null, previous: null };
    const payload = JSON.parse(row.payload) as InvitationPayload;
    const content: EmailContent = { kind: "invitation", companyName: company.name, ...payload };
    return { email: rendered(env, company, content, formatMailbox(`${company.name} via Candidate Chat`, env.MAIL_FROM), null, {}), previous: null };
  }
  if (row.kind === "signup_confirmation") {
    const company = await loadCompany(db, row.companyId);
    if (!company) return { email: null, previous: null };
    const payload = JSON.parse(row.payload) as { name: string; token: string };
    const content: EmailContent = { kind: "signup_confirmation", companyName: company.name, ...payload };
    return { email: rendered(env, company, content, formatMailbox("Candidate Chat", env.MAIL_FROM), null, {}), previous: null };
  }
  if (row.kind === "webhook_disabled") {
    const company = await loadCompany(db, row.companyId);
    if (!company) return { email: null, previous: null };
    const { url, failures } = JSON.parse(row.payload) as WebhookDisabledPayload;
    return { email: rendered(env, company, { kind: "webhook_disabled", url, failures }, formatMailbox("Candidate Chat", env.MAIL_FROM), null, TO_COMPANY_HEADERS), previous: null };
  }
  if (row.applicationId === null) return { email: null, previous: null };
  const { matter, also } = await loadEmailMatter(db, row.applicationId, row.messageId, previousSentQuery(db, row));
  const previous = also[0] ?? null;
  const recipient = recipientOf(row.recipientKind);
  if (!matter || !recipient) return { email: null, previous };
  const { head } = matter;
  const replyTo = await routingAddress(env.REPLY_SECRET, env.REPLY_DOMAIN, { applicationId: head.application.id, recipient });
  const content = await contentOf(env, row, matter, previous === null);
  if (!content) return { email: null, previous };
  const { from, headers } = senderOf(row, matter);
  return { email: rendered(env, head.company, content, formatMailbox(from, env.MAIL_FROM), replyTo, headers), previous };
}

/** `first`: no email about this application went to this address before. */
async function contentOf(env: Env, row: OutboxRow, { head, message, history, files }: EmailMatter, first: boolean): Promise<EmailContent | null> {
  const thread = { offerTitle: head.offer.title, companyName: head.company.name, candidateName: head.candidate.name };
  const applicationId = head.application.id;
  const token = () => candidateToken(env.LINK_SECRET, applicationId, head.application.linkVersion);
  const app = env.APP_URL.replace(/\/+$/, "");
  // Each side downloads through its own door: the candidate's link, or an admin's session.
  const links = (base: string) => files.map((f) => ({ filename: f.filename, size: f.size, url: `${base}/attachments/${f.id}` }));
  switch (row.kind) {
    case "candidate_message": {
      if (!message) return null;
      const candidateToken = await token();
      return {
        kind: row.kind,
        thread,
        token: candidateToken,
        authorName: message.authorName,
        body: message.body,
        history,
        files: links(`${app}/c/${encodeURIComponent(candidateToken)}`),
        // Who applied read the notice on the form; someone added by hand learns it from the first email.
        ...(first && head.application.source === "manual" ? { privacyNotice: { contactEmail: head.company.contactEmail, retentionDays: head.company.retentionDays } } : {}),
      };
    }
    case "new_candidate":
      return {
        kind: row.kind,
        thread,
        applicationId,
        candidateEmail: head.candidate.email,
        ...(message?.authorKind === "candidate" ? { coverLetter: message.body } : {}),
        files: links(`${app}/admin`),
      };
    case "new_message":
      if (!message) return null;
      return {
        kind: row.kind,
        thread,
        applicationId,
        authorName: message.authorName,
        body: message.body,
        skippedFiles: JSON.parse(message.skippedFiles) as SkippedFile[],
        files: links(`${app}/admin`),
      };
    case "mention":
      if (!message) return null;
      return { kind: row.kind, thread, applicationId, authorName: message.authorName, body: message.body };
    case "rejected_notice":
      return { kind: row.kind, thread, token: await token(), contactEmail: head.company.contactEmail };
    case "application_received":
      return { kind: row.kind, thread, token: await token(), ...(message?.authorKind === "candidate" ? { coverLetter: message.body } : {}) };
    case "nothing_found":
      return { kind: row.kind, thread, to: row.recipientKind === "candidate" ? { kind: "candidate", token: await token() } : { kind: "company", applicationId } };
    case "new_link":
      return { kind: row.kind, thread, token: await token() };
    case "erasure_confirmation": {
      const { requestId } = JSON.parse(row.payload) as { requestId: number };
      return { kind: row.kind, thread, confirmToken: await erasureConfirmationToken(env.LINK_SECRET, requestId) };
    }
    case "erasure_declined":
      return { kind: row.kind, thread, token: await token(), reason: (JSON.parse(row.payload) as { reason: string }).reason };
    case "invitation":
    case "signup_confirmation":
    case "webhook_disabled":
      return null;
  }
}

/** Who the email says it is from, and the headers that keep auto-responders quiet. */
function senderOf(row: OutboxRow, { head, message }: EmailMatter): { from: string; headers: Record<string, string> } {
  if (row.kind === "rejected_notice" || row.kind === "nothing_found") return { from: head.company.name, headers: AUTOMATIC_ANSWER_HEADERS };
  // Machine-made, though a human answer to it is welcome (its Reply-To routes into the conversation).
  if (row.kind === "application_received" || row.kind === "new_link" || row.kind === "erasure_confirmation" || row.kind === "erasure_declined") {
    return { from: head.company.name, headers: { "Auto-Submitted": "auto-generated" } };
  }
  if (row.recipientKind === "candidate") return { from: `${message?.authorName ?? head.company.name} (${head.company.name})`, headers: {} };
  if (row.kind === "mention") return { from: `${message?.authorName ?? head.company.name} via Candidate Chat`, headers: TO_COMPANY_HEADERS };
  return { from: `${head.candidate.name} via Candidate Chat`, headers: TO_COMPANY_HEADERS };
}

function rendered(
  env: Env,
  company: { locale: "cs" | "en"; timeZone: string },
  content: EmailContent,
  fromAddress: string,
  replyTo: string | null,
  headers: Record<string, string>,
): RenderedRow {
  const email = renderEmail(company.locale, env.APP_URL, content, company.timeZone);
  return { fromAddress, replyTo, subject: email.subject, textBody: email.text, htmlBody: email.html, headers };
}

/** The routing recipient → outbox.recipient_kind. */
export function recipientKindOf(recipient: RoutingRecipient): string {
  if (recipient.kind === "candidate") return "candidate";
  return recipient.kind === "admin" ? `admin:${recipient.adminId}` : `address:${recipient.addressId}`;
}

/** outbox.recipient_kind → the routing recipient it stands for ("person" rows are not conversations). */
export function recipientOf(kind: string): RoutingRecipient | null {
  if (kind === "candidate") return { kind: "candidate" };
  const match = /^(address|admin):(\d{1,15})$/.exec(kind);
  if (!match) return null;
  return match[1] === "admin" ? { kind: "admin", adminId: Number(match[2]) } : { kind: "address", addressId: Number(match[2]) };
}
