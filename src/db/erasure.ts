/**
 * Erasing a candidate's personal data at one company (GDPR Art. 17): which rows hold it, and the batches that
 * delete them.
 *
 * Why it is safe to interrupt and run again:
 * - One D1 batch (one transaction) per application deletes everything of it, children before parents (foreign
 *   keys). It either happened completely or not at all, so a re-run simply finds the applications still left.
 * - The application the admin named goes last, in the batch that also deletes the candidate row and writes the
 *   audit entry: while anything is left, the admin's link still works for a second try; once it is gone, all is.
 * - R2 objects cannot join a D1 transaction. Their keys are copied into erased_objects by the same batch that
 *   deletes the rows naming them, and deleted from R2 after it; a key whose R2 delete did not happen stays there
 *   and the daily cron deletes it. No key is ever lost, and deleting an R2 object twice is harmless.
 */
import { and, asc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { rawBatch } from "./raw-batch";
import {
  admins,
  applications,
  attachments,
  candidates,
  companies,
  erasedObjects,
  erasureRequests,
  erasures,
  inboundLog,
  messages,
  notifications,
  offers,
  outbox,
  readMarkers,
  webhookDeliveries,
} from "./schema";

export interface ErasedCounts {
  applications: number;
  messages: number;
  files: number;
  emails: number;
}

/** Whose data, and which of their applications go. */
export interface ErasureTarget {
  companyId: number;
  candidateId: number;
  candidateEmail: string;
  /** The one named last goes last (see above). */
  applicationIds: number[];
  /** The candidate asked for it (an open erasure request of one of these applications). */
  requested: boolean;
}

export interface ErasureAudit {
  adminId: number | null;
  adminName: string | null;
  cause: "admin" | "request" | "retention";
}

/** The candidate of an application of this company, with every application of theirs there; null if not found. */
export async function erasureTargetOf(db: Db, companyId: number, applicationId: number): Promise<ErasureTarget | null> {
  const rows = await db
    .select({
      id: applications.id,
      candidateId: candidates.id,
      email: candidates.email,
      requested: sql<number>`EXISTS (SELECT 1 FROM ${erasureRequests} r WHERE r.application_id = ${applications.id} AND r.state = 'open')`,
    })
    .from(applications)
    .innerJoin(candidates, eq(candidates.id, applications.candidateId))
    .where(
      and(
        eq(applications.companyId, companyId),
        eq(applications.candidateId, sql`(SELECT candidate_id FROM ${applications} WHERE id = ${applicationId} AND company_id = ${companyId})`),
      ),
    )
    .orderBy(asc(applications.id));
  const first = rows[0];
  if (!first) return null;
  const others = rows.map((r) => r.id).filter((id) => id !== applicationId);
  return { companyId, candidateId: first.candidateId, candidateEmail: first.email, applicationIds: [...others, applicationId], requested: rows.some((r) => Boolean(r.requested)) };
}

/** One statement of an erasure batch, and what its returned rows count as. */
interface Step {
  statement: SQL;
  counts?: keyof ErasedCounts | "r2Keys" | "unread";
}

/** What an erasure did: its counts, the R2 keys now awaiting deletion, and admins whose unread count dropped. */
export interface ErasureResult {
  erased: ErasedCounts;
  r2Keys: string[];
  unread: Map<number, number>;
}

/** Erases the target's applications, one batch each; returns the counts and the R2 keys now awaiting deletion. */
export async function eraseApplications(d1: D1Database, target: ErasureTarget, audit: ErasureAudit, now: number): Promise<ErasureResult> {
  const erased: ErasedCounts = { applications: 0, messages: 0, files: 0, emails: 0 };
  const r2Keys: string[] = [];
  const unread = new Map<number, number>();
  for (const [index, applicationId] of target.applicationIds.entries()) {
    const app = sql`(SELECT id FROM ${applications} WHERE id = ${applicationId} AND company_id = ${target.companyId})`;
    const last = index === target.applicationIds.length - 1;
    const steps = last ? [auditStep(target, audit, erased, app, now), ...applicationSteps(app, now), ...candidateSteps(target)] : applicationSteps(app, now);
    const results = await rawBatch<{ key?: string; id?: number; unread?: number }>(
      d1,
      steps.map((s) => s.statement),
    );
    for (const [i, step] of steps.entries()) {
      const rows = results[i] ?? [];
      if (step.counts === "r2Keys") r2Keys.push(...rows.map((r) => r.key!));
      else if (step.counts === "unread") for (const r of rows) unread.set(r.id!, r.unread!);
      else if (step.counts) erased[step.counts] += rows.length;
    }
  }
  return { erased, r2Keys, unread };
}

// Duplicates of an email the conversation received are logged without an application; they share its dedupe key.
const receivedBy = (app: SQL) => sql`(application_id = ${app} OR dedupe_key IN (SELECT dedupe_key FROM ${inboundLog} WHERE application_id = ${app}))`;

/** One application's rows, children before parents. */
function applicationSteps(app: SQL, now: number): Step[] {
  return [
    {
      statement: sql`INSERT INTO ${erasedObjects} (r2_key, created_at) SELECT r2_key, ${now} FROM ${attachments} WHERE application_id = ${app}
        ON CONFLICT DO NOTHING RETURNING r2_key AS key`,
      counts: "r2Keys",
    },
    {
      statement: sql`INSERT INTO ${erasedObjects} (r2_key, created_at) SELECT raw_key, ${now} FROM ${inboundLog} WHERE raw_key IS NOT NULL AND ${receivedBy(app)}
        ON CONFLICT DO NOTHING RETURNING r2_key AS key`,
      counts: "r2Keys",
    },
    { statement: sql`DELETE FROM ${attachments} WHERE application_id = ${app} RETURNING id`, counts: "files" },
    { statement: sql`DELETE FROM ${outbox} WHERE application_id = ${app} RETURNING id`, counts: "emails" },
    { statement: sql`DELETE FROM ${inboundLog} WHERE ${receivedBy(app)} RETURNING id`, counts: "emails" },
    // Unread notifications that go take their place in their admins' badge counters with them.
    {
      statement: sql`UPDATE ${admins} SET unread_count = max(0, unread_count - (SELECT count(*) FROM ${notifications} n
          WHERE n.admin_id = ${admins}.id AND n.application_id = ${app} AND n.read_at IS NULL))
        WHERE id IN (SELECT admin_id FROM ${notifications} WHERE application_id = ${app} AND read_at IS NULL) RETURNING id, unread_count AS unread`,
      counts: "unread",
    },
    { statement: sql`DELETE FROM ${notifications} WHERE application_id = ${app}` },
    { statement: sql`DELETE FROM ${readMarkers} WHERE application_id = ${app}` },
    { statement: sql`DELETE FROM ${erasureRequests} WHERE application_id = ${app}` },
    // Webhook payloads carry the candidate's name and words. (The search index follows by triggers: migration 0011.)
    { statement: sql`DELETE FROM ${webhookDeliveries} WHERE application_id = ${app}` },
    { statement: sql`DELETE FROM ${messages} WHERE application_id = ${app} RETURNING id`, counts: "messages" },
    { statement: sql`DELETE FROM ${applications} WHERE id = ${app} RETURNING id`, counts: "applications" },
  ];
}

/**
 * First in the last batch: the audit entry, its counts the earlier batches' plus what this one is about to delete
 * (read before the deletes, in the same transaction). No name, address or id of what was erased.
 */
function auditStep(target: ErasureTarget, audit: ErasureAudit, before: ErasedCounts, app: SQL, now: number): Step {
  const count = (table: SQL, where: SQL) => sql`(SELECT count(*) FROM ${table} WHERE ${where})`;
  return {
    statement: sql`INSERT INTO ${erasures} (company_id, admin_id, admin_name, cause, applications, messages, files, emails, created_at)
      VALUES (${target.companyId}, ${audit.adminId}, ${audit.adminName}, ${audit.cause},
        ${before.applications} + ${count(sql`${applications}`, sql`id = ${app}`)},
        ${before.messages} + ${count(sql`${messages}`, sql`application_id = ${app}`)},
        ${before.files} + ${count(sql`${attachments}`, sql`application_id = ${app}`)},
        ${before.emails} + ${count(sql`${outbox}`, sql`application_id = ${app}`)} + ${count(sql`${inboundLog}`, receivedBy(app))},
        ${now})`,
  };
}

/** With the last application: the candidate row, unless they applied again meanwhile (the FK would refuse it anyway). */
function candidateSteps(target: ErasureTarget): Step[] {
  return [
    {
      statement: sql`DELETE FROM ${candidates} WHERE id = ${target.candidateId} AND company_id = ${target.companyId}
        AND NOT EXISTS (SELECT 1 FROM ${applications} WHERE candidate_id = ${target.candidateId})`,
    },
  ];
}

/** After R2 deleted them: the keys are no longer awaited. */
export async function forgetErasedObjects(db: Db, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 90) await db.delete(erasedObjects).where(inArray(erasedObjects.r2Key, keys.slice(i, i + 90)));
}

/** Keys left by an erasure whose R2 deletes did not all happen (the cron's retry), oldest first. */
export async function awaitedErasedObjects(db: Db, limit: number): Promise<string[]> {
  const rows = await db.select({ key: erasedObjects.r2Key }).from(erasedObjects).orderBy(asc(erasedObjects.createdAt)).limit(limit);
  return rows.map((r) => r.key);
}

const DAY_MS = 86_400_000;

/**
 * Applications past their company's retention: closed (rejected, or their offer closed) and without activity for
 * longer than the company keeps data. Both queries below join the company and the offer for it.
 */
function expired(now: number, companyId?: number): SQL | undefined {
  return and(
    companyId === undefined ? undefined : eq(applications.companyId, companyId),
    or(eq(applications.status, "rejected"), eq(offers.status, "closed")),
    lt(applications.lastActivityAt, sql`${now} - ${companies.retentionDays} * ${DAY_MS}`),
  );
}

/** The cron's work: a bounded page of expired applications, with whose they are. */
export async function expiredApplications(db: Db, now: number, limit: number) {
  return db
    .select({ applicationId: applications.id, companyId: applications.companyId, candidateId: applications.candidateId, candidateEmail: applications.candidateEmail })
    .from(applications)
    .innerJoin(companies, eq(companies.id, applications.companyId))
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .where(expired(now))
    .orderBy(asc(applications.id))
    .limit(limit);
}

/** How many of the company's applications the cron would erase now (the settings page shows it). */
export async function expiredApplicationCount(db: Db, companyId: number, now: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(applications)
    .innerJoin(companies, eq(companies.id, applications.companyId))
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .where(expired(now, companyId));
  return row?.n ?? 0;
}
