// `npm run bench` (= node bench/run.mjs [live|scale|inbound|deploy ...]): runs the benchmarks, keeps each one's
// figures in bench/.results/<name>.json and rewrites docs/BENCHMARKS.md from all figures on disk.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installSignalHandlers, killAll } from "./lib/proc.mjs";
import { writeReport } from "./lib/report.mjs";
import { ROOT, machineInfo } from "./lib/env.mjs";

const BENCHES = {
  live: async () => (await import("./live.mjs")).benchLive(),
  scale: async () => (await import("./scale.mjs")).benchScale(),
  inbound: async () => (await import("./inbound.mjs")).benchInbound(),
  deploy: async () => (await import("./deploy.mjs")).benchDeploy(),
};

const requested = process.argv.slice(2);
const unknown = requested.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(", ")}. Choose from: ${Object.keys(BENCHES).join(", ")}.`);
  process.exit(2);
}
const names = requested.length > 0 ? requested : Object.keys(BENCHES);

installSignalHandlers();
const resultsDir = join(ROOT, "bench/.results");
mkdirSync(resultsDir, { recursive: true });
let failed = false;
for (const name of names) {
  const started = Date.now();
  console.log(`\n== ${name} ==`);
  try {
    const result = await BENCHES[name]();
    const record = { name, date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), machine: await machineInfo(), result };
    writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(record, null, 2));
    console.log(`== ${name} done in ${record.seconds} s`);
  } catch (error) {
    failed = true;
    console.error(`== ${name} FAILED: ${error.stack ?? error}`);
  } finally {
    await killAll();
  }
}
writeReport();
console.log(`\nWrote docs/BENCHMARKS.md`);
process.exit(failed ? 1 : 0);
