// Live fan-out latency: POST a message, time until all N open sockets have its `message.created` frame.
// The project (admin sockets on /api/applications/{id}/live) against a minimal yardstick worker in the same run:
// for each N both get N sockets, and their rounds alternate, so background load hits both alike.
// After the timed rounds, a few more rounds ask for the development D1 meter (`X-Measure-D1: 1`) and keep the POST's
// `X-D1-Round-Trips`; they are not timed (the meter re-runs reads to count them).
import { startProjectAndYardstick } from "./lib/pair.mjs";
import { sleep } from "./lib/proc.mjs";
import { round, summary, tripsHeader, tripsSummary } from "./lib/stats.mjs";
import { closeSockets, openSockets } from "./lib/ws.mjs";

const ROUND_TIMEOUT_MS = 30_000;
const SETTLE_QUIET_MS = 250;
const METERED_ROUNDS = 3;

export async function benchLive({ ns = [1, 100, 1000], rounds = 30, warmups = 3 } = {}) {
  const { project, yard, jana, offerId, stop } = await startProjectAndYardstick({ name: "live", yardstick: "live", port: 8790 });
  try {
    // Project: a fresh application to talk in.
    const { json: applied } = await jana.request("POST", `/api/offers/${offerId}/applications`, {
      body: { name: "Bench Fan-Out", email: `fanout-${Date.now()}@example.com` },
      expect: 201,
    });
    const applicationId = applied.applicationId;

    const targets = [
      {
        name: "project",
        wsUrl: `ws://127.0.0.1:${project.port}/api/applications/${applicationId}/live`,
        wsHeaders: { Cookie: jana.cookie, Origin: project.origin },
        post: async (body, { meter = false } = {}) => {
          const r = await jana.request("POST", `/api/applications/${applicationId}/messages`, { body: { body }, headers: meter ? { "X-Measure-D1": "1" } : {}, expect: 201 });
          return { json: r.json, roundTrips: tripsHeader(r.headers) };
        },
      },
      {
        name: "yardstick",
        wsUrl: `ws://127.0.0.1:${yard.port}/live`,
        wsHeaders: { Origin: yard.origin },
        post: async (body, { meter = false } = {}) => {
          const r = await fetch(`${yard.base}/message`, {
            method: "POST",
            headers: { "Content-Type": "application/json", ...(meter ? { "X-Measure-D1": "1" } : {}) },
            body: JSON.stringify({ body }),
          });
          if (r.status !== 201) throw new Error(`yardstick POST → ${r.status}`);
          return { json: await r.json(), roundTrips: tripsHeader(r.headers) };
        },
      },
    ];

    const rows = [];
    for (const n of ns) {
      const [p, y] = await measure(targets, n, rounds, warmups);
      for (const r of [p, y]) {
        console.log(
          r.error
            ? `  live ${r.target.padEnd(9)} N=${String(n).padStart(4)}: FAILED — ${r.error}`
            : `  live ${r.target.padEnd(9)} N=${String(n).padStart(4)}: median ${r.total.median} ms, p95 ${r.total.p95} ms` +
                ` (POST answered ${r.postResponse.median} ms, first frame ${r.firstFrame.median} ms; ${r.failures} failed rounds; opened in ${r.openMs} ms;` +
                ` D1 round trips ${r.d1RoundTrips?.value ?? "–"})`,
        );
      }
      const ok = !p.error && !y.error;
      rows.push({ n, project: p, yardstick: y, ratio: ok ? round(p.total.median / y.total.median, 2) : null, ratioP95: ok ? round(p.total.p95 / y.total.p95, 2) : null });
    }
    return { rounds, warmups, meteredRounds: METERED_ROUNDS, rows, applicationId };
  } finally {
    await stop();
  }
}

/** One target's sockets and the arrival times of its frames, by message id. */
async function connect(target, n) {
  const t = { ...target, n, arrivals: new Map(), waiter: null, lastFrameAt: 0, total: [], postResponse: [], firstFrame: [], failures: 0, roundTrips: [] };
  const onFrame = (text) => {
    const now = performance.now();
    t.lastFrameAt = now;
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.type !== "message.created") return;
    const id = frame.message.id;
    const a = t.arrivals.get(id) ?? { count: 0, first: now, last: now };
    a.count += 1;
    a.last = now;
    t.arrivals.set(id, a);
    if (t.waiter && t.waiter.id === id && a.count >= n) t.waiter.resolve();
  };
  const { sockets, ms } = await openSockets(n, target.wsUrl, target.wsHeaders, onFrame);
  t.sockets = sockets;
  t.openMs = Math.round(ms);
  return t;
}

/** `measured`: timed; `metered`: asks for the D1 meter and keeps its round trips (never timed). */
async function oneRound(t, i, measured, metered = false) {
  const t0 = performance.now();
  const { json, roundTrips } = await t.post(`Bench round ${i} (N=${t.n}): dobrý den, posílám krátkou zprávu pro měření.`, { meter: metered });
  if (metered) t.roundTrips.push(roundTrips);
  const tResponse = performance.now();
  const id = json.message.id;
  const done = new Promise((resolve) => {
    t.waiter = { id, resolve };
    if ((t.arrivals.get(id)?.count ?? 0) >= t.n) resolve();
  });
  const ok = await Promise.race([done.then(() => true), sleep(ROUND_TIMEOUT_MS).then(() => false)]);
  t.waiter = null;
  const a = t.arrivals.get(id);
  if (measured) {
    if (ok) {
      t.total.push(a.last - t0);
      t.firstFrame.push(a.first - t0);
      t.postResponse.push(tResponse - t0);
    } else t.failures += 1;
  }
  // Let whatever the message set off (the project's email delivery and its delivery frames) settle first.
  const settleDeadline = performance.now() + 5_000;
  await sleep(50);
  while (performance.now() - t.lastFrameAt < SETTLE_QUIET_MS && performance.now() < settleDeadline) await sleep(50);
}

async function measure(targets, n, rounds, warmups) {
  const connected = [];
  const opened = [];
  const failed = new Map();
  try {
    for (const target of targets) {
      try {
        const t = await connect(target, n);
        connected.push(t);
        opened.push(t);
      } catch (error) {
        failed.set(target.name, String(error.message ?? error).split("\n")[0]);
      }
    }
    await sleep(300);
    for (let i = 0; i < warmups + rounds + METERED_ROUNDS; i++) {
      const metered = i >= warmups + rounds;
      for (const t of connected) {
        try {
          await oneRound(t, i, i >= warmups && !metered, metered);
        } catch (error) {
          failed.set(t.name, String(error.message ?? error).split("\n")[0]);
          connected.splice(connected.indexOf(t), 1);
        }
      }
    }
  } finally {
    for (const t of opened) await closeSockets(t.sockets);
  }
  return targets.map((target) => {
    if (failed.has(target.name)) return { target: target.name, n, error: failed.get(target.name) };
    const t = opened.find((c) => c.name === target.name);
    return {
      target: t.name,
      n,
      openMs: t.openMs,
      failures: t.failures,
      total: summary(t.total),
      postResponse: summary(t.postResponse),
      firstFrame: summary(t.firstFrame),
      d1RoundTrips: tripsSummary(t.roundTrips),
    };
  });
}
