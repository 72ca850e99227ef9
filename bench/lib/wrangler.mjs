// wrangler dev / d1 helpers: every bench runs its own servers on its own ports with its own persisted state.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { killTree, run, sleep, spawnLogged } from "./proc.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const STATE = join(ROOT, "bench/.state");
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

// Fixed local secrets for the project under bench (never used anywhere else).
export const BENCH_SECRETS = {
  REPLY_SECRET: "b3e1c0ffee0000000000000000000000000000000000000000000000000bench1",
  LINK_SECRET: "b3e1c0ffee0000000000000000000000000000000000000000000000000bench2",
};

export function freshState(name) {
  const dir = join(STATE, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function wrangler(args, opts = {}) {
  return run(process.execPath, [WRANGLER, ...args], { cwd: ROOT, ...opts });
}

export async function migrate({ config, persistTo }) {
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo, ...(config ? ["-c", config] : [])], {
    timeoutMs: 180_000,
  });
}

/** `wrangler d1 execute` against the local database; returns the parsed JSON results for --command. */
export async function d1Execute({ config, persistTo, file, command }) {
  const args = ["d1", "execute", "DB", "--local", "--persist-to", persistTo, ...(config ? ["-c", config] : [])];
  if (file) args.push("--file", file, "--yes");
  else args.push("--command", command, "--json");
  const { stdout } = await wrangler(args, { timeoutMs: 600_000 });
  if (file) return stdout;
  return JSON.parse(stdout.slice(stdout.indexOf("[")));
}

/**
 * Starts `wrangler dev` on 127.0.0.1:port with APP_URL = http://localhost:port (the Origin the clients send)
 * and waits until it answers. Returns { base, origin, stop() }.
 */
export async function startDev({ label, config, port, persistTo, vars = {}, logDir, env = {} }) {
  const origin = `http://localhost:${port}`;
  const allVars = { APP_URL: origin, ...vars };
  const args = [
    WRANGLER,
    "dev",
    ...(config ? ["-c", config] : []),
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--inspector-port",
    String(port + 1000),
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    "--log-level",
    "warn",
    ...Object.entries(allVars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  const logFile = join(logDir ?? persistTo, `wrangler-${label}.log`);
  const child = spawnLogged(process.execPath, args, { cwd: ROOT, logFile, env: { WRANGLER_SEND_METRICS: "false", CI: "1", ...env } });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  let up = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev (${label}) exited early; see ${logFile}`);
    try {
      const res = await fetch(`${base}/__bench_ping`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      up = true;
      break;
    } catch {
      await sleep(400);
    }
  }
  if (!up) {
    await killTree(child);
    throw new Error(`wrangler dev (${label}) did not come up within 2 minutes; see ${logFile}`);
  }
  return { base, origin, port, child, logFile, stop: () => killTree(child) };
}

export function exists(path) {
  return existsSync(join(ROOT, path));
}

/**
 * A frozen copy of the project for one bench: the Worker bundled once (`wrangler deploy --dry-run`), with copies
 * of migrations/ and public/ and a wrangler.toml pointing at them, run with `--no-bundle`. Other people editing
 * src/ meanwhile then cannot make `wrangler dev` rebuild and restart mid-measurement (which drops every socket).
 * `entry` (relative to the repository) bundles another entry point instead of wrangler.toml's `main` (the inbound
 * bench's metered build). Returns the path of the snapshot's wrangler.toml.
 */
export async function snapshotProject(stateDir, { entry } = {}) {
  const dir = join(stateDir, "app");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await wrangler(["deploy", ...(entry ? [entry] : []), "--dry-run", "--outdir", join(dir, "bundle")], { timeoutMs: 180_000 });
  const bundled = readdirSync(join(dir, "bundle")).filter((f) => f.endsWith(".js"));
  const main = bundled.includes("index.js") ? "index.js" : bundled[0];
  if (!main) throw new Error("wrangler deploy --dry-run wrote no .js bundle");
  cpSync(join(ROOT, "migrations"), join(dir, "migrations"), { recursive: true });
  cpSync(join(ROOT, "public"), join(dir, "public"), { recursive: true });
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8").replace(/^main\s*=.*$/m, `main = "bundle/${main}"\nno_bundle = true`);
  if (!toml.includes(`main = "bundle/${main}"`)) throw new Error("could not point the snapshot's wrangler.toml at the bundle");
  const config = join(dir, "wrangler.toml");
  writeFileSync(config, toml);
  return config;
}
