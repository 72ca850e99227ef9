// `npm start`: local secrets, browser client, migrated and seeded local D1, then `wrangler dev` on :8787.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";

const PORT = 8787;
const APP_URL = `http://localhost:${PORT}`;

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Secrets for local use only, made once per checkout; production sets them with `wrangler secret put`.
if (!existsSync(".dev.vars")) {
  const secret = () => randomBytes(32).toString("hex");
  writeFileSync(".dev.vars", `REPLY_SECRET=${secret()}\nLINK_SECRET=${secret()}\n`);
  console.log("Created .dev.vars with fresh local secrets.");
}

run("node", ["scripts/build-client.mjs"]);
run("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"]);

const dev = spawn("npx", ["wrangler", "dev", "--port", String(PORT), "--show-interactive-dev-session=false"], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

async function waitUntilUp() {
  for (let i = 0; i < 240; i++) {
    try {
      await fetch(`${APP_URL}/login`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error("wrangler dev did not come up within 2 minutes");
}

await waitUntilUp();
const seeded = await fetch(`${APP_URL}/dev/seed`, { method: "POST", headers: { Origin: APP_URL } });
if (!seeded.ok) {
  console.error(`Seeding failed: ${seeded.status} ${await seeded.text()}`);
  dev.kill();
  process.exit(1);
}
const { companies } = await seeded.json();
console.log(`
Candidate Chat is running at ${APP_URL}

  Admin sign-in   ${APP_URL}/login   (password demo1234)
                  jana@acme.example, petr@acme.example  — Acme Robotics s.r.o. (cs)
                  eva@globex.example                    — Globex a.s. (en)
  Public offers   ${companies.map((c) => `${APP_URL}/offers/${c.offerId}`).join("   ")}
  Dev mailbox     ${APP_URL}/dev/mailbox
  Inbound email   POST ${APP_URL}/cdn-cgi/handler/email?from=…&to=… with the raw message as body
`);
