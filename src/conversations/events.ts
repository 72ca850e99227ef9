import type { MadeNotification } from "../db/notifications";
import type { DeliveryScope } from "../db/outbox";
import type { MessageView } from "./types";

/**
 * What a committed domain write did. The domain returns these and knows nothing of who listens; the one
 * after-commit step (src/after-commit.ts) hands them to live fan-out, email delivery and, later, webhooks.
 */
export type DomainEvent =
  | {
      type: "message.posted";
      /** `webhooks`: 0 when the company has none (then nothing of this commit is queued for them). */
      application: { id: number; companyId: number; status: "active" | "rejected"; webhooks?: number };
      /** The admin view (with delivery state); candidates are sent the same without it. */
      message: MessageView;
      /** One per admin notified, with the counts their badges show now. */
      notifications: { id: number; kind: string; adminId: number; unread: number; applicationUnread: number }[];
    }
  | { type: "application.status_changed"; application: { id: number; companyId: number; status: "active" | "rejected" } }
  | {
      type: "application.created";
      application: { id: number; companyId: number; status: "active"; source: "applied" | "manual"; offer: { id: number }; candidate: { name: string; email: string } };
    }
  | { type: "application.assigned"; application: { id: number; companyId: number }; assignee: { id: number; name: string } | null }
  | {
      type: "conversation.read";
      application: { id: number; companyId: number };
      reader: { kind: "admin"; adminId: number; name: string; unread: number } | { kind: "candidate"; name: string };
      lastReadMessageId: number;
    }
  /** Notifications that are not about a new message (mention, assignment, bounce, erasure request). */
  | { type: "admins.notified"; companyId: number; notifications: MadeNotification[] }
  | { type: "notifications.read"; companyId: number; adminId: number; unread: number }
  /** A message waits for `sendAt`: the conversation's scheduler must wake then. */
  | { type: "message.scheduled"; applicationId: number; sendAt: number }
  | { type: "emails.queued"; scope: DeliveryScope; outboxIds: number[] }
  /** A delivery report said an email of this message never arrived. */
  | { type: "email.bounced"; applicationId: number; messageId: number; reason: string };

/** A domain write's answer: what it made, and what happened. */
export interface Outcome<T> {
  result: T;
  events: DomainEvent[];
}

/** The email event for rows a batch queued (none when it queued nothing). */
export function emailsQueued(scope: DeliveryScope, outboxIds: number[]): DomainEvent[] {
  return outboxIds.length > 0 ? [{ type: "emails.queued", scope, outboxIds }] : [];
}
