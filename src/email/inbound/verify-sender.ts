/**
 * Who wrote an inbound email, if they may write here at all. Pure.
 *
 * The identity checked is the From header's address, not the envelope sender: forwarders rewrite
 * the envelope (SRS: "SRS0=…=example.com=jan@forwarder.example"), mailing services use bounce
 * addresses (VERP), and DMARC — which Email Routing evaluates — protects the From header, not the
 * envelope. The envelope is kept in the inbound log for diagnosis. The HMAC in the routing address is
 * what makes a forged From useless: only the person we mailed knows the address to write to.
 */
import type { Author } from "../../conversations/post-message";
import type { ConversationContext } from "../../db/conversation-context";
import type { RoutingRecipient } from "../routing-address";

/**
 * A candidate token admits only the candidate. A company token (one notification address) admits any
 * of the offer's notification addresses or any admin of the company; an admin writes as themselves. A
 * mentioned admin's token admits only that admin.
 */
export function authorOf(context: ConversationContext, recipient: RoutingRecipient, sender: string | null): Author | null {
  if (!sender) return null;
  if (recipient.kind === "candidate") return sender === context.candidate.email.toLowerCase() ? { kind: "candidate" } : null;
  const admin = context.admins.find((a) => a.email.toLowerCase() === sender);
  if (recipient.kind === "admin") return admin?.id === recipient.adminId ? { kind: "admin", adminId: admin.id } : null;
  if (admin) return { kind: "admin", adminId: admin.id };
  if (context.notificationAddresses.some((a) => a.email.toLowerCase() === sender)) return { kind: "company", email: sender };
  return null;
}
