import type { D1Migration } from "cloudflare:test";
import type { Env } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends AppEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
  type AppEnv = Env;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the HTTP endpoint webhooks are delivered to in tests (test/integrations/webhook-sink.global.mjs). */
    webhookSink: string;
  }
}
