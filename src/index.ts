import type { Env } from "./env";
export { ConversationRoom } from "./live/conversation-room";
export { CompanyHub } from "./live/company-hub";

export default {
  async fetch() {
    return new Response("ok");
  },
} satisfies ExportedHandler<Env>;
