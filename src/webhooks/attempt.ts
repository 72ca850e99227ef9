/**
 * One signed attempt at a webhook delivery, and what it came to: succeeded, failed for good, or another try
 * at a later time (backoff). The caller arms the company's DeliveryScheduler for that time.
 */
import { dueDeliveries, recordAttempt, type DueDelivery } from "../db/webhooks";
import { database } from "../db/client";
import type { Env } from "../env";
import { signature } from "./signature";

/** After attempt n fails, the next one comes this much later. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 8 * 3600_000, 24 * 3600_000];
const TIMEOUT_MS = 10_000;
/**
 * Deliveries that failed for good (every retry used, about a day and a half each) in a row before the webhook is
 * disabled: an endpoint that is gone stops costing a request per event, and its admins learn of it. One success
 * in between starts the count over; enabling it again (the settings page, PATCH /api/webhooks/{id}) too.
 */
export const DISABLE_AFTER_FAILURES = 5;
/** Bounded per run; what is left is due still, so the next run takes it. */
const RETRIES_PER_RUN = 200;

/** What the company's scheduler must do after attempts: wake for a retry, send the admins' "disabled" emails. */
export interface WakeUp {
  companyId: number;
  retryAt: number | null;
  adminEmails: boolean;
}

/** Attempts every delivery (of one company, or all) whose next attempt is due by `dueBy`. */
export async function retryDue(env: Env, dueBy: number, companyId?: number, now = Date.now()): Promise<WakeUp[]> {
  const due = await dueDeliveries(database(env.DB), dueBy, RETRIES_PER_RUN, companyId);
  return Promise.all(due.map((d) => attempt(env, d, now)));
}

export async function attempt(env: Env, d: DueDelivery, now = Date.now()): Promise<WakeUp> {
  const timestamp = Math.floor(now / 1000);
  let responseStatus: number | null = null;
  let lastError: string | null = null;
  try {
    const res = await fetch(d.url, {
      method: "POST",
      redirect: "manual", // a redirect could lead anywhere, past the check the address passed
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "CandidateChat-Webhooks/1",
        "webhook-id": d.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await signature(d.secret, d.id, timestamp, d.payload),
      },
      body: d.payload,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    responseStatus = res.status;
    await res.body?.cancel();
    if (!res.ok) lastError = `HTTP ${res.status}`;
  } catch (error) {
    lastError = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
  }
  const succeeded = lastError === null;
  const more = !succeeded && d.attempts < BACKOFF_MS.length;
  const retryAt = now + (BACKOFF_MS[d.attempts] ?? 0);
  const wakeUp: WakeUp = { companyId: d.companyId, retryAt: more ? retryAt : null, adminEmails: false };
  try {
    const disabled = await recordAttempt(
      env.DB,
      d,
      { status: succeeded ? "succeeded" : more ? "pending" : "failed", responseStatus, lastError, nextAttemptAt: retryAt },
      { now, disableAfter: DISABLE_AFTER_FAILURES },
    );
    wakeUp.adminEmails = disabled !== null && disabled.outboxIds.length > 0;
  } catch (error) {
    // The row stays pending at its old count: the scheduler or the cron tries it again.
    console.error("webhook: recording the attempt failed", d.id, error);
  }
  return wakeUp;
}
