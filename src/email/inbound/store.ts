/**
 * The last stage: the one way in (which stores the files). postMessage checks the rules again and may
 * still say no (a rejection that raced this email, an over-long body); its refusals map onto
 * named outcomes like every other stage's.
 */
import { DomainError } from "../../conversations/errors";
import type { DomainEvent } from "../../conversations/events";
import { postMessage, type Author } from "../../conversations/post-message";
import type { ConversationContext } from "../../db/conversation-context";
import { storedOutcomeStatement } from "../../db/inbound-log";
import type { Env } from "../../env";
import type { AttachmentSelection } from "./attachments";
import type { EmailText } from "./body";
import { verdict, type Outcome, type Verdict } from "./outcomes";

const REFUSALS: Record<DomainError["code"], Outcome> = {
  message_too_long: "too_long",
  empty_message: "nothing_found",
  application_rejected: "rejected_application",
  not_found: "unknown_recipient",
  already_applied: "error",
  unauthenticated: "error",
  unknown_placeholder: "error",
  offer_closed: "error",
  too_large: "error",
  unsupported_file: "error",
  already_sent: "error",
  already_rejected: "error",
  unknown_admin: "error",
  email_taken: "error",
  rate_limited: "error",
};

export async function storeMessage(
  env: Env,
  context: ConversationContext,
  writer: { author: Author; visibility: "all" | "internal"; alsoSentTo: string[] },
  text: EmailText,
  files: AttachmentSelection,
  /** The email's claimed log row: its outcome is written with the message. */
  logId: number,
  now: number,
): Promise<Verdict & { events?: DomainEvent[] }> {
  const { id: applicationId, companyId } = context.application;
  const detail = `${files.kept.length} attachment(s)`;
  try {
    const posted = await postMessage(
      env,
      {
        applicationId,
        ...writer,
        channel: "email",
        body: text.body,
        originalBody: text.original,
        files: files.kept,
        skippedFiles: files.skipped,
        recordedBy: (message) => [storedOutcomeStatement(logId, { reason: detail, applicationId, companyId }, message)],
      },
      now,
    );
    return { outcome: "stored", storedMessageId: posted.result.id, detail, logged: true, events: posted.events };
  } catch (error) {
    if (error instanceof DomainError) return verdict(REFUSALS[error.code], `postMessage: ${error.code}`);
    throw error;
  }
}
