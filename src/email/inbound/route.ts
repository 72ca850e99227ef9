/**
 * Which conversation, and which of its recipients, an inbound email answers. First the signed
 * routing address (envelope, Delivered-To, To, Cc), which needs no D1; failing that, a client that dropped
 * our Reply-To but kept threading headers: In-Reply-To/References naming an email we sent, accepted
 * only from the address that email went to (a Message-ID alone is no secret worth trusting).
 */
import type { Db } from "../../db/client";
import { sentWithMessageIds } from "../../db/outbox";
import type { Env } from "../../env";
import { recipientOf } from "../outbox-email";
import { findRoutingTarget, type RoutingTarget } from "../routing-address";
import { recipientAddresses, referencedIds, type ParsedEmail } from "./parse";

export type Route = RoutingTarget & { via: "token" | "in_reply_to" };

export async function routeByToken(env: Env, envelopeTo: string, email: ParsedEmail): Promise<Route | null> {
  const target = await findRoutingTarget(env.REPLY_SECRET, env.REPLY_DOMAIN, recipientAddresses(envelopeTo, email));
  return target ? { ...target, via: "token" } : null;
}

/** The thread fallback: the query (for the claim's batch) and how to read its rows. */
export function threadLookup(db: Db, email: ParsedEmail) {
  const ids = referencedIds(email);
  return {
    query: sentWithMessageIds(db, ids),
    pick(rows: Awaited<ReturnType<typeof sentWithMessageIds>>, sender: string | null): Route | null {
      if (!sender) return null;
      // In-Reply-To first: the email answered directly decides, older references only if it is not ours.
      for (const id of ids) {
        const row = rows.find((r) => (r.sentMessageId === id || r.sentMessageId === id.slice(1, -1)) && r.toAddress.toLowerCase() === sender);
        const recipient = row ? recipientOf(row.recipientKind) : null;
        if (row?.applicationId && recipient) return { applicationId: row.applicationId, recipient, via: "in_reply_to" };
      }
      return null;
    },
  };
}
