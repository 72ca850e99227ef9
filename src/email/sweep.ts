/**
 * The cron sweep, a safety net only: outbox rows still pending well after they were due mean their scheduler was
 * never told (a crash between commit and the after-commit step) or its alarm was lost; so do scheduled messages
 * still waiting after their time. Wake each such scheduler.
 */
import { database } from "../db/client";
import { overdueScopes, type DeliveryScope } from "../db/outbox";
import { overdueScheduledApplications } from "../db/scheduled-messages";
import type { Env } from "../env";
import { deliveryScheduler } from "./delivery-scheduler";

/** Rows due for less than this are still their scheduler's job; the sweep only picks up the forgotten. */
const GRACE_MS = 60_000;
/** Bounded per run; the cron runs again in five minutes. */
const MAX_SCOPES = 500;

export async function sweepOutbox(env: Env, now = Date.now()): Promise<DeliveryScope[]> {
  const db = database(env.DB);
  const [emails, sends] = await Promise.all([overdueScopes(db, now - GRACE_MS, MAX_SCOPES), overdueScheduledApplications(db, now - GRACE_MS, MAX_SCOPES)]);
  const known = new Set(emails.flatMap((s) => ("applicationId" in s ? [s.applicationId] : [])));
  const scopes = [...emails, ...sends.filter((id) => !known.has(id)).map((applicationId) => ({ applicationId }))];
  const results = await Promise.allSettled(scopes.map((scope) => deliveryScheduler(env, scope).deliverSoon(scope)));
  for (const failed of results.filter((r) => r.status === "rejected")) console.error("sweep: deliverSoon failed", failed.reason);
  return scopes;
}
