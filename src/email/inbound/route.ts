/**
 * Which conversation, and which of its recipients, an inbound email answers. First the signed
 * routing address (envelope, Delivered-To, To, Cc); failing that, a client that dropped our
 * Reply-To but kept threading headers: In-Reply-To/References naming an email we sent, accepted
 * only from the address that email went to (a Message-ID alone is no secret worth trusting).
 */
import { and, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loadConversationContext, type ConversationContext } from "../../db/conversation-context";
import { outbox } from "../../db/schema";
import type { Env } from "../../env";
import { findRoutingTarget, type RoutingRecipient } from "../routing-address";
import { recipientAddresses, referencedIds, type ParsedEmail } from "./parse";

export interface Route {
  context: ConversationContext;
  recipient: RoutingRecipient;
  via: "token" | "in_reply_to";
}

export async function routeEmail(env: Env, db: Db, envelopeTo: string, email: ParsedEmail, sender: string | null): Promise<Route | null> {
  const byToken = await findRoutingTarget(env.REPLY_SECRET, env.REPLY_DOMAIN, recipientAddresses(envelopeTo, email));
  const target = byToken ?? (sender ? await targetByThread(db, referencedIds(email), sender) : null);
  if (!target) return null;
  const context = await loadConversationContext(db, target.applicationId);
  return context ? { context, recipient: target.recipient, via: byToken ? "token" : "in_reply_to" } : null;
}

async function targetByThread(db: Db, ids: string[], sender: string) {
  if (ids.length === 0) return null;
  // send() may report the id with or without angle brackets; look for both spellings.
  const spellings = ids.flatMap((id) => [id, id.slice(1, -1)]);
  const rows = await db
    .select({ applicationId: outbox.applicationId, recipientKind: outbox.recipientKind, toAddress: outbox.toAddress, sentMessageId: outbox.sentMessageId })
    .from(outbox)
    .where(and(inArray(outbox.sentMessageId, spellings), isNotNull(outbox.applicationId)))
    .limit(50);
  // In-Reply-To first: the email answered directly decides, older references only if it is not ours.
  for (const id of ids) {
    const row = rows.find((r) => (r.sentMessageId === id || r.sentMessageId === id.slice(1, -1)) && r.toAddress.toLowerCase() === sender);
    const recipient = row ? recipientOf(row.recipientKind) : null;
    if (row?.applicationId && recipient) return { applicationId: row.applicationId, recipient };
  }
  return null;
}

/** outbox.recipient_kind → the routing recipient it stands for ("person" rows are not conversations). */
export function recipientOf(kind: string): RoutingRecipient | null {
  if (kind === "candidate") return { kind: "candidate" };
  const match = /^address:(\d{1,15})$/.exec(kind);
  return match ? { kind: "address", addressId: Number(match[1]) } : null;
}
