/**
 * Notifications that are not "someone wrote a message" (those are part of the message batch, message-writes.ts):
 * a mention, an assignment, a bounce, an erasure request. Statements for a caller's batch, so the notification
 * commits with what it is about.
 */
import { sql, type SQL } from "drizzle-orm";
import { admins, applications, notifications, type NotificationKind } from "./schema";

export interface NotifyAdmins {
  kind: Exclude<NotificationKind, "message" | "application">;
  applicationId: number;
  /** The message it is about (a note's id, the bounced message), as a value or a subquery of the same batch. */
  messageId: number | SQL | null;
  /** Whom: these admins of the application's company, or all of them. */
  adminIds: number[] | "all";
  /** Who caused it; never notified of their own action. */
  exceptAdminId: number | null;
  authorKind: "candidate" | "admin" | "company" | "system";
  authorName: string;
  preview: string;
  now: number;
}

/** Inserts the notifications and bumps each recipient's unread count; `madeNotifications` reads the two results. */
export function notifyAdminsStatements(n: NotifyAdmins): [SQL, SQL] {
  const chosen =
    n.adminIds === "all"
      ? sql`1`
      : n.adminIds.length > 0
        ? sql`ad.id IN (${sql.join(
            n.adminIds.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`0`;
  const recipients = sql`FROM ${admins} ad JOIN ${applications} ap ON ap.id = ${n.applicationId}
    WHERE ad.company_id = ap.company_id AND ${chosen} AND ad.id != ${n.exceptAdminId ?? 0}`;
  return [
    sql`INSERT INTO ${notifications} (company_id, admin_id, application_id, kind, message_id, author_kind, author_name, candidate_name, preview, created_at)
      SELECT ad.company_id, ad.id, ap.id, ${n.kind}, ${n.messageId}, ${n.authorKind}, ${n.authorName}, ap.candidate_name, ${n.preview.slice(0, 120)}, ${n.now} ${recipients}
      RETURNING id, kind, admin_id AS adminId, application_id AS applicationId, message_id AS messageId`,
    sql`UPDATE ${admins} SET unread_count = unread_count + 1 WHERE id IN (SELECT ad.id ${recipients}) RETURNING id, unread_count AS unread`,
  ];
}

export interface MadeNotification {
  id: number;
  kind: NotificationKind;
  adminId: number;
  applicationId: number;
  messageId: number | null;
  /** The admin's unread count after it. */
  unread: number;
}

/** The notifications made, from the results of the two statements above (in that order). */
export function madeNotifications(inserted: unknown[], counted: unknown[]): MadeNotification[] {
  const unread = new Map((counted as { id: number; unread: number }[]).map((a) => [a.id, a.unread]));
  return (inserted as Omit<MadeNotification, "unread">[]).map((n) => ({ ...n, unread: unread.get(n.adminId) ?? 0 }));
}
