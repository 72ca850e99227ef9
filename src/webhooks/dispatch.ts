/**
 * The after-commit step's webhook part: which domain events an integration hears of, queued per subscribed
 * webhook and sent signed; the cron retries what failed with backoff. A failure here never fails the write.
 * An endpoint that keeps failing is disabled (see DISABLE_AFTER_FAILURES) and its company's admins are emailed.
 */
import type { DomainEvent } from "../conversations/events";
import { database } from "../db/client";
import { dueDeliveries, enqueueDeliveries, recordAttempt, type DueDelivery } from "../db/webhooks";
import type { WebhookEvent } from "../db/schema";
import { deliveryScheduler } from "../email/delivery-scheduler";
import type { Env } from "../env";
import { signature } from "./signature";

/** After attempt n fails, the next one comes this much later (the cron looks every five minutes). */
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 8 * 3600_000, 24 * 3600_000];
const TIMEOUT_MS = 10_000;
/**
 * Deliveries that failed for good (every retry used, about a day and a half each) in a row before the webhook is
 * disabled: an endpoint that is gone stops costing a request per event, and its admins learn of it. One success
 * in between starts the count over; enabling it again (the settings page, PATCH /api/webhooks/{id}) too.
 */
export const DISABLE_AFTER_FAILURES = 5;
const RETRIES_PER_RUN = 200;

interface Hook {
  companyId: number;
  applicationId: number | null;
  event: WebhookEvent;
  data: unknown;
}

/** The webhook events that domain events stand for. */
export function webhookEventsOf(events: DomainEvent[]): Hook[] {
  return events.flatMap((e): Hook[] => {
    switch (e.type) {
      case "application.created":
        return [{ companyId: e.application.companyId, applicationId: e.application.id, event: "application.created", data: { application: e.application } }];
      case "message.posted":
        return [{ companyId: e.application.companyId, applicationId: e.application.id, event: "message.created", data: { applicationId: e.application.id, message: e.message } }];
      case "application.status_changed":
        return [{ companyId: e.application.companyId, applicationId: e.application.id, event: "application.updated", data: { application: e.application } }];
      case "application.assigned":
        return [
          { companyId: e.application.companyId, applicationId: e.application.id, event: "application.updated", data: { application: { ...e.application, assignee: e.assignee } } },
        ];
      default:
        return [];
    }
  });
}

/** Queues and sends the deliveries these events cause. */
export async function dispatchWebhooks(env: Env, events: DomainEvent[], now = Date.now()): Promise<void> {
  // A message's batch read whether its company has webhooks; a company known to have none is asked nothing more.
  const without = new Set(events.flatMap((e) => (e.type === "message.posted" && e.application.webhooks === 0 ? [e.application.companyId] : [])));
  const hooks = webhookEventsOf(events).filter((h) => !without.has(h.companyId));
  if (hooks.length === 0) return;
  const due = await Promise.all(
    hooks.map((h) =>
      enqueueDeliveries(env.DB, {
        companyId: h.companyId,
        applicationId: h.applicationId,
        event: h.event,
        payload: JSON.stringify({ type: h.event, timestamp: new Date(now).toISOString(), data: h.data }),
        now,
      }),
    ),
  );
  await Promise.all(due.flat().map((d) => attempt(env, d)));
}

/** The cron's part: every delivery whose retry is due. */
export async function retryWebhooks(env: Env, now = Date.now()): Promise<number> {
  const due = await dueDeliveries(database(env.DB), now, RETRIES_PER_RUN);
  await Promise.all(due.map((d) => attempt(env, d, now)));
  return due.length;
}

async function attempt(env: Env, d: DueDelivery, now = Date.now()): Promise<void> {
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
  const more = !succeeded && d.attempts + 1 < BACKOFF_MS.length + 1;
  try {
    const disabled = await recordAttempt(
      env.DB,
      d,
      { status: succeeded ? "succeeded" : more ? "pending" : "failed", responseStatus, lastError, nextAttemptAt: now + (BACKOFF_MS[d.attempts] ?? 0) },
      { now, disableAfter: DISABLE_AFTER_FAILURES },
    );
    // The admins' emails were queued with it; their company's scheduler sends them (the cron sweep, if not).
    if (disabled && disabled.outboxIds.length > 0) {
      const scope = { companyId: disabled.companyId };
      await deliveryScheduler(env, scope).schedule(scope);
    }
  } catch (error) {
    console.error("webhook: recording the attempt failed", d.id, error);
  }
}
