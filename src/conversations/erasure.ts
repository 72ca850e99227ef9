/**
 * Erasing a candidate's data at a company (GDPR Art. 17): by an admin, on the candidate's request, or when the
 * company's retention period has passed (the daily cron). All three go through `erase` below; the batches and
 * why an interrupted erasure can simply run again are in src/db/erasure.ts.
 */
import type { SignedInAdmin } from "../accounts/sessions";
import { database } from "../db/client";
import {
  awaitedErasedObjects,
  eraseApplications,
  erasureTargetOf,
  expiredApplications,
  forgetErasedObjects,
  type ErasedCounts,
  type ErasureAudit,
  type ErasureTarget,
} from "../db/erasure";
import type { Env } from "../env";
import { DomainError } from "./errors";
import type { DomainEvent, Outcome } from "./events";

/** Everything of the candidate of this application at the admin's company: all their applications there. */
export async function eraseCandidate(env: Env, admin: SignedInAdmin, applicationId: number, now = Date.now()): Promise<Outcome<ErasedCounts>> {
  const target = await erasureTargetOf(database(env.DB), admin.companyId, applicationId);
  if (!target) throw new DomainError("not_found", "This conversation does not exist.");
  return erase(env, target, { adminId: admin.id, adminName: admin.name, cause: target.requested ? "request" : "admin" }, now);
}

async function erase(env: Env, target: ErasureTarget, audit: ErasureAudit, now: number): Promise<Outcome<ErasedCounts>> {
  const { erased, r2Keys, unread } = await eraseApplications(env.DB, target, audit, now);
  await deleteObjects(env, r2Keys);
  // Badges of admins whose unread notifications went with the data.
  const events: DomainEvent[] = [...unread].map(([adminId, count]) => ({ type: "notifications.read", companyId: target.companyId, adminId, unread: count }));
  return { result: erased, events };
}

/** R2 deletes after the rows' batch recorded the keys; a failure leaves them recorded for the cron's retry. */
async function deleteObjects(env: Env, keys: string[]): Promise<void> {
  try {
    for (let i = 0; i < keys.length; i += 1000) await env.FILES.delete(keys.slice(i, i + 1000));
    await forgetErasedObjects(database(env.DB), keys);
  } catch (error) {
    console.error("erasure: R2 deletes failed; the daily cron retries them", error);
  }
}

/** Per run of the daily cron; whatever is left waits for the next day. */
const RETENTION_BATCH = 500;

/**
 * The daily cron: applications past their company's retention go, through the same erasure (the candidate row
 * goes with their last one), then R2 objects an interrupted erasure left behind. Returns how many were erased.
 */
export async function eraseExpired(env: Env, now = Date.now()): Promise<Outcome<number>> {
  const expired = await expiredApplications(database(env.DB), now, RETENTION_BATCH);
  const byCandidate = new Map<number, ErasureTarget>();
  for (const row of expired) {
    const target = byCandidate.get(row.candidateId) ?? {
      companyId: row.companyId,
      candidateId: row.candidateId,
      candidateEmail: row.candidateEmail,
      applicationIds: [],
      requested: false,
    };
    target.applicationIds.push(row.applicationId);
    byCandidate.set(row.candidateId, target);
  }
  let erased = 0;
  const events: DomainEvent[] = [];
  for (const target of byCandidate.values()) {
    try {
      const done = await erase(env, target, { adminId: null, adminName: null, cause: "retention" }, now);
      erased += done.result.applications;
      events.push(...done.events);
    } catch (error) {
      console.error("retention: erasure failed; the next run tries again", error);
    }
  }
  await deleteObjects(env, await awaitedErasedObjects(database(env.DB), 1000));
  return { result: erased, events };
}
