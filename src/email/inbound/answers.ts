/**
 * Automatic answers to a verified sender: the rejected-application notice and "nothing found".
 * At most one of a kind per application (and, for "nothing found", per address) a day, so two
 * auto-responders or a stubborn sender can never start a mail loop or a flood.
 */
import { and, eq, gt } from "drizzle-orm";
import { candidateToken } from "../../conversations/candidate-link";
import { automaticAnswer } from "../../conversations/outgoing-mail";
import type { Db } from "../../db/client";
import type { ConversationContext } from "../../db/conversation-context";
import { outbox } from "../../db/schema";
import type { Env } from "../../env";
import { conversationRoom } from "../../live/fan-out";
import type { RoutingRecipient } from "../routing-address";
import type { EmailContent } from "../templates";

const DAY_MS = 24 * 60 * 60_000;

export interface AnswerRequest {
  kind: "rejected_notice" | "nothing_found";
  context: ConversationContext;
  /** The routing recipient the sender wrote to; the answer's Reply-To routes back there. */
  recipient: RoutingRecipient;
  toAddress: string;
  /** The sender's Message-ID, so the answer threads under their email. */
  inReplyTo: string | null;
}

/** Queues the answer and schedules its delivery; false when one was already sent in the last 24 hours. */
export async function answerOnceADay(env: Env, db: Db, request: AnswerRequest, now = Date.now()): Promise<boolean> {
  const { context, kind, toAddress } = request;
  const applicationId = context.application.id;
  const [recent] = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.applicationId, applicationId),
        eq(outbox.kind, kind),
        gt(outbox.createdAt, now - DAY_MS),
        // The notice is per application (only the candidate gets it); "nothing found" per address.
        kind === "nothing_found" ? eq(outbox.toAddress, toAddress) : undefined,
      ),
    )
    .limit(1);
  if (recent) return false;

  const row = await automaticAnswer(env, context, await contentOf(env, request), request.recipient, toAddress, now);
  const [queued] = await db.insert(outbox).values({ ...row, messageId: null, inReplyTo: request.inReplyTo }).returning({ id: outbox.id });
  await conversationRoom(env, applicationId).deliverSoon(applicationId, [queued!.id]);
  return true;
}

async function contentOf(env: Env, { kind, context, recipient }: AnswerRequest): Promise<EmailContent> {
  const thread = { offerTitle: context.offer.title, companyName: context.company.name, candidateName: context.candidate.name };
  const token = () => candidateToken(env.LINK_SECRET, context.application.id, context.application.linkVersion);
  if (kind === "rejected_notice") return { kind, thread, token: await token(), contactEmail: context.company.contactEmail };
  const to = recipient.kind === "candidate" ? { kind: "candidate" as const, token: await token() } : { kind: "company" as const, applicationId: context.application.id };
  return { kind, thread, to };
}
