import { sql, type SQL } from "drizzle-orm";
import type { Env } from "../env";
import { rawBatch } from "../db/raw-batch";
import { admins, applications, notifications, readMarkers } from "../db/schema";
import { publishToHub, publishToRoom } from "../live/fan-out";
import type { SignedInAdmin } from "../accounts/sessions";

/**
 * An admin has seen the conversation: its notifications are read, its badge clears, others see the "seen" mark.
 * False when the application is not of the admin's company (or does not exist).
 */
export async function markReadByAdmin(env: Env, admin: SignedInAdmin, applicationId: number, now = Date.now()): Promise<boolean> {
  const reader = `admin:${admin.id}`;
  const results = await rawBatch<{ lastReadMessageId: number; unread: number }>(env.DB, [
    ...adminReadStatements(admin, applicationId, now),
    sql`SELECT r.last_read_message_id AS lastReadMessageId, a.unread_count AS unread FROM ${readMarkers} r, ${admins} a
      WHERE r.application_id = ${applicationId} AND r.reader = ${reader} AND a.id = ${admin.id}`,
  ]);
  const state = results.at(-1)?.[0];
  if (!state) return false; // not this company's application
  await Promise.all([
    publishToRoom(env, applicationId, {
      admin: { type: "read", reader: { kind: "admin", name: admin.name, adminId: admin.id }, lastReadMessageId: state.lastReadMessageId },
      candidate: { type: "read", reader: { kind: "admin", name: admin.name }, lastReadMessageId: state.lastReadMessageId },
    }),
    publishToHub(env, admin.companyId, [{ adminId: admin.id, event: { type: "notifications.read", unread: state.unread, applicationId } }]),
  ]);
  return true;
}

/**
 * Statements that mark a conversation read for an admin (up to its latest message), for a batch of its own or
 * inside postMessage's: whoever writes in a conversation has read it.
 */
export function adminReadStatements(admin: { id: number; companyId: number }, applicationId: number, now: number): SQL[] {
  const unreadHere = sql`admin_id = ${admin.id} AND application_id = ${applicationId} AND read_at IS NULL`;
  return [
    sql`UPDATE ${admins} SET unread_count = max(0, unread_count - (SELECT count(*) FROM ${notifications} WHERE ${unreadHere})) WHERE id = ${admin.id}`,
    sql`UPDATE ${notifications} SET read_at = ${now} WHERE ${unreadHere}`,
    upsertMarker(applicationId, `admin:${admin.id}`, now, sql` AND company_id = ${admin.companyId}`),
  ];
}

/** Statements that mark a conversation read for its candidate (up to its latest message). */
export function candidateReadStatements(applicationId: number, now: number): SQL[] {
  return [upsertMarker(applicationId, "candidate", now, sql``)];
}

/** The candidate opened their conversation page. */
export async function markReadByCandidate(env: Env, applicationId: number, candidateName: string, now = Date.now()): Promise<void> {
  const results = await rawBatch<{ lastReadMessageId: number }>(env.DB, [
    ...candidateReadStatements(applicationId, now),
    sql`SELECT last_read_message_id AS lastReadMessageId FROM ${readMarkers} WHERE application_id = ${applicationId} AND reader = 'candidate'`,
  ]);
  const marker = results.at(-1)?.[0];
  if (!marker) return;
  const event = { type: "read" as const, reader: { kind: "candidate" as const, name: candidateName }, lastReadMessageId: marker.lastReadMessageId };
  await publishToRoom(env, applicationId, { admin: event, candidate: event });
}

/**
 * Mark one notification (or, without an id, all of them) read for this admin; returns the unread count left,
 * or null when the given notification is not this admin's.
 */
export async function markNotificationsRead(env: Env, admin: SignedInAdmin, notificationId?: number, now = Date.now()): Promise<number | null> {
  const reader = `admin:${admin.id}`;
  const target = sql`admin_id = ${admin.id} AND read_at IS NULL${notificationId === undefined ? sql`` : sql` AND id = ${notificationId}`}`;
  const results = await rawBatch<{ unread: number; found: number }>(env.DB, [
    sql`SELECT count(*) AS found FROM ${notifications} WHERE admin_id = ${admin.id} AND id = ${notificationId ?? 0}`,
    sql`UPDATE ${readMarkers} SET unread = max(0, unread - (SELECT count(*) FROM ${notifications} n WHERE ${target} AND n.application_id = ${readMarkers.applicationId}))
      WHERE reader = ${reader} AND unread > 0`,
    sql`UPDATE ${admins} SET unread_count = max(0, unread_count - (SELECT count(*) FROM ${notifications} WHERE ${target})) WHERE id = ${admin.id}`,
    sql`UPDATE ${notifications} SET read_at = ${now} WHERE ${target}`,
    sql`SELECT unread_count AS unread FROM ${admins} WHERE id = ${admin.id}`,
  ]);
  if (notificationId !== undefined && !results[0]?.[0]?.found) return null;
  const unread = results.at(-1)?.[0]?.unread ?? 0;
  await publishToHub(env, admin.companyId, [{ adminId: admin.id, event: { type: "notifications.read", unread } }]);
  return unread;
}

// Moves the reader's marker to the conversation's latest message (optionally only for one company's application).
function upsertMarker(applicationId: number, reader: string, now: number, scope: SQL): SQL {
  return sql`INSERT INTO ${readMarkers} (application_id, reader, last_read_message_id, unread, read_at)
    SELECT id, ${reader}, coalesce(last_message_id, 0), 0, ${now} FROM ${applications} WHERE id = ${applicationId}${scope}
    ON CONFLICT (application_id, reader) DO UPDATE SET last_read_message_id = excluded.last_read_message_id, unread = 0, read_at = excluded.read_at`;
}
