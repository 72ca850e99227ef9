/**
 * The after-commit step's webhook part: which domain events an integration hears of, queued per subscribed
 * webhook and sent signed at once. A failed attempt arms its company's DeliveryScheduler, the one scheduler of
 * email too, for the retry (src/webhooks/attempt.ts has the backoff); a failure here never fails the write.
 */
import type { DomainEvent } from "../conversations/events";
import { enqueueDeliveries } from "../db/webhooks";
import type { WebhookEvent } from "../db/schema";
import { deliveryScheduler } from "../email/delivery-scheduler";
import type { Env } from "../env";
import { attempt, retryDue, type WakeUp } from "./attempt";

/** Retries due for less than this are still their scheduler's; the cron only picks up those whose alarm was lost. */
const GRACE_MS = 60_000;

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
  await wake(env, await Promise.all(due.flat().map((d) => attempt(env, d, now))));
}

/**
 * The cron's part, a safety net: retries overdue by more than GRACE_MS mean their scheduler's alarm was lost (or
 * never armed: the request crashed before its first attempt). Attempts them and arms their schedulers again.
 */
export async function retryWebhooks(env: Env, now = Date.now()): Promise<number> {
  const results = await retryDue(env, now - GRACE_MS, undefined, now);
  await wake(env, results);
  return results.length;
}

/** Per company: its scheduler wakes for the earliest retry, and at once for the admins' "disabled" emails. */
async function wake(env: Env, results: WakeUp[]): Promise<void> {
  const soonest = new Map<number, number>();
  for (const r of results) {
    const at = r.adminEmails ? Date.now() : r.retryAt;
    const known = soonest.get(r.companyId);
    if (at !== null && (known === undefined || at < known)) soonest.set(r.companyId, at);
  }
  const woken = await Promise.allSettled([...soonest].map(([companyId, at]) => deliveryScheduler(env, { companyId }).wakeAt({ companyId }, at)));
  for (const failed of woken.filter((r) => r.status === "rejected")) console.error("webhook: waking the scheduler failed", failed.reason);
}
