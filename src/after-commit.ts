import type { DomainEvent } from "./conversations/events";
import { deliveryScheduler } from "./email/delivery-scheduler";
import type { Env } from "./env";
import { fanOut } from "./live/fan-out";
import { dispatchWebhooks } from "./webhooks/dispatch";

/**
 * The one step after every committed domain write: open screens get their frames and queued emails go to
 * their scheduler. A failure here must not become an error the caller would retry (and so duplicate the
 * write): screens catch up with `?after=`, and the cron sweep wakes a scheduler that was never told.
 *
 * `emails`: "now" sends them before returning (a web request answers after its emails left, with their state);
 * "scheduled" only arms their scheduler's alarm (an inbound email's sender waits for nothing of ours).
 * Webhooks go out last; with `waitUntil` (a request's), after the answer: somebody's slow endpoint never holds it.
 */
export async function afterCommit(
  env: Env,
  events: DomainEvent[],
  opts: { emails: "now" | "scheduled"; waitUntil?: (work: Promise<unknown>) => void } = { emails: "now" },
): Promise<void> {
  // Screens first: their frames are what people wait on; delivery (rendering, SMTP) follows.
  await Promise.all(events.filter((e) => e.type !== "emails.queued" && e.type !== "message.scheduled").map((event) => settle(event.type, () => fanOut(env, event))));
  await Promise.all(
    events.flatMap((event) => {
      if (event.type === "message.scheduled") {
        const scope = { applicationId: event.applicationId };
        return [settle(event.type, () => deliveryScheduler(env, scope).wakeAt(scope, event.sendAt))];
      }
      if (event.type !== "emails.queued") return [];
      const scheduler = () => deliveryScheduler(env, event.scope);
      return [settle(event.type, () => (opts.emails === "now" ? scheduler().deliverSoon(event.scope, event.outboxIds) : scheduler().schedule(event.scope)))];
    }),
  );
  const hooks = settle("webhooks", () => dispatchWebhooks(env, events));
  if (opts.waitUntil) opts.waitUntil(hooks);
  else await hooks;
}

async function settle(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(`after commit: ${what} failed`, error);
  }
}
