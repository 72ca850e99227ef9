// The setup every comparison bench shares: a frozen copy of the project and a yardstick Worker, each on its own
// port and state, migrated; the project seeded and signed in as Jana. `stop()` ends both. Without `yardstick`,
// only the project runs (a breakdown build beside a pair started before).
import { join } from "node:path";
import { Client, seedDemo } from "./http.mjs";
import { BENCH_SECRETS, ROOT, freshState, migrate, snapshotProject, startDev } from "./wrangler.mjs";

export async function startProjectAndYardstick({ name, yardstick, port, entry, env }) {
  const state = freshState(name);
  const projectConfig = await snapshotProject(state, { entry });
  const projectState = join(state, "project");
  const yardConfig = yardstick ? join(ROOT, `bench/yardstick/${yardstick}/wrangler.toml`) : null;
  const yardState = join(state, "yardstick");
  await migrate({ config: projectConfig, persistTo: projectState });
  if (yardConfig) await migrate({ config: yardConfig, persistTo: yardState });
  const servers = [];
  const stop = async () => {
    for (const s of servers.reverse()) await s.stop();
  };
  try {
    const project = await startDev({ label: "project", config: projectConfig, port, persistTo: projectState, vars: BENCH_SECRETS, logDir: state, env });
    servers.push(project);
    const yard = yardConfig ? await startDev({ label: "yardstick", config: yardConfig, port: port + 1, persistTo: yardState, logDir: state, env }) : null;
    if (yard) servers.push(yard);
    await seedDemo(project);
    const jana = new Client(project);
    await jana.signIn("jana@acme.example", "demo1234");
    const { json: offers } = await jana.request("GET", "/api/offers", { expect: 200 });
    return { state, project, yard, jana, offerId: offers.offers[0].id, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
