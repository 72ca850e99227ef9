/**
 * A candidate's request to erase their data: opened from their page (with an email to their address to confirm
 * it is theirs, not a forwarded link's holder's), listed for the company, declined with a reason, or erased.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./client";
import { guard, isGuardFailure } from "./guard";
import { madeNotifications, notifyAdminsStatements, type MadeNotification } from "./notifications";
import { queueCandidateNotice } from "./outbox";
import { rawBatch } from "./raw-batch";
import { applications, erasureRequests, offers } from "./schema";

/**
 * Opens a request, notifies every admin of the company and queues the confirmation email to the candidate, in one
 * batch; null (nothing written) when one is already open for the application: asking twice is one request.
 */
export async function openErasureRequest(
  d1: D1Database,
  request: { companyId: number; applicationId: number; candidateName: string; preview: string; now: number },
): Promise<{ notifications: MadeNotification[]; outboxIds: number[] } | null> {
  const [notify, count] = notifyAdminsStatements({
    kind: "erasure_request",
    applicationId: request.applicationId,
    messageId: null,
    adminIds: "all",
    exceptAdminId: null,
    authorKind: "candidate",
    authorName: request.candidateName,
    preview: request.preview,
    now: request.now,
  });
  try {
    const results = await rawBatch(d1, [
      guard(sql`NOT EXISTS (SELECT 1 FROM ${erasureRequests} WHERE application_id = ${request.applicationId} AND state = 'open')`),
      sql`INSERT INTO ${erasureRequests} (company_id, application_id, created_at) VALUES (${request.companyId}, ${request.applicationId}, ${request.now})`,
      // Right after the insert, so last_insert_rowid() is the request's id.
      queueCandidateNotice(request.applicationId, "erasure_confirmation", sql`json_object('requestId', last_insert_rowid())`, request.now),
      notify,
      count,
    ]);
    return { notifications: madeNotifications(results[3]!, results[4]!), outboxIds: (results[2] as { id: number }[]).map((r) => r.id) };
  } catch (error) {
    if (isGuardFailure(error)) return null;
    throw error;
  }
}

/** The company's requests, newest first: open ones and declined ones (erased ones went with the data). */
export async function erasureRequestsOf(db: Db, companyId: number, limit = 100) {
  return db
    .select({
      id: erasureRequests.id,
      applicationId: erasureRequests.applicationId,
      state: erasureRequests.state,
      declineReason: erasureRequests.declineReason,
      createdAt: erasureRequests.createdAt,
      confirmedAt: erasureRequests.confirmedAt,
      resolvedAt: erasureRequests.resolvedAt,
      candidate: { name: applications.candidateName, email: applications.candidateEmail },
      offer: { id: offers.id, title: offers.title },
    })
    .from(erasureRequests)
    .innerJoin(applications, eq(applications.id, erasureRequests.applicationId))
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .where(eq(erasureRequests.companyId, companyId))
    .orderBy(desc(erasureRequests.id))
    .limit(limit);
}

/** The application's open request (null: none is open); for the conversation page. */
export async function openErasureRequestOf(db: Db, companyId: number, applicationId: number): Promise<{ id: number; createdAt: number; confirmedAt: number | null } | null> {
  const [row] = await db
    .select({ id: erasureRequests.id, createdAt: erasureRequests.createdAt, confirmedAt: erasureRequests.confirmedAt })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.companyId, companyId), eq(erasureRequests.applicationId, applicationId), eq(erasureRequests.state, "open")))
    .limit(1);
  return row ?? null;
}

/** The candidate confirmed by the emailed link: "confirmed" the first time, "already" after; "closed" when it was declined or erased meanwhile. */
export async function confirmErasureRequest(db: Db, requestId: number, now: number): Promise<"confirmed" | "already" | "closed"> {
  const [changed] = await db
    .update(erasureRequests)
    .set({ confirmedAt: now })
    .where(and(eq(erasureRequests.id, requestId), eq(erasureRequests.state, "open"), isNull(erasureRequests.confirmedAt)))
    .returning({ id: erasureRequests.id });
  if (changed) return "confirmed";
  const [row] = await db.select({ state: erasureRequests.state }).from(erasureRequests).where(eq(erasureRequests.id, requestId));
  return row?.state === "open" ? "already" : "closed";
}

/**
 * Declines the application's open request with a reason the candidate is emailed, in one batch; null when none is
 * open (never made, erased, or declined a moment ago by a colleague).
 */
export async function declineErasureRequest(d1: D1Database, decline: { companyId: number; applicationId: number; reason: string; now: number }): Promise<number[] | null> {
  try {
    const results = await rawBatch<{ id: number }>(d1, [
      sql`UPDATE ${erasureRequests} SET state = 'declined', decline_reason = ${decline.reason}, resolved_at = ${decline.now}
        WHERE application_id = ${decline.applicationId} AND company_id = ${decline.companyId} AND state = 'open'`,
      guard(sql`changes() = 1`),
      queueCandidateNotice(decline.applicationId, "erasure_declined", sql`json_object('reason', ${decline.reason})`, decline.now),
    ]);
    return results[2]!.map((r) => r.id);
  } catch (error) {
    if (isGuardFailure(error)) return null;
    throw error;
  }
}
