import { DurableObject } from "cloudflare:workers";
import type { DeliveryScope } from "../db/outbox";
import type { Env } from "../env";
import { fanOut, publishDeliveryStates } from "../live/fan-out";
import { deliverDue } from "./delivery";
import { postDueMessages } from "../conversations/scheduled";
import { database } from "../db/client";
import { nextWebhookAttemptAt } from "../db/webhooks";
import { retryDue } from "../webhooks/attempt";

const SCOPE_KEY = "scope";
/** When the alarm checks again if a delivery started by deliverSoon() did not finish. */
const SAFETY_NET_MS = 60_000;

/**
 * One scheduler per conversation (its emails go out in order and thread), and one per company for the rest: the
 * emails of no conversation and the company's webhook retries.
 */
export function deliveryScheduler(env: Env, scope: DeliveryScope) {
  const name = "applicationId" in scope ? `application:${scope.applicationId}` : "companyId" in scope ? `company:${scope.companyId}` : "all";
  return env.DELIVERY_SCHEDULER.get(env.DELIVERY_SCHEDULER.idFromName(name));
}

/**
 * The one scheduler of email delivery: a Durable Object alarm per scope. deliverSoon() sends the rows a commit
 * queued at once and arms an alarm for whatever did not go (a failed send, an eviction mid-way); the alarm
 * retries with the backoff recorded on each row until it is sent or marked failed. The cron sweep only wakes
 * schedulers whose rows are overdue, in case a commit's after-step never reached one.
 */
export class DeliveryScheduler extends DurableObject<Env> {
  /** Sends these rows now (without ids: all that is due), so the caller's answer comes after its emails left. */
  async deliverSoon(scope: DeliveryScope, outboxIds?: number[]): Promise<void> {
    // Without ids it is the sweep: it may come for a scheduled message this instance was never told of.
    if (outboxIds === undefined) this.scheduledMayWait = true;
    await this.remember(scope);
    await this.ctx.storage.setAlarm(Date.now() + SAFETY_NET_MS);
    const next = await this.deliver(scope, outboxIds);
    // Done: the safety net gives way to the next retry, if any.
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  /** Delivers what is due from the alarm, at once: for callers that must not wait for it. */
  async schedule(scope: DeliveryScope): Promise<void> {
    await this.remember(scope);
    const now = Date.now();
    const armed = await this.ctx.storage.getAlarm();
    if (armed === null || armed > now) await this.ctx.storage.setAlarm(now);
  }

  /** Wakes at `at` (or earlier, if an earlier alarm is armed): a scheduled message is due then. */
  async wakeAt(scope: DeliveryScope, at: number): Promise<void> {
    this.scheduledMayWait = true;
    await this.remember(scope);
    const armed = await this.ctx.storage.getAlarm();
    if (armed === null || armed > at) await this.ctx.storage.setAlarm(at);
  }

  /** If this throws, the runtime retries the alarm with backoff; the cron sweep covers the rest. */
  override async alarm(): Promise<void> {
    const scope = this.scope ?? (await this.ctx.storage.get<DeliveryScope>(SCOPE_KEY));
    if (scope === undefined) return;
    const next = await this.deliver(scope);
    // deliverSoon() may have run while we awaited D1 (the object takes new calls during I/O): never postpone
    // its alarm. While this handler runs, getAlarm() shows only an alarm set since it started.
    const pending = await this.ctx.storage.getAlarm();
    if (next !== null && (pending === null || pending > next)) await this.ctx.storage.setAlarm(next);
  }

  /**
   * Posts the conversation's scheduled messages that are due (a company's: retries its webhooks), sends what is
   * due (their emails too: a webhook disabled just now emails its admins) and tells the conversation's admins the
   * new delivery states; returns when to run next.
   */
  private async deliver(scope: DeliveryScope, outboxIds?: number[]): Promise<number | null> {
    // Rows handed over by a commit go at once; the retries wait for the alarm.
    const retriesWebhooks = "companyId" in scope && outboxIds === undefined;
    if ("applicationId" in scope && this.scheduledMayWait) await this.postDue(scope.applicationId);
    if (retriesWebhooks) await retryDue(this.env, Date.now(), scope.companyId);
    const { nextAttemptAt, nextScheduledAt: nextSend, messageStates } = await deliverDue(this.env, scope, outboxIds ? { outboxIds } : {});
    this.scheduledMayWait = nextSend !== null;
    if ("applicationId" in scope && messageStates.length > 0) await publishDeliveryStates(this.env, scope.applicationId, messageStates);
    const nextRetry = "companyId" in scope ? await nextWebhookAttemptAt(database(this.env.DB), scope.companyId) : null;
    return [nextAttemptAt, nextSend, nextRetry].reduce<number | null>((soonest, at) => (at !== null && (soonest === null || at < soonest) ? at : soonest), null);
  }

  // Their emails are this scheduler's to send (deliverDue below picks them up): only the screens are told here.
  private async postDue(applicationId: number): Promise<void> {
    const events = await postDueMessages(this.env, applicationId);
    await Promise.allSettled(events.filter((e) => e.type !== "emails.queued").map((event) => fanOut(this.env, event)));
  }

  /**
   * Whether a scheduled message may wait: false once a run saw none, until wakeAt() names one (or the sweep
   * comes), so the runs of an ordinary conversation skip looking for them. A new instance looks.
   */
  private scheduledMayWait = true;

  /** The scope kept in storage, once this instance read or wrote it. */
  private scope: DeliveryScope | undefined;

  // An object cannot read its own name back; the scope it serves is kept in its storage (and, while it lives, here).
  private async remember(scope: DeliveryScope): Promise<void> {
    this.scope ??= await this.ctx.storage.get<DeliveryScope>(SCOPE_KEY);
    if (JSON.stringify(this.scope) === JSON.stringify(scope)) return;
    await this.ctx.storage.put(SCOPE_KEY, scope);
    this.scope = scope;
  }
}
