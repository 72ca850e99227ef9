import type { Env } from "./env";
import { app } from "./http/app";
import { handleInboundEmail } from "./email/inbound/handler";
import { sweepOutbox } from "./email/sweep";
export { ConversationRoom } from "./live/conversation-room";
export { CompanyHub } from "./live/company-hub";
export { DeliveryScheduler } from "./email/delivery-scheduler";

export default {
  fetch: app.fetch,
  /** Email Routing delivers every mail to REPLY_DOMAIN here; see src/email/inbound/pipeline.ts. */
  async email(message, env, ctx) {
    await handleInboundEmail(message, env, ctx);
  },
  /** The cron trigger (wrangler.toml): wakes delivery schedulers whose rows are overdue. */
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(sweepOutbox(env));
  },
} satisfies ExportedHandler<Env>;
