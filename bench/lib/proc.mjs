// Child processes that must never outlive the bench: each runs in its own process group and is killed
// (the whole group, by id) at the end, on error and on SIGINT/SIGTERM.
import { spawn } from "node:child_process";
import { openSync } from "node:fs";

const children = new Set();

export function spawnLogged(command, args, { logFile, cwd, env } = {}) {
  const out = logFile ? openSync(logFile, "a") : "ignore";
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", out, out], detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export async function killTree(child, timeoutMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = new Promise((resolve) => setTimeout(() => resolve("timeout"), timeoutMs));
  if ((await Promise.race([exited, timer])) === "timeout") {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
  }
}

export async function killAll() {
  await Promise.all([...children].map((c) => killTree(c)));
}

let installed = false;
export function installSignalHandlers() {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      for (const c of children) {
        try {
          process.kill(-c.pid, "SIGKILL");
        } catch {}
      }
      process.exit(130);
    });
  }
  process.on("exit", () => {
    for (const c of children) {
      try {
        process.kill(-c.pid, "SIGKILL");
      } catch {}
    }
  });
}

/** Runs a command to completion (bounded in time); rejects with its output on failure. */
export function run(command, args, { cwd, timeoutMs = 300_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["pipe", "pipe", "pipe"], detached: true });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(" ")} exited ${code ?? signal}\n${stderr.slice(-3000)}\n${stdout.slice(-2000)}`));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
