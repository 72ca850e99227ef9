// `npm run test:e2e`: a fresh local app (own port and state), seeded, then the browser story under node's test runner.
import { spawnSync } from "node:child_process";
import { installSignalHandlers, killAll } from "../bench/lib/proc.mjs";
import { BENCH_SECRETS, ROOT, freshState, migrate, startDev } from "../bench/lib/wrangler.mjs";

const PORT = 8797;
installSignalHandlers();
let status = 1;
try {
  spawnSync(process.execPath, ["scripts/build-client.mjs"], { cwd: ROOT, stdio: "inherit" });
  const state = freshState("e2e");
  await migrate({ persistTo: state });
  const server = await startDev({ label: "e2e", port: PORT, persistTo: state, vars: BENCH_SECRETS });
  const seeded = await fetch(`${server.base}/dev/seed`, { method: "POST", headers: { Origin: server.origin } });
  if (!seeded.ok) throw new Error(`seed failed: ${seeded.status} ${await seeded.text()}`);
  const result = spawnSync(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", "e2e/story.test.mjs", "e2e/pages.test.mjs"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, E2E_ORIGIN: server.origin, E2E_BASE: server.base },
  });
  status = result.status ?? 1;
} catch (error) {
  console.error(error);
} finally {
  await killAll();
}
process.exit(status);
