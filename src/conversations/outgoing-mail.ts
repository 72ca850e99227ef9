import type { Env } from "../env";
import { formatMailbox } from "../email/compose";
import { routingAddress, type RoutingRecipient } from "../email/routing-address";
import { renderEmail, type EmailContent } from "../email/templates";
import { candidateToken } from "./candidate-link";
import type { ConversationContext } from "../db/conversation-context";
import type { AuthorDescription, PostMessageInput } from "./post-message";
import type { SkippedFile } from "./types";

/** An outbox row as inserted in the message's batch (message_id filled in there). */
export interface OutboxRow {
  companyId: number;
  applicationId: number;
  kind: EmailContent["kind"];
  recipientKind: string;
  toAddress: string;
  fromAddress: string;
  replyTo: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  headers: string;
  nextAttemptAt: number;
  createdAt: number;
}

// Mail to the company is machine-made; these keep vacation responders from answering it.
const COMPANY_HEADERS = JSON.stringify({ "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply" });

/**
 * Which emails a new message causes: the company side's messages go to the candidate, the candidate's to each of
 * the offer's notification addresses; system lines email nobody unless they announce a new candidate.
 */
export async function outgoingMailFor(
  env: Env,
  context: ConversationContext,
  input: PostMessageInput & { body: string; skippedFiles: SkippedFile[] },
  author: AuthorDescription,
  now: number,
): Promise<OutboxRow[]> {
  const thread = { offerTitle: context.offer.title, companyName: context.company.name, candidateName: context.candidate.name };
  const applicationId = context.application.id;
  const kind = input.author.kind;

  if (kind === "admin" || kind === "company") {
    const token = await candidateToken(env.LINK_SECRET, applicationId, context.application.linkVersion);
    const content: EmailContent = { kind: "candidate_message", thread, token, authorName: author.name, body: input.body, history: context.recentMessages };
    return [await row(env, context, content, { kind: "candidate" }, context.candidate.email, `${author.name} (${context.company.name})`, "{}", now)];
  }

  const companyMail = input.companyMail ?? (kind === "candidate" ? "new_message" : null);
  if (!companyMail) return [];
  const content: EmailContent =
    companyMail === "new_candidate"
      ? { kind: "new_candidate", thread, applicationId, candidateEmail: context.candidate.email, ...(kind === "candidate" ? { coverLetter: input.body } : {}) }
      : { kind: "new_message", thread, applicationId, authorName: author.name, body: input.body, skippedFiles: input.skippedFiles };
  return Promise.all(
    context.notificationAddresses.map((address) =>
      row(env, context, content, { kind: "address", addressId: address.id }, address.email, `${context.candidate.name} via Candidate Chat`, COMPANY_HEADERS, now),
    ),
  );
}

/** An automatic answer to a verified sender (rejected notice, nothing found); not tied to a stored message. */
export async function automaticAnswer(
  env: Env,
  context: ConversationContext,
  content: EmailContent,
  recipient: RoutingRecipient,
  toAddress: string,
  now = Date.now(),
): Promise<OutboxRow> {
  const headers = JSON.stringify({ "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" });
  return row(env, context, content, recipient, toAddress, context.company.name, headers, now);
}

async function row(
  env: Env,
  context: ConversationContext,
  content: EmailContent,
  recipient: RoutingRecipient,
  toAddress: string,
  fromName: string,
  headers: string,
  now: number,
): Promise<OutboxRow> {
  const rendered = renderEmail(context.company.locale, env.APP_URL, content);
  return {
    companyId: context.company.id,
    applicationId: context.application.id,
    kind: content.kind,
    recipientKind: recipient.kind === "candidate" ? "candidate" : `address:${recipient.addressId}`,
    toAddress,
    fromAddress: formatMailbox(fromName, env.MAIL_FROM),
    replyTo: await routingAddress(env.REPLY_SECRET, env.REPLY_DOMAIN, { applicationId: context.application.id, recipient }),
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    headers,
    nextAttemptAt: now,
    createdAt: now,
  };
}
