/**
 * Automatic answers to a verified sender: the rejected-application notice and "nothing found".
 * At most one of a kind per application (and, for "nothing found", per address) a day, so two
 * auto-responders or a stubborn sender can never start a mail loop or a flood; the check and the
 * queuing are one statement.
 */
import { emailsQueued, type DomainEvent } from "../../conversations/events";
import { queueAutomaticAnswer } from "../../db/outbox";
import type { ConversationContext } from "../../db/conversation-context";
import type { Env } from "../../env";
import { recipientKindOf } from "../outbox-email";
import type { RoutingRecipient } from "../routing-address";

export interface AnswerRequest {
  kind: "rejected_notice" | "nothing_found";
  context: ConversationContext;
  /** The routing recipient the sender wrote to; the answer's Reply-To routes back there. */
  recipient: RoutingRecipient;
  toAddress: string;
  /** The sender's Message-ID, so the answer threads under their email. */
  inReplyTo: string | null;
}

/** Queues the answer; no events (and false) when one was already sent in the last 24 hours. */
export async function answerOnceADay(env: Env, request: AnswerRequest, now = Date.now()): Promise<{ queued: boolean; events: DomainEvent[] }> {
  const { context, kind, toAddress, recipient } = request;
  const applicationId = context.application.id;
  const recipientKind = recipientKindOf(recipient);
  const ids = await queueAutomaticAnswer(env.DB, { companyId: context.company.id, applicationId, kind, recipientKind, toAddress, inReplyTo: request.inReplyTo }, now);
  return { queued: ids.length > 0, events: emailsQueued({ applicationId }, ids) };
}
