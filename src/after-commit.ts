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
  await Promise.all(
    events.map(async (event) => {
      try {
        if (event.type === "emails.queued") await deliveryScheduler(env, event.scope).deliverSoon(event.scope, event.outboxIds);
        else await fanOut(env, event);
      } catch (error) {
        console.error(`after commit: ${event.type} failed`, error);
      }
    }),
  );
}
