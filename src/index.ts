import type { Env } from "./env";
import { app } from "./http/app";
import { handleInboundEmail } from "./email/inbound/handler";
import { sweepOutbox } from "./email/sweep";
import { retryWebhooks } from "./webhooks/dispatch";
import { afterCommit } from "./after-commit";
import { eraseExpired } from "./conversations/erasure";
export { ConversationRoom } from "./live/conversation-room";
export { CompanyHub } from "./live/company-hub";
export { DeliveryScheduler } from "./email/delivery-scheduler";

/** Must equal the daily entry of `[triggers] crons` in wrangler.toml. */
const DAILY_CRON = "0 3 * * *";

export default {
  fetch: app.fetch,
  /** Email Routing delivers every mail to REPLY_DOMAIN here; see src/email/inbound/pipeline.ts. */
  async email(message, env, ctx) {
    await handleInboundEmail(message, env, ctx);
  },
  /**
   * The cron triggers (wrangler.toml): every five minutes, wake delivery schedulers whose rows are overdue and retry webhooks whose alarm was lost; once a
   * day, erase applications past their company's retention.
   */
  async scheduled(controller, env, ctx) {
    if (controller.cron === DAILY_CRON) ctx.waitUntil(eraseExpired(env).then(({ events }) => afterCommit(env, events)));
    else ctx.waitUntil(Promise.all([sweepOutbox(env), retryWebhooks(env)]));
  },
} satisfies ExportedHandler<Env>;
