/** Who owns a conversation: reading it, and changing it only from what was read (so parallel changes never both win). */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { guard, isGuardFailure } from "./guard";
import { madeNotifications, notifyAdminsStatements, type MadeNotification } from "./notifications";
import { rawBatch } from "./raw-batch";
import { admins, applications } from "./schema";

/** The application's assignee (null: unassigned) and the company's admins; null when it is not the company's. */
export async function assignmentState(db: Db, companyId: number, applicationId: number) {
  const [application, team] = await db.batch([
    db
      .select({ assigneeId: applications.assigneeAdminId })
      .from(applications)
      .where(and(eq(applications.id, applicationId), eq(applications.companyId, companyId))),
    db.select({ id: admins.id, name: admins.name }).from(admins).where(eq(admins.companyId, companyId)),
  ]);
  return application[0] ? { assigneeId: application[0].assigneeId, team } : null;
}

export interface AssignmentChange {
  companyId: number;
  applicationId: number;
  /** The assignee read before: the change applies only while it still is. */
  from: number | null;
  to: number | null;
  actor: { id: number; name: string };
  now: number;
}

/** Sets the assignee and notifies the new one (unless they assigned themselves); null when `from` no longer held. */
export async function changeAssignee(d1: D1Database, change: AssignmentChange): Promise<MadeNotification[] | null> {
  const { applicationId: app, to } = change;
  const target = to === null ? sql`1` : sql`EXISTS (SELECT 1 FROM ${admins} WHERE id = ${to} AND company_id = ${change.companyId})`;
  const notify = to !== null && to !== change.actor.id;
  const statements = [
    guard(sql`EXISTS (SELECT 1 FROM ${applications} WHERE id = ${app} AND company_id = ${change.companyId} AND assignee_admin_id IS ${change.from}) AND ${target}`),
    sql`UPDATE ${applications} SET assignee_admin_id = ${to}, assignee_name = (SELECT name FROM ${admins} WHERE id = ${to}) WHERE id = ${app}`,
    ...(notify
      ? notifyAdminsStatements({
          kind: "assigned",
          applicationId: app,
          messageId: null,
          adminIds: [to],
          exceptAdminId: change.actor.id,
          authorKind: "admin",
          authorName: change.actor.name,
          preview: "",
          now: change.now,
        })
      : []),
  ];
  try {
    const results = await rawBatch(d1, statements);
    return notify ? madeNotifications(results[2] ?? [], results[3] ?? []) : [];
  } catch (error) {
    if (isGuardFailure(error)) return null;
    throw error;
  }
}
