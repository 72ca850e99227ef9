// Inbound throughput: emails per second into wrangler's local email endpoint, 8 in flight, realistic candidate
// replies with and without an attachment; the project against a minimal postal-mime + one-row yardstick.
// D1 round trips per email: wrangler's email endpoint answers without the Worker's headers, so the project runs as
// bench/lib/metered-email-entry.ts (the project's Worker plus the development D1 meter for emails that carry the MIME
// header `X-Bench-Measure-D1: 1`); a few such emails per kind go one at a time before the timed run.
// Breakdown: the same run once more against each build of BREAKDOWN.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startProjectAndYardstick } from "./lib/pair.mjs";
import { ROOT } from "./lib/wrangler.mjs";
import { sleep } from "./lib/proc.mjs";
import { round, summary, tripsSummary } from "./lib/stats.mjs";

const FIXTURES = {
  plain: join(ROOT, "test/fixtures/emails/cs/gmail-cs.eml"),
  attachment: join(ROOT, "test/fixtures/emails/cs/attachment-cv-cs.eml"),
};
const CONVERSATIONS = 8;
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 60_000;
const METERED_PER_KIND = 3;
const METERED_ENTRY = "bench/lib/metered-email-entry.ts";
// Breakdown builds, each run once more after the pair: what a part of the work costs on the one local thread.
const BREAKDOWN = [
  // send_email a no-op: each notification still rendered, composed and recorded.
  { key: "withoutLocalSend", label: "without the local send_email", entry: "bench/lib/no-local-send-entry.ts", port: 8795 },
  // No work after the SMTP answer: no live fan-out, no scheduler, so no notification email.
  { key: "answerOnly", label: "up to the SMTP answer only", entry: "bench/lib/answer-only-entry.ts", port: 8796 },
];
// wrangler dev records every span of both Workers into a local trace store (its dev-time inspector) in the same
// workerd thread; on Cloudflare that happens elsewhere. Off for both, so the run measures the Workers themselves.
const ENV = { X_LOCAL_OBSERVABILITY: "false" };

export async function benchInbound({ perKind = 200, warmup = 8 } = {}) {
  let pair;
  try {
    pair = await startProjectAndYardstick({ name: "inbound", yardstick: "inbound", port: 8793, entry: METERED_ENTRY, env: ENV });
  } catch (error) {
    // The metered build leans on src/index.ts and src/db/rows-read-meter.ts; without it, no round trips.
    console.log(`  metered build failed (${String(error.message ?? error).split("\n")[0]}); running the plain project`);
    pair = await startProjectAndYardstick({ name: "inbound", yardstick: "inbound", port: 8793, env: ENV });
  }
  const { project, yard, jana, offerId, stop } = pair;
  try {
    const runId = randomBytes(3).toString("hex");
    const conversations = await prepareConversations(jana, offerId, runId);

    const out = { perKind, warmup, meteredPerKind: METERED_PER_KIND, concurrency: CONCURRENCY, conversations: CONVERSATIONS, kinds: [] };
    for (const kind of ["plain", "attachment"]) {
      const template = readFileSync(FIXTURES[kind], "utf8");
      const sizeBytes = Buffer.byteLength(template);
      // Untimed, one at a time, before the stored counts are taken: the D1 round trips of one email.
      const pTrips = await meteredTrips(project, template, conversations, kind, runId);
      const yTrips = await meteredTrips(yard, template, conversations, kind, runId);
      const before = await countStored(jana, conversations);
      const p = await sendAll(project, template, conversations, kind, runId, perKind, warmup);
      const stored = (await countStored(jana, conversations)) - before;
      const yBefore = await yardCount(yard);
      const y = await sendAll(yard, template, conversations, kind, runId, perKind, warmup);
      const yStored = (await yardCount(yard)) - yBefore;
      const row = {
        kind,
        fixture: FIXTURES[kind].replace(`${ROOT}/`, ""),
        sizeBytes,
        project: { ...p, stored, d1RoundTrips: pTrips },
        yardstick: { ...y, stored: yStored, d1RoundTrips: yTrips },
        ratio: round(p.perSecond / y.perSecond, 2),
      };
      out.kinds.push(row);
      console.log(
        `  inbound ${kind.padEnd(10)} project ${p.perSecond}/s (${p.ok} ok, ${p.failed} failed, stored ${stored} of ${perKind + warmup}; median ${p.latency.median} ms)` +
          ` | yardstick ${y.perSecond}/s (stored ${yStored}; median ${y.latency.median} ms) | ratio ${row.ratio}` +
          ` | D1 round trips ${pTrips?.value ?? "–"} / ${yTrips?.value ?? "–"}`,
      );
    }
    out.outboxAfter = await outboxState(jana);
    await stop();
    for (const build of BREAKDOWN) await breakdown(out, build, { perKind, warmup });
    return out;
  } finally {
    await stop();
  }
}

/** Conversations to reply to: public applications, each answered by Jana so the candidate has an email with a
 * Reply-To routing address (read from the dev mailbox). */
async function prepareConversations(jana, offerId, runId) {
  const conversations = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const email = `inbound-${runId}-${i}@example.com`;
    const { json } = await jana.request("POST", `/api/offers/${offerId}/applications`, { body: { name: `Inbound Kandidát ${i}`, email }, expect: 201 });
    await jana.request("POST", `/api/applications/${json.applicationId}/messages`, {
      body: { body: "Dobrý den, děkujeme za přihlášku. Můžete přijít na pohovor v úterý ve 14:00?" },
      expect: 201,
    });
    conversations.push({ applicationId: json.applicationId, candidate: email });
  }
  await findReplyAddresses(jana, conversations);
  return conversations;
}

/** The same run against a breakdown build; its ratio uses this run's yardstick figure per kind. */
async function breakdown(out, build, { perKind, warmup }) {
  const { project, jana, offerId, stop } = await startProjectAndYardstick({ name: `inbound-${build.key}`, port: build.port, entry: build.entry, env: ENV });
  try {
    const runId = randomBytes(3).toString("hex");
    const conversations = await prepareConversations(jana, offerId, runId);
    for (const row of out.kinds) {
      const template = readFileSync(FIXTURES[row.kind], "utf8");
      const before = await countStored(jana, conversations);
      const p = await sendAll(project, template, conversations, row.kind, runId, perKind, warmup);
      const stored = (await countStored(jana, conversations)) - before;
      row[build.key] = { perSecond: p.perSecond, ok: p.ok, stored, ratio: round(p.perSecond / row.yardstick.perSecond, 2) };
      console.log(`  inbound ${row.kind.padEnd(10)} ${build.label}: ${p.perSecond}/s (stored ${stored}) | ratio ${row[build.key].ratio}`);
    }
  } finally {
    await stop();
  }
}

async function findReplyAddresses(client, conversations) {
  const deadline = Date.now() + 30_000;
  while (true) {
    const { json } = await client.request("GET", "/dev/mailbox.json", { expect: 200 });
    let missing = 0;
    for (const c of conversations) {
      const mail = json.emails.filter((e) => e.to.includes(c.candidate) && e.replyTo).at(-1);
      if (mail) {
        c.replyTo = mail.replyTo;
        c.inReplyTo = mail.messageId;
      }
      if (!c.replyTo || !c.inReplyTo) missing += 1;
    }
    if (missing === 0) return;
    if (Date.now() > deadline) {
      if (conversations.some((c) => !c.replyTo)) throw new Error("no email with a Reply-To reached the candidates (see /dev/mailbox.json)");
      for (const c of conversations) c.inReplyTo ??= `<unsent-${c.applicationId}@jobs.example>`; // routing is by the token anyway
      return;
    }
    await sleep(500);
  }
}

function fill(template, c, msgId) {
  return template
    .replaceAll("{{FROM}}", c.candidate)
    .replaceAll("{{TO}}", c.replyTo)
    .replaceAll("{{MSGID}}", msgId)
    .replaceAll("{{INREPLYTO}}", c.inReplyTo)
    .replace(/\r?\n/g, "\r\n");
}

/** METERED_PER_KIND emails marked for the D1 meter, one at a time; their round trips as read back from the Worker. */
async function meteredTrips(server, template, conversations, kind, runId) {
  const samples = [];
  for (let i = 0; i < METERED_PER_KIND; i++) {
    const c = conversations[i % conversations.length];
    const msgId = `<bench-${runId}-${server.port}-${kind}-metered-${i}@mail.example.com>`;
    const raw = `X-Bench-Measure-D1: 1\r\n${fill(template, c, msgId)}`;
    const url = `${server.base}/cdn-cgi/handler/email?from=${encodeURIComponent(c.candidate)}&to=${encodeURIComponent(c.replyTo)}`;
    try {
      const res = await fetch(url, { method: "POST", body: raw, headers: { "Content-Type": "message/rfc822" }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await res.arrayBuffer();
      const meter = await fetch(`${server.base}/__bench/email-meter?id=${encodeURIComponent(msgId)}`, { signal: AbortSignal.timeout(10_000) });
      const json = meter.ok && (meter.headers.get("Content-Type") ?? "").includes("json") ? await meter.json() : null;
      samples.push(Number.isFinite(json?.roundTrips) ? json.roundTrips : NaN);
    } catch {
      samples.push(NaN);
    }
  }
  return tripsSummary(samples);
}

async function sendAll(server, template, conversations, kind, runId, count, warmup) {
  const target = server.port;
  const emails = (n, phase) =>
    Array.from({ length: n }, (_, i) => {
      const c = conversations[i % conversations.length];
      return { c, raw: fill(template, c, `<bench-${runId}-${target}-${kind}-${phase}-${i}@mail.example.com>`) };
    });
  const post = async ({ c, raw }) => {
    const url = `${server.base}/cdn-cgi/handler/email?from=${encodeURIComponent(c.candidate)}&to=${encodeURIComponent(c.replyTo)}`;
    const t0 = performance.now();
    const res = await fetch(url, { method: "POST", body: raw, headers: { "Content-Type": "message/rfc822" }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    return { ok: res.status === 200, ms: performance.now() - t0, status: res.status, text };
  };
  const pool = async (list) => {
    const results = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < list.length) {
          const item = list[next++];
          try {
            results.push(await post(item));
          } catch (error) {
            results.push({ ok: false, ms: NaN, status: 0, text: String(error) });
          }
        }
      }),
    );
    return results;
  };
  await pool(emails(warmup, "warmup"));
  const started = performance.now();
  const results = await pool(emails(count, "run"));
  const seconds = (performance.now() - started) / 1000;
  const ok = results.filter((r) => r.ok).length;
  const firstFailure = results.find((r) => !r.ok);
  return {
    sent: count,
    ok,
    failed: count - ok,
    firstFailure: firstFailure ? `${firstFailure.status} ${firstFailure.text.slice(0, 300)}` : null,
    seconds: round(seconds, 2),
    perSecond: round(count / seconds, 1),
    latency: summary(results.filter((r) => r.ok).map((r) => r.ms)),
  };
}

/** Candidate messages that came in by email, counted through the API (all pages). */
async function countStored(client, conversations) {
  let total = 0;
  for (const c of conversations) {
    let after = 0;
    for (let page = 0; page < 100; page++) {
      const { json } = await client.request("GET", `/api/applications/${c.applicationId}/messages?after=${after}`, { expect: 200 });
      if (json.messages.length === 0) break;
      total += json.messages.filter((m) => m.author.kind === "candidate" && m.channel === "email").length;
      after = json.messages.at(-1).id;
    }
  }
  return total;
}

async function yardCount(yard) {
  const res = await fetch(`${yard.base}/count`);
  return (await res.json()).count;
}

async function outboxState(client) {
  const { json } = await client.request("GET", "/dev/mailbox.json", { expect: 200 });
  const states = {};
  for (const e of json.emails) states[e.state] = (states[e.state] ?? 0) + 1;
  return states;
}
