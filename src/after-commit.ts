import type { DomainEvent } from "./conversations/events";
import { deliveryScheduler } from "./email/delivery-scheduler";
import type { Env } from "./env";
import { fanOut } from "./live/fan-out";

/**
 * The one step after every committed domain write: open screens get their frames and queued emails go to
 * their scheduler. A failure here must not become an error the caller would retry (and so duplicate the
 * write): screens catch up with `?after=`, and the cron sweep wakes a scheduler that was never told.
 */
export async function afterCommit(env: Env, events: DomainEvent[]): Promise<void> {
  // Screens first: their frames are what people wait on; delivery (rendering, SMTP) follows, still before the answer.
  await Promise.all(events.filter((e) => e.type !== "emails.queued").map((event) => settle(event.type, () => fanOut(env, event))));
  await Promise.all(
    events.flatMap((event) => (event.type === "emails.queued" ? [settle(event.type, () => deliveryScheduler(env, event.scope).deliverSoon(event.scope, event.outboxIds))] : [])),
  );
}

async function settle(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(`after commit: ${what} failed`, error);
  }
}
