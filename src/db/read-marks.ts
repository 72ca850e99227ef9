/** Who has read a conversation up to where, and the unread counters that follow from it. */
import { sql, type SQL } from "drizzle-orm";
import { rawBatch } from "./raw-batch";
import { admins, applications, notifications, readMarkers } from "./schema";

type IdRef = number | SQL;

/**
 * Statements that mark a conversation read for an admin (up to its latest message), for a batch of their own or
 * inside a message's: whoever writes in a conversation has read it. Only the admin's own company's application.
 */
export function adminReadStatements(adminId: number, applicationId: IdRef, now: number): SQL[] {
  const unreadHere = sql`admin_id = ${adminId} AND application_id = ${applicationId} AND read_at IS NULL`;
  return [
    sql`UPDATE ${admins} SET unread_count = max(0, unread_count - (SELECT count(*) FROM ${notifications} WHERE ${unreadHere})) WHERE id = ${adminId}`,
    sql`UPDATE ${notifications} SET read_at = ${now} WHERE ${unreadHere}`,
    upsertMarker(applicationId, `admin:${adminId}`, now, sql` AND company_id = (SELECT company_id FROM ${admins} WHERE id = ${adminId})`),
  ];
}

/** Statements that mark a conversation read for its candidate (up to its latest message). */
export function candidateReadStatements(applicationId: IdRef, now: number): SQL[] {
  return [upsertMarker(applicationId, "candidate", now, sql``)];
}

/** Marks it read for the admin; null when the application is not of the admin's company (or does not exist). */
export async function markReadForAdmin(d1: D1Database, adminId: number, applicationId: number, now: number) {
  const results = await rawBatch<{ lastReadMessageId: number; unread: number; companyId: number }>(d1, [
    ...adminReadStatements(adminId, applicationId, now),
    sql`SELECT r.last_read_message_id AS lastReadMessageId, a.unread_count AS unread, a.company_id AS companyId FROM ${readMarkers} r, ${admins} a
      WHERE r.application_id = ${applicationId} AND r.reader = ${`admin:${adminId}`} AND a.id = ${adminId}`,
  ]);
  return results.at(-1)?.[0] ?? null;
}

export async function markReadForCandidate(d1: D1Database, applicationId: number, now: number) {
  const results = await rawBatch<{ lastReadMessageId: number; companyId: number }>(d1, [
    ...candidateReadStatements(applicationId, now),
    sql`SELECT r.last_read_message_id AS lastReadMessageId, a.company_id AS companyId FROM ${readMarkers} r JOIN ${applications} a ON a.id = r.application_id
      WHERE r.application_id = ${applicationId} AND r.reader = 'candidate'`,
  ]);
  return results.at(-1)?.[0] ?? null;
}

/**
 * Marks one notification (or, without an id, all of them) read for this admin; the unread count left, or null
 * when the given notification is not this admin's.
 */
export async function markNotificationsReadFor(d1: D1Database, adminId: number, notificationId: number | undefined, now: number): Promise<number | null> {
  const reader = `admin:${adminId}`;
  const target = sql`admin_id = ${adminId} AND read_at IS NULL${notificationId === undefined ? sql`` : sql` AND id = ${notificationId}`}`;
  const results = await rawBatch<{ unread: number; found: number }>(d1, [
    sql`SELECT count(*) AS found FROM ${notifications} WHERE admin_id = ${adminId} AND id = ${notificationId ?? 0}`,
    sql`UPDATE ${readMarkers} SET unread = max(0, unread - (SELECT count(*) FROM ${notifications} n WHERE ${target} AND n.application_id = ${readMarkers.applicationId}))
      WHERE reader = ${reader} AND unread > 0`,
    sql`UPDATE ${admins} SET unread_count = max(0, unread_count - (SELECT count(*) FROM ${notifications} WHERE ${target})) WHERE id = ${adminId}`,
    sql`UPDATE ${notifications} SET read_at = ${now} WHERE ${target}`,
    sql`SELECT unread_count AS unread FROM ${admins} WHERE id = ${adminId}`,
  ]);
  if (notificationId !== undefined && !results[0]?.[0]?.found) return null;
  return results.at(-1)?.[0]?.unread ?? 0;
}

// Moves the reader's marker to the conversation's latest message (optionally only for one company's application).
function upsertMarker(applicationId: IdRef, reader: string, now: number, scope: SQL): SQL {
  return sql`INSERT INTO ${readMarkers} (application_id, reader, last_read_message_id, unread, read_at)
    SELECT id, ${reader}, coalesce(last_message_id, 0), 0, ${now} FROM ${applications} WHERE id = ${applicationId}${scope}
    ON CONFLICT (application_id, reader) DO UPDATE SET last_read_message_id = excluded.last_read_message_id, unread = 0, read_at = excluded.read_at`;
}
