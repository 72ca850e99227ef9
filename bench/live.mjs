// Live fan-out latency: POST a message, time until all N open sockets have its `message.created` frame.
// The project (admin sockets on /api/applications/{id}/live) against a minimal yardstick worker, same run.
import { join } from "node:path";
import { Client, seedDemo } from "./lib/http.mjs";
import { sleep } from "./lib/proc.mjs";
import { round, summary } from "./lib/stats.mjs";
import { BENCH_SECRETS, ROOT, freshState, migrate, startDev } from "./lib/wrangler.mjs";
import { closeSockets, openSockets } from "./lib/ws.mjs";

const ROUND_TIMEOUT_MS = 30_000;

export async function benchLive({ ns = [1, 100, 1000], rounds = 30, warmups = 3 } = {}) {
  const state = freshState("live");
  const projectState = join(state, "project");
  const yardConfig = join(ROOT, "bench/yardstick/live/wrangler.toml");
  const yardState = join(state, "yardstick");
  await migrate({ persistTo: projectState });
  await migrate({ config: yardConfig, persistTo: yardState });
  const servers = [];
  try {
    const project = await startDev({ label: "project", port: 8790, persistTo: projectState, vars: BENCH_SECRETS, logDir: state });
    servers.push(project);
    const yard = await startDev({ label: "yardstick", config: yardConfig, port: 8791, persistTo: yardState, logDir: state });
    servers.push(yard);

    // Project: Jana's session and a fresh application to talk in.
    await seedDemo(project);
    const jana = new Client(project);
    await jana.signIn("jana@acme.example", "demo1234");
    const { json: offers } = await jana.request("GET", "/api/offers", { expect: 200 });
    const offerId = offers.offers[0].id;
    const { json: applied } = await jana.request("POST", `/api/offers/${offerId}/applications`, {
      body: { name: "Bench Fan-Out", email: `fanout-${Date.now()}@example.com` },
      expect: 201,
    });
    const applicationId = applied.applicationId;

    const targets = {
      project: {
        wsUrl: `ws://127.0.0.1:${project.port}/api/applications/${applicationId}/live`,
        wsHeaders: { Cookie: jana.cookie, Origin: project.origin },
        post: (body) => jana.request("POST", `/api/applications/${applicationId}/messages`, { body: { body }, expect: 201 }),
      },
      yardstick: {
        wsUrl: `ws://127.0.0.1:${yard.port}/live`,
        wsHeaders: { Origin: yard.origin },
        post: (body) =>
          fetch(`${yard.base}/message`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ body }) }).then(async (r) => {
            if (r.status !== 201) throw new Error(`yardstick POST → ${r.status}`);
            return { json: await r.json() };
          }),
      },
    };

    const results = [];
    for (const n of ns) {
      for (const name of ["project", "yardstick"]) {
        let r;
        try {
          r = await measure(name, targets[name], n, rounds, warmups);
        } catch (error) {
          r = { target: name, n, error: String(error.message ?? error).split("\n")[0] };
          results.push(r);
          console.log(`  live ${name.padEnd(9)} N=${String(n).padStart(4)}: FAILED — ${r.error}`);
          continue;
        }
        results.push(r);
        console.log(
          `  live ${name.padEnd(9)} N=${String(n).padStart(4)}: median ${r.total.median} ms, p95 ${r.total.p95} ms` +
            ` (POST answered ${r.postResponse.median} ms, first frame ${r.firstFrame.median} ms; ${r.failures} failed rounds; opened in ${r.openMs} ms)`,
        );
      }
    }
    const rows = ns.map((n) => {
      const p = results.find((r) => r.target === "project" && r.n === n);
      const y = results.find((r) => r.target === "yardstick" && r.n === n);
      const ok = p && !p.error && y && !y.error;
      return { n, project: p, yardstick: y, ratio: ok ? round(p.total.median / y.total.median, 2) : null, ratioP95: ok ? round(p.total.p95 / y.total.p95, 2) : null };
    });
    return { rounds, warmups, rows, applicationId };
  } finally {
    for (const s of servers.reverse()) await s.stop();
  }
}

async function measure(name, target, n, rounds, warmups) {
  // Frames by message id: how many sockets have it, when the first and the last arrived.
  const arrivals = new Map();
  let waiter = null;
  let lastFrameAt = performance.now();
  const onFrame = (text) => {
    const now = performance.now();
    lastFrameAt = now;
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.type !== "message.created") return;
    const id = frame.message.id;
    const a = arrivals.get(id) ?? { count: 0, first: now, last: now };
    a.count += 1;
    a.last = now;
    arrivals.set(id, a);
    if (waiter && waiter.id === id && a.count >= n) waiter.resolve();
  };
  const { sockets, ms: openMs } = await openSockets(n, target.wsUrl, target.wsHeaders, onFrame);
  const total = [];
  const postResponse = [];
  const firstFrame = [];
  let failures = 0;
  try {
    await sleep(300);
    for (let i = 0; i < warmups + rounds; i++) {
      const t0 = performance.now();
      const { json } = await target.post(`Bench round ${i} (N=${n}): dobrý den, posílám krátkou zprávu pro měření.`);
      const tResponse = performance.now();
      const id = json.message.id;
      const done = new Promise((resolve) => {
        waiter = { id, resolve };
        if ((arrivals.get(id)?.count ?? 0) >= n) resolve();
      });
      const ok = await Promise.race([done.then(() => true), sleep(ROUND_TIMEOUT_MS).then(() => false)]);
      waiter = null;
      const a = arrivals.get(id);
      if (i >= warmups) {
        if (ok) {
          total.push(a.last - t0);
          firstFrame.push(a.first - t0);
          postResponse.push(tResponse - t0);
        } else failures += 1;
      }
      // Let anything the message set off (the project's email delivery and its delivery frames) settle first.
      const settleDeadline = performance.now() + 5_000;
      await sleep(50);
      while (performance.now() - lastFrameAt < 250 && performance.now() < settleDeadline) await sleep(50);
    }
  } finally {
    await closeSockets(sockets);
  }
  return { target: name, n, openMs: Math.round(openMs), failures, total: summary(total), postResponse: summary(postResponse), firstFrame: summary(firstFrame) };
}
