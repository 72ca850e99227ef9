// Scale: D1 rows read and latency of the admin's reads at three history sizes (1k, 10k, 100k messages).
// Rows come from the development meter (`X-Measure-D1: 1` → `X-D1-Rows-Read`); latency is measured on separate
// requests without it, since the meter re-runs metered reads. The same metered requests give `X-D1-Round-Trips`
// (D1 calls before the answer; a batch is one).
import { join } from "node:path";
import { Client, seedDemo } from "./lib/http.mjs";
import { round, summary, tripsHeader, tripsSummary } from "./lib/stats.mjs";
import { BENCH_SECRETS, freshState, migrate, snapshotProject, startDev } from "./lib/wrangler.mjs";
import { seedScale } from "./seed-scale.mjs";

export const LEVELS = [
  { applications: 100, messages: 1_000 },
  { applications: 1_000, messages: 10_000 },
  { applications: 10_000, messages: 100_000 },
];
const PORT = 8792;

export async function benchScale({ levels = LEVELS, requests = 20 } = {}) {
  const state = freshState("scale");
  const config = await snapshotProject(state);
  const persistTo = join(state, "db");
  await migrate({ config, persistTo });
  let server = await startDev({ label: "seed", config, port: PORT, persistTo, vars: BENCH_SECRETS, logDir: state });
  await seedDemo(server);
  await server.stop();
  server = null;

  const results = [];
  try {
    for (const level of levels) {
      console.log(`  seeding to ${level.applications} applications, ${level.messages} messages`);
      const seeded = await seedScale({ config, persistTo, ...level, log: console.log });
      console.log(`  seeded: ${JSON.stringify(seeded.totals)} (${seeded.sqlMB} MB SQL in ${seeded.files} files, ${seeded.seconds} s)`);
      server = await startDev({ label: `level-${level.messages}`, config, port: PORT, persistTo, vars: BENCH_SECRETS, logDir: state });
      const jana = new Client(server);
      await jana.signIn("jana@acme.example", "demo1234");
      const long = seeded.longConversationId;
      // The catch-up read of an open conversation: messages after the one 10 before the end.
      const { json: tail } = await jana.request("GET", `/api/applications/${long}/messages`, { expect: 200 });
      const firstPage = await jana.request("GET", "/api/applications", { expect: 200 });
      const cursor = firstPage.json.nextCursor;
      // Deep pagination: the cursor of page 10 (or the last page there is).
      let cursor10 = cursor;
      for (let page = 2; page < 10 && cursor10; page++) {
        const next = (await jana.request("GET", `/api/applications?cursor=${cursor10}`, { expect: 200 })).json.nextCursor;
        if (!next) break;
        cursor10 = next;
      }
      const lastIdOfLong = await lastMessageId(jana, long);
      const endpoints = [
        { key: "inbox", label: "Inbox API `GET /api/applications`", path: "/api/applications", pageSize: 25 },
        { key: "inbox-page2", label: "Inbox API, 2nd page (`?cursor=`)", path: `/api/applications?cursor=${cursor}`, pageSize: 25 },
        { key: "inbox-page10", label: "Inbox API, 10th page (at 100 applications: the 4th, the last)", path: `/api/applications?cursor=${cursor10}`, pageSize: 25 },
        { key: "inbox-rejected", label: "Inbox API, `?status=rejected`", path: "/api/applications?status=rejected", pageSize: 25 },
        { key: "inbox-html", label: "Inbox page `GET /admin`", path: "/admin", pageSize: 25, page: true },
        { key: "messages", label: "Conversation API `GET /api/applications/{id}/messages` (long conversation)", path: `/api/applications/${long}/messages`, pageSize: 100 },
        {
          key: "messages-after",
          label: "Conversation API, catch-up `?after=` (last 10)",
          path: `/api/applications/${long}/messages?after=${Math.max(0, lastIdOfLong - 10)}`,
          pageSize: 100,
        },
        { key: "conversation-html", label: "Conversation page `GET /admin/applications/{id}` (long conversation)", path: `/admin/applications/${long}`, pageSize: 100, page: true },
        { key: "notifications", label: "Notifications API `GET /api/notifications`", path: "/api/notifications", pageSize: 50 },
        // The team's queues and search (FTS5; words from the seeded lines, at every level).
        { key: "inbox-waiting", label: "Inbox API, queue `?waitingOn=company`", path: "/api/applications?waitingOn=company", pageSize: 25 },
        { key: "inbox-unassigned", label: "Inbox API, queue `?assignee=none`", path: "/api/applications?assignee=none", pageSize: 25 },
        { key: "inbox-mine", label: "Inbox API, queue `?assignee=me`", path: "/api/applications?assignee=me", pageSize: 25 },
        { key: "search-common", label: "Search `GET /api/search?q=dobry` (in most conversations)", path: "/api/search?q=dobry", pageSize: 25 },
        { key: "search-two", label: "Search, two words `?q=home office`", path: "/api/search?q=home%20office", pageSize: 25 },
        { key: "search-prefix", label: "Search, a prefix `?q=kanc`", path: "/api/search?q=kanc", pageSize: 25 },
        { key: "search-name", label: "Search, a surname `?q=ruzicka`", path: "/api/search?q=ruzicka", pageSize: 25 },
        // The write path: Jana answers in the long conversation (postMessage's one batch and what surrounds it).
        {
          key: "post-message",
          label: "Write: `POST /api/applications/{id}/messages` (long conversation)",
          path: `/api/applications/${long}/messages`,
          method: "POST",
          body: { body: "Děkujeme, ozveme se do pátku." },
          expect: 201,
          pageSize: null,
        },
      ];
      void tail;
      const figures = {};
      for (const e of endpoints) {
        figures[e.key] = await measureEndpoint(jana, e, requests);
        const f = figures[e.key];
        console.log(
          `  ${String(level.messages).padStart(6)} msgs  ${e.key.padEnd(18)} ` +
            (f.status !== 200
              ? `HTTP ${f.status}`
              : `rows ${f.rowsRead} (${f.queries} queries, ${f.d1RoundTrips?.value ?? "–"} round trips), median ${f.latency.median} ms, p95 ${f.latency.p95} ms`),
        );
      }
      results.push({
        level,
        totals: seeded.totals,
        seed: { sqlMB: seeded.sqlMB, files: seeded.files, seconds: seeded.seconds },
        longConversationId: long,
        endpoints: endpoints.map(({ key, label, pageSize, page, method }) => ({ key, label, pageSize, page: !!page, method: method ?? "GET" })),
        figures,
      });
      await server.stop();
      server = null;
    }
  } finally {
    if (server) await server.stop();
  }
  return { requests, levels: results };
}

async function lastMessageId(client, applicationId) {
  let after = 0;
  for (let i = 0; i < 1000; i++) {
    const { json } = await client.request("GET", `/api/applications/${applicationId}/messages?after=${after}`, { expect: 200 });
    if (json.messages.length === 0) return after;
    after = json.messages.at(-1).id;
  }
  return after;
}

async function measureEndpoint(client, endpoint, requests) {
  const method = endpoint.method ?? "GET";
  const expect = endpoint.expect ?? 200;
  const send = (headers) => client.request(method, endpoint.path, { body: endpoint.body, headers, expect });
  const probe = await client.request(method, endpoint.path, { body: endpoint.body, headers: { "X-Measure-D1": "1" } });
  if (probe.status !== expect) return { status: probe.status };
  const rows = [];
  const queries = [];
  const trips = [];
  for (let i = 0; i < 3; i++) {
    const r = await send({ "X-Measure-D1": "1" });
    const h = r.headers.get("X-D1-Rows-Read");
    rows.push(h === null ? NaN : Number(h));
    queries.push(Number(r.headers.get("X-D1-Queries") ?? NaN));
    trips.push(tripsHeader(r.headers));
  }
  for (let i = 0; i < 2; i++) await send({}); // warm-up
  const latency = [];
  let items = null;
  const n = method === "GET" ? requests : Math.min(requests, 10);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await send({});
    latency.push(performance.now() - t0);
    if (items === null && r.json) items = (r.json.applications ?? r.json.messages ?? r.json.notifications ?? r.json.results ?? []).length;
  }
  return {
    status: 200, // i.e. as expected
    rowsRead: rows.every(Number.isFinite) ? Math.max(...rows) : null,
    queries: queries.every(Number.isFinite) ? Math.max(...queries) : null,
    d1RoundTrips: tripsSummary(trips),
    items,
    latency: summary(latency),
    bytes: probe.text.length,
  };
}

export { round };
