import type { CompanyHub } from "./live/company-hub";
import type { ConversationRoom } from "./live/conversation-room";

/** Every binding and setting the Worker reads; declared in wrangler.toml, secrets via `wrangler secret put`. */
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  EMAIL: SendEmail;
  ASSETS: Fetcher;
  CONVERSATION_ROOM: DurableObjectNamespace<ConversationRoom>;
  COMPANY_HUB: DurableObjectNamespace<CompanyHub>;
  APP_URL: string;
  MAIL_FROM: string;
  REPLY_DOMAIN: string;
  MAX_INBOUND_MB: string;
  ENVIRONMENT: string;
  /** HMAC key for reply routing addresses (≥ 80 bits of entropy). */
  REPLY_SECRET: string;
  /** HMAC key for candidate conversation links. */
  LINK_SECRET: string;
}
