import type { Env } from "../env";
import type { PostedMessage } from "../conversations/post-message";
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

/**
 * Fan-out runs after the commit: a failure here must not become an error the sender would retry (and so
 * duplicate the message). Open screens catch up with ?after=, and the cron sweep sends unscheduled email.
 */
async function afterCommit(what: string, work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    console.error(`live fan-out failed (${what})`, error);
  }
}

export function conversationRoom(env: Env, applicationId: number) {
  return env.CONVERSATION_ROOM.get(env.CONVERSATION_ROOM.idFromName(`application:${applicationId}`));
}

export function companyHub(env: Env, companyId: number) {
  return env.COMPANY_HUB.get(env.COMPANY_HUB.idFromName(`company:${companyId}`));
}

/** The hook after every committed message: live frames to both sides, then email delivery for its outbox rows. */
export async function publishPostedMessage(env: Env, posted: PostedMessage, outboxIds: number[]): Promise<void> {
  const { context, message } = posted;
  const { delivery: _adminOnly, ...candidateMessage } = message;
  const room = conversationRoom(env, context.application.id);
  const lastActivityAt = message.createdAt;
  await afterCommit("message", Promise.all([
    room.publish({ admin: { type: "message.created", message }, candidate: { type: "message.created", message: candidateMessage } }),
    outboxIds.length > 0 ? room.deliverSoon(context.application.id, outboxIds) : undefined,
    companyHub(env, context.company.id).publish([
      ...posted.notifications.map((n) => ({
        adminId: n.adminId,
        event: {
          type: "notification.created" as const,
          notification: { id: n.id, applicationId: context.application.id, messageId: message.id, readAt: null },
          unread: n.unread,
          applicationUnread: n.applicationUnread,
        },
      })),
      { event: { type: "application.updated", application: { id: context.application.id, status: context.application.status, lastActivityAt } } },
    ]),
  ]));
}

/** Status changes reach the conversation's sockets; the company hub learns them from the system message. */
export async function publishApplicationUpdated(env: Env, application: { id: number; status: "active" | "rejected" }): Promise<void> {
  const event = { type: "application.updated" as const, application };
  await afterCommit("status", conversationRoom(env, application.id).publish({ admin: event, candidate: event }));
}

export async function publishToRoom(env: Env, applicationId: number, frame: RoomFrame): Promise<void> {
  await afterCommit("room", conversationRoom(env, applicationId).publish(frame));
}

export async function publishToHub(env: Env, companyId: number, frames: HubFrame[]): Promise<void> {
  await afterCommit("hub", companyHub(env, companyId).publish(frames));
}
