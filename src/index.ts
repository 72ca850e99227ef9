import type { Env } from "./env";
import { app } from "./http/app";
export { ConversationRoom } from "./live/conversation-room";
export { CompanyHub } from "./live/company-hub";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
