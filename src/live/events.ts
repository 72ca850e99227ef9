import type { DeliveryState, MessageView } from "../conversations/types";

/** Frames sent on a conversation socket (ConversationRoom). Candidates never get admin-only fields. */
export type ConversationEvent =
  | { type: "message.created"; message: MessageView }
  | { type: "delivery.updated"; messageId: number; delivery: { state: DeliveryState; reason?: string } } // admins only
  | { type: "application.updated"; application: { id: number; status: "active" | "rejected" } }
  | { type: "application.assigned"; applicationId: number; assignee: { id: number; name: string } | null } // admins only
  | { type: "typing"; who: { kind: "candidate" | "admin"; name: string; adminId?: number } }
  | { type: "read"; reader: { kind: "candidate" | "admin"; name: string; adminId?: number }; lastReadMessageId: number };

/** Frames sent on the company-wide admin socket (CompanyHub); each goes to one admin or to all. */
export type CompanyEvent =
  /** `applicationUnread` only for a new message (other kinds leave the conversation's badge as it is). */
  | { type: "notification.created"; notification: NotificationView; unread: number; applicationUnread?: number }
  | { type: "notifications.read"; unread: number; applicationId?: number }
  | { type: "application.updated"; application: { id: number; status: "active" | "rejected"; lastActivityAt: string } }
  | { type: "application.assigned"; applicationId: number; assignee: { id: number; name: string } | null };

export interface NotificationView {
  id: number;
  kind: string;
  applicationId: number;
  messageId: number | null;
  readAt: string | null;
}
