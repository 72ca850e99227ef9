import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          REPLY_SECRET: "test-reply-secret-0123456789abcdef",
          LINK_SECRET: "test-link-secret-0123456789abcdef",
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    setupFiles: ["./test/setup.ts"],
    globalSetup: ["./test/integrations/webhook-sink.global.mjs"],
    testTimeout: 20_000,
  },
}));
