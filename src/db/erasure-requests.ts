/** A candidate's request to erase their data: opened from their page, listed for the company, declined or erased. */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { guard, isGuardFailure } from "./guard";
import { madeNotifications, notifyAdminsStatements, type MadeNotification } from "./notifications";
import { rawBatch } from "./raw-batch";
import { applications, erasureRequests, offers } from "./schema";

/**
 * Opens a request and notifies every admin of the company, in one batch; null (nothing written) when one is
 * already open for the application: asking twice is one request.
 */
export async function openErasureRequest(
  d1: D1Database,
  request: { companyId: number; applicationId: number; candidateName: string; preview: string; now: number },
): Promise<MadeNotification[] | null> {
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
      notify,
      count,
    ]);
    return madeNotifications(results[2]!, results[3]!);
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

/** When the application's open request was made (null: none is open); for the conversation page. */
export async function openErasureRequestAt(db: Db, companyId: number, applicationId: number): Promise<number | null> {
  const [row] = await db
    .select({ createdAt: erasureRequests.createdAt })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.companyId, companyId), eq(erasureRequests.applicationId, applicationId), eq(erasureRequests.state, "open")))
    .limit(1);
  return row?.createdAt ?? null;
}
