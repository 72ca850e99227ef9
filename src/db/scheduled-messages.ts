/** Messages waiting for their time (schema.ts `scheduledMessages`): scheduling, listing, cancelling, claiming. */
import { and, asc, eq, lte, min, sql, type SQL } from "drizzle-orm";
import type { NewAttachment } from "../conversations/post-message";
import type { Db } from "./client";
import { guard } from "./guard";
import { preparedQuery } from "./prepared";
import { applications, scheduledMessages } from "./schema";

export type ScheduledRow = typeof scheduledMessages.$inferSelect;

export interface NewScheduled {
  companyId: number;
  applicationId: number;
  adminId: number;
  body: string;
  files: NewAttachment[];
  sendAt: number;
  now: number;
}

/** Null when the application is not the company's. */
export async function insertScheduled(db: Db, s: NewScheduled): Promise<ScheduledRow | null> {
  const [row] = await db.all<ScheduledRow>(sql`INSERT INTO ${scheduledMessages} (company_id, application_id, admin_id, body, files, send_at, created_at)
    SELECT company_id, id, ${s.adminId}, ${s.body}, ${JSON.stringify(s.files)}, ${s.sendAt}, ${s.now} FROM ${applications}
    WHERE id = ${s.applicationId} AND company_id = ${s.companyId}
    RETURNING id, company_id AS companyId, application_id AS applicationId, admin_id AS adminId, body, files, send_at AS sendAt, state,
      message_id AS messageId, created_at AS createdAt`);
  return row ?? null;
}

/** What still waits in one conversation, soonest first. */
export function pendingScheduled(db: Db, companyId: number, applicationId: number) {
  return db
    .select()
    .from(scheduledMessages)
    .where(and(eq(scheduledMessages.companyId, companyId), eq(scheduledMessages.applicationId, applicationId), eq(scheduledMessages.state, "pending")))
    .orderBy(asc(scheduledMessages.sendAt), asc(scheduledMessages.id));
}

/**
 * Cancels a message that has not been sent; of a cancel and a send racing for it exactly one wins (both change
 * the row only while it is pending). Says what the row was when it was not pending.
 */
export async function cancelScheduled(db: Db, companyId: number, id: number): Promise<{ cancelled: ScheduledRow } | { state: "sent" | "cancelled" | "missing" }> {
  const [cancelled] = await db
    .update(scheduledMessages)
    .set({ state: "cancelled" })
    .where(and(eq(scheduledMessages.id, id), eq(scheduledMessages.companyId, companyId), eq(scheduledMessages.state, "pending")))
    .returning();
  if (cancelled) return { cancelled };
  const [row] = await db
    .select({ state: scheduledMessages.state })
    .from(scheduledMessages)
    .where(and(eq(scheduledMessages.id, id), eq(scheduledMessages.companyId, companyId)));
  return { state: row?.state === "sent" || row?.state === "cancelled" ? row.state : "missing" };
}

/** The conversation's messages whose time has come. */
export function dueScheduled(db: Db, applicationId: number, now: number) {
  return due(db, { applicationId, now });
}

const due = preparedQuery((db: Db) =>
  db
    .select()
    .from(scheduledMessages)
    .where(
      and(eq(scheduledMessages.applicationId, sql.placeholder("applicationId")), eq(scheduledMessages.state, "pending"), lte(scheduledMessages.sendAt, sql.placeholder("now"))),
    )
    .orderBy(asc(scheduledMessages.sendAt), asc(scheduledMessages.id)),
);

/** When the conversation's next scheduled message is due, for a batch: one row, `at` null when none waits. */
export function nextScheduledQuery(db: Db, applicationId: number) {
  return nextScheduled(db, { applicationId });
}

const nextScheduled = preparedQuery((db: Db) =>
  db
    .select({ at: min(scheduledMessages.sendAt) })
    .from(scheduledMessages)
    .where(and(eq(scheduledMessages.applicationId, sql.placeholder("applicationId")), eq(scheduledMessages.state, "pending"))),
);

/** Conversations with a scheduled message overdue since before `before` (their scheduler was never told). */
export async function overdueScheduledApplications(db: Db, before: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ applicationId: scheduledMessages.applicationId })
    .from(scheduledMessages)
    .where(and(eq(scheduledMessages.state, "pending"), lte(scheduledMessages.sendAt, before)))
    .limit(limit);
  return rows.map((r) => r.applicationId);
}

/** For the batch that posts it: marks it sent first (the batch fails if it no longer waits), then names the message. */
export function sendingScheduled(id: number): { before: SQL[]; after: (message: SQL) => SQL[] } {
  return {
    before: [sql`UPDATE ${scheduledMessages} SET state = 'sent' WHERE id = ${id} AND state = 'pending'`, guard(sql`changes() = 1`)],
    after: (message) => [sql`UPDATE ${scheduledMessages} SET message_id = ${message} WHERE id = ${id}`],
  };
}
