import type { Env } from "../env";
import { markNotificationsReadFor, markReadForAdmin, markReadForCandidate } from "../db/read-marks";
import type { SignedInAdmin } from "../accounts/sessions";
import type { DomainEvent, Outcome } from "./events";

/**
 * An admin has seen the conversation: its notifications are read, its badge clears, others see the "seen" mark.
 * False when the application is not of the admin's company (or does not exist).
 */
export async function markReadByAdmin(env: Env, admin: SignedInAdmin, applicationId: number, now = Date.now()): Promise<Outcome<boolean>> {
  const state = await markReadForAdmin(env.DB, admin.id, applicationId, now);
  if (!state) return { result: false, events: [] };
  const event: DomainEvent = {
    type: "conversation.read",
    application: { id: applicationId, companyId: state.companyId },
    reader: { kind: "admin", adminId: admin.id, name: admin.name, unread: state.unread },
    lastReadMessageId: state.lastReadMessageId,
  };
  return { result: true, events: [event] };
}

/** The candidate has seen their conversation. */
export async function markReadByCandidate(env: Env, applicationId: number, candidateName: string, now = Date.now()): Promise<Outcome<void>> {
  const marker = await markReadForCandidate(env.DB, applicationId, now);
  if (!marker) return { result: undefined, events: [] };
  const event: DomainEvent = {
    type: "conversation.read",
    application: { id: applicationId, companyId: marker.companyId },
    reader: { kind: "candidate", name: candidateName },
    lastReadMessageId: marker.lastReadMessageId,
  };
  return { result: undefined, events: [event] };
}

/**
 * Mark one notification (or, without an id, all of them) read for this admin; the unread count left, or null
 * when the given notification is not this admin's.
 */
export async function markNotificationsRead(env: Env, admin: SignedInAdmin, notificationId?: number, now = Date.now()): Promise<Outcome<number | null>> {
  const unread = await markNotificationsReadFor(env.DB, admin.id, notificationId, now);
  if (unread === null) return { result: null, events: [] };
  return { result: unread, events: [{ type: "notifications.read", companyId: admin.companyId, adminId: admin.id, unread }] };
}
