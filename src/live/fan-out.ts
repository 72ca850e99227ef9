import type { DomainEvent } from "../conversations/events";
import type { DeliveryState } from "../conversations/types";
import { candidateView } from "../db/message-views";
import type { Env } from "../env";
import type { CompanyEvent, ConversationEvent } from "./events";

/** What one conversation room sends: admins get the full frame, candidates a copy without admin-only fields. */
export interface RoomFrame {
  admin: ConversationEvent;
  candidate?: ConversationEvent;
}

/** A company-hub frame for one admin, or for every admin when adminId is absent. */
export interface HubFrame {
  adminId?: number;
  event: CompanyEvent;
}

export function conversationRoom(env: Env, applicationId: number) {
  return env.CONVERSATION_ROOM.get(env.CONVERSATION_ROOM.idFromName(`application:${applicationId}`));
}

export function companyHub(env: Env, companyId: number) {
  return env.COMPANY_HUB.get(env.COMPANY_HUB.idFromName(`company:${companyId}`));
}

/** The frames a domain event shows on open screens: its conversation's sockets and its company's admins. */
export async function fanOut(env: Env, event: DomainEvent): Promise<void> {
  const room = (applicationId: number, frame: RoomFrame) => conversationRoom(env, applicationId).publish(frame);
  const hub = (companyId: number, frames: HubFrame[]) => companyHub(env, companyId).publish(frames);
  switch (event.type) {
    case "message.posted": {
      const { application, message } = event;
      await Promise.all([
        room(application.id, {
          admin: { type: "message.created", message },
          ...(message.visibility === "all" ? { candidate: { type: "message.created", message: candidateView(message) } } : {}),
        }),
        hub(application.companyId, [
          ...event.notifications.map((n) => ({
            adminId: n.adminId,
            event: {
              type: "notification.created" as const,
              notification: { id: n.id, kind: n.kind, applicationId: application.id, messageId: message.id, readAt: null },
              unread: n.unread,
              applicationUnread: n.applicationUnread,
            },
          })),
          { event: { type: "application.updated", application: { id: application.id, status: application.status, lastActivityAt: message.createdAt } } },
        ]),
      ]);
      return;
    }
    case "application.status_changed": {
      // The company hub learns it from the system line's message.posted.
      const frame: ConversationEvent = { type: "application.updated", application: { id: event.application.id, status: event.application.status } };
      await room(event.application.id, { admin: frame, candidate: frame });
      return;
    }
    case "application.assigned": {
      const frame = { type: "application.assigned" as const, applicationId: event.application.id, assignee: event.assignee };
      await Promise.all([room(event.application.id, { admin: frame }), hub(event.application.companyId, [{ event: frame }])]);
      return;
    }
    case "email.bounced":
      await room(event.applicationId, { admin: { type: "delivery.updated", messageId: event.messageId, delivery: { state: "bounced", reason: event.reason } } });
      return;
    case "conversation.read": {
      const { application, reader, lastReadMessageId } = event;
      if (reader.kind === "candidate") {
        const frame: ConversationEvent = { type: "read", reader: { kind: "candidate", name: reader.name }, lastReadMessageId };
        await room(application.id, { admin: frame, candidate: frame });
        return;
      }
      await Promise.all([
        room(application.id, {
          admin: { type: "read", reader: { kind: "admin", name: reader.name, adminId: reader.adminId }, lastReadMessageId },
          candidate: { type: "read", reader: { kind: "admin", name: reader.name }, lastReadMessageId },
        }),
        hub(application.companyId, [{ adminId: reader.adminId, event: { type: "notifications.read", unread: reader.unread, applicationId: application.id } }]),
      ]);
      return;
    }
    case "admins.notified":
      await hub(
        event.companyId,
        event.notifications.map(({ unread, adminId, ...notification }) => ({
          adminId,
          event: { type: "notification.created", notification: { ...notification, readAt: null }, unread },
        })),
      );
      return;
    case "notifications.read":
      await hub(event.companyId, [{ adminId: event.adminId, event: { type: "notifications.read", unread: event.unread } }]);
      return;
    case "emails.queued":
      return; // delivery's business, not the screens'
  }
}

/** New delivery states of a conversation's messages, for its admins (candidates never see delivery). */
export async function publishDeliveryStates(env: Env, applicationId: number, states: { messageId: number; state: DeliveryState }[]): Promise<void> {
  const room = conversationRoom(env, applicationId);
  for (const { messageId, state } of states) await room.publish({ admin: { type: "delivery.updated", messageId, delivery: { state } } });
}
