// Bulk history for the scale bench, written as SQL files and loaded with `wrangler d1 execute --file`.
// Grows the local database incrementally to a number of applications and messages, shaped like what
// postMessage writes: per message its notifications (every admin of the company but the author), an outbox row
// (to the candidate for admin messages, to the offer's notification address for candidate messages), and per
// application last_message_id / preview / author / last_activity_at, read markers with per-admin unread counts,
// and admins.unread_count kept equal to that admin's unread notifications.
//
//   node bench/seed-scale.mjs --persist-to bench/.state/scale/db --applications 10000 --messages 100000 [--config wrangler.toml]
//
// Needs the demo data first (POST /dev/seed); everything lands in the first demo company (Acme), the worst case
// for its inbox. One application ("the long conversation") gets 10 % of all messages.
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { d1Execute } from "./lib/wrangler.mjs";

const MAX_STATEMENT_BYTES = 90_000; // D1 refuses statements over 100 KB
const MAX_FILE_BYTES = 4_000_000;
const LONG_SHARE = 0.1;
const UNREAD_SHARE = 0.3; // applications whose latest candidate message is still unread
const REJECTED_SHARE = 0.1;

const FIRST = ["Lukáš", "Tereza", "Jan", "Kateřina", "Petr", "Lucie", "Martin", "Veronika", "Tomáš", "Barbora", "Jakub", "Eliška", "David", "Anna", "Ondřej", "Klára"];
const LAST = ["Procházka", "Nováková", "Dvořák", "Černá", "Kučera", "Veselá", "Horák", "Marková", "Němec", "Pokorná", "Král", "Benešová", "Růžička", "Fialová"];
const CANDIDATE_LINES = [
  "Dobrý den, děkuji za odpověď. Úterý ve 14:00 mi vyhovuje, přijdu rád osobně.",
  "Posílám odkaz na svůj GitHub, najdete tam i projekt s Cloudflare Workers a D1.",
  "Mohl bych se zeptat, jak vypadá tým a jakým způsobem plánujete sprinty?",
  "Hello, thank you for getting back to me. Could we move the call to Thursday morning?",
  "Děkuji, zadání jsem dostal. Vypracované řešení pošlu nejpozději v pátek.",
  "I have attached my updated CV and a short summary of the projects I led last year.",
  "Jaký je rozsah home office a kde přesně sídlí kancelář?",
  "Thanks a lot for the interview today, I really enjoyed talking to the team.",
];
const ADMIN_LINES = [
  "Dobrý den, děkujeme za přihlášku. Hodil by se vám pohovor v úterý ve 14:00?",
  "Děkujeme, posíláme zadání úkolu. Na vypracování máte týden, kdyby něco, ozvěte se.",
  "Thank you, we have received your task. We will get back to you by Wednesday.",
  "Tým má šest lidí, sprinty jsou dvoutýdenní a home office je možný tři dny v týdnu.",
  "Kancelář je v Brně na Vlněně, pošlu vám odkaz na mapu a instrukce k parkování.",
  "Great, Thursday at 9:30 works for us. Eva will send you a calendar invitation.",
];

const q = (v) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

/**
 * Collects rows per table and writes them as multi-row INSERTs (each under MAX_STATEMENT_BYTES) into files of at
 * most MAX_FILE_BYTES, tables in foreign-key order (D1 enforces foreign keys), then the plain statements.
 */
class SqlWriter {
  constructor(dir) {
    this.dir = dir;
    this.tables = new Map(); // key → { table, head, rows }
    this.statements = [];
  }
  insert(table, columns, values, verb = "INSERT") {
    const key = `${verb} ${table}(${columns.join(",")})`;
    let t = this.tables.get(key);
    if (!t) {
      t = { table, head: `${verb} INTO ${table} (${columns.join(", ")}) VALUES\n`, rows: [] };
      this.tables.set(key, t);
    }
    t.rows.push(`(${values.map(q).join(", ")})`);
  }
  statement(sql) {
    this.statements.push(sql.trim().replace(/;?$/, ";\n"));
  }
  finish(order) {
    const files = [];
    let current = [];
    let currentBytes = 0;
    const flushFile = () => {
      if (current.length === 0) return;
      const file = join(this.dir, `chunk-${String(files.length).padStart(3, "0")}.sql`);
      writeFileSync(file, current.join(""));
      files.push(file);
      current = [];
      currentBytes = 0;
    };
    const add = (text) => {
      const bytes = Buffer.byteLength(text);
      if (currentBytes + bytes > MAX_FILE_BYTES) flushFile();
      current.push(text);
      currentBytes += bytes;
    };
    const tables = [...this.tables.values()].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
    for (const t of tables) {
      let rows = [];
      let bytes = t.head.length;
      for (const row of t.rows) {
        const size = Buffer.byteLength(row) + 2;
        if (bytes + size > MAX_STATEMENT_BYTES && rows.length > 0) {
          add(t.head + rows.join(",\n") + ";\n");
          rows = [];
          bytes = t.head.length;
        }
        rows.push(row);
        bytes += size;
      }
      if (rows.length > 0) add(t.head + rows.join(",\n") + ";\n");
    }
    for (const s of this.statements) add(s);
    flushFile();
    return files;
  }
}

async function query(config, persistTo, sql) {
  const [result] = await d1Execute({ config, persistTo, command: sql });
  return result.results;
}

/** Seeds up to the given totals (counting what is already there); returns what was added and how long it took. */
export async function seedScale({ config, persistTo, applications: targetApps, messages: targetMessages, log = console.log }) {
  const started = Date.now();
  // One wrangler call for everything we need to know first (each call starts a local runtime).
  const [acmeRows, admins, maxRows, longRows] = (
    await d1Execute({
      config,
      persistTo,
      command: `SELECT c.id AS companyId, o.id AS offerId, na.id AS addressId, na.email AS address
        FROM companies c JOIN offers o ON o.company_id = c.id JOIN notification_addresses na ON na.offer_id = o.id ORDER BY c.id, o.id LIMIT 1;
      SELECT id, name, email FROM admins WHERE company_id = (SELECT min(id) FROM companies) ORDER BY id;
      SELECT (SELECT coalesce(max(id), 0) FROM messages) AS message, (SELECT coalesce(max(id), 0) FROM applications) AS application,
        (SELECT coalesce(max(id), 0) FROM candidates) AS candidate, (SELECT coalesce(max(id), 0) FROM notifications) AS notification,
        (SELECT coalesce(max(id), 0) FROM outbox) AS outbox, (SELECT count(*) FROM messages) AS messages,
        (SELECT count(*) FROM applications) AS applications;
      SELECT a.id, a.candidate_id AS candidateId, c.name, c.email, (SELECT count(*) FROM messages m WHERE m.application_id = a.id) AS count
        FROM applications a JOIN candidates c ON c.id = a.candidate_id WHERE c.email = 'long.conversation@example.com'`,
    })
  ).map((r) => r.results);
  const acme = acmeRows[0];
  if (!acme) throw new Error("no demo company: POST /dev/seed first");
  const max = maxRows[0];
  const long = longRows[0];

  const addApps = Math.max(0, targetApps - max.applications);
  const addMessages = Math.max(0, targetMessages - max.messages);
  const dir = join(persistTo, "..", "seed-sql");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const w = new SqlWriter(dir);

  const now = Date.now();
  let nextMessage = max.message + 1;
  let nextApp = max.application + 1;
  let nextCandidate = max.candidate + 1;
  let nextNotification = max.notification + 1;
  let nextOutbox = max.outbox + 1;
  const unreadByAdmin = new Map(admins.map((a) => [a.id, 0]));

  // Messages: the long conversation's share, the rest spread evenly over the new applications.
  const longTarget = Math.round(targetMessages * LONG_SHARE);
  const longAdd = long ? Math.max(0, longTarget - long.count) : longTarget;
  const newAppCount = addApps;
  if (!long && newAppCount === 0) throw new Error("need at least one new application for the long conversation");
  const appPlans = [];
  for (let i = 0; i < newAppCount; i++) {
    const isLong = !long && i === 0;
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const candidateId = nextCandidate++;
    appPlans.push({
      id: nextApp++,
      candidateId,
      name: isLong ? "Dlouhá Konverzace" : `${first} ${last}`,
      email: isLong ? "long.conversation@example.com" : `cand${candidateId}.${max.application + i}@example.com`,
      status: !isLong && i % Math.round(1 / REJECTED_SHARE) === 3 ? "rejected" : "active",
      source: i % 5 === 0 ? "manual" : "applied",
      messages: 0,
      isLong,
    });
  }
  if (long) appPlans.unshift({ id: long.id, candidateId: long.candidateId, name: long.name, email: long.email, messages: 0, isLong: true, existing: true });
  const longPlan = appPlans.find((p) => p.isLong);
  longPlan.messages = longAdd;
  const spread = appPlans.filter((p) => !p.isLong);
  const rest = addMessages - longAdd;
  if (spread.length === 0 && rest > 0) longPlan.messages += rest;
  spread.forEach((p, i) => (p.messages = Math.floor(rest / spread.length) + (i < rest % spread.length ? 1 : 0)));
  for (const p of spread) if (p.messages === 0) p.messages = 1; // every application has at least its cover letter

  // Time runs forward through this batch, ending a minute ago.
  const totalNew = appPlans.reduce((s, p) => s + p.messages, 0);
  let clock = now - 60_000 - totalNew * 500;
  const tick = () => (clock += 500);

  for (const p of appPlans) {
    const createdAt = clock;
    if (!p.existing) {
      w.insert("candidates", ["id", "company_id", "name", "email", "created_at"], [p.candidateId, acme.companyId, p.name, p.email, createdAt]);
    }
    let lastId = null;
    let lastBody = "";
    let lastAuthor = "";
    let lastByCandidate = false;
    let lastAt = createdAt;
    const unreadHere = new Map(admins.map((a) => [a.id, 0]));
    const lastReadBy = new Map(admins.map((a) => [a.id, 0]));
    let candidateLastRead = 0;
    const leaveUnread = !p.isLong && p.status === "active" && p.id % 10 < UNREAD_SHARE * 10;
    for (let k = 0; k < p.messages; k++) {
      const id = nextMessage++;
      const at = tick();
      const isLastOne = k === p.messages - 1;
      // Conversations start with the candidate's cover letter and then alternate.
      const byCandidate = k % 2 === 0;
      const admin = admins[(k >> 1) % admins.length];
      const lines = byCandidate ? CANDIDATE_LINES : ADMIN_LINES;
      const body = `${lines[(id * 31) % lines.length]}\n\n${byCandidate ? p.name : admin.name}`;
      const channel = byCandidate && k % 4 === 2 ? "email" : "web";
      const originalBody = channel === "email" ? `${body}\n\n> ${ADMIN_LINES[(id * 7) % ADMIN_LINES.length]}` : null;
      w.insert(
        "messages",
        ["id", "uid", "application_id", "company_id", "author_kind", "author_admin_id", "author_name", "author_email", "channel", "body", "original_body", "created_at"],
        [
          id,
          randomUUID(),
          p.id,
          acme.companyId,
          byCandidate ? "candidate" : "admin",
          byCandidate ? null : admin.id,
          byCandidate ? p.name : admin.name,
          byCandidate ? p.email : admin.email,
          channel,
          body,
          originalBody,
          at,
        ],
      );
      // Notifications: every admin of the company but the author; read unless it is the last, left-unread one.
      for (const a of admins) {
        if (!byCandidate && a.id === admin.id) continue;
        const unread = leaveUnread && isLastOne;
        w.insert(
          "notifications",
          ["id", "company_id", "admin_id", "application_id", "message_id", "author_kind", "author_name", "candidate_name", "preview", "created_at", "read_at"],
          [
            nextNotification++,
            acme.companyId,
            a.id,
            p.id,
            id,
            byCandidate ? "candidate" : "admin",
            byCandidate ? p.name : admin.name,
            p.name,
            body.slice(0, 120),
            at,
            unread ? null : at + 60_000,
          ],
        );
        if (unread) {
          unreadHere.set(a.id, unreadHere.get(a.id) + 1);
          unreadByAdmin.set(a.id, unreadByAdmin.get(a.id) + 1);
        } else lastReadBy.set(a.id, id);
      }
      if (!byCandidate) lastReadBy.set(admin.id, id);
      if (byCandidate) candidateLastRead = id;
      // The email it caused, already sent.
      const toAddress = byCandidate ? acme.address : p.email;
      w.insert(
        "outbox",
        [
          "id",
          "company_id",
          "application_id",
          "message_id",
          "kind",
          "recipient_kind",
          "to_address",
          "from_address",
          "reply_to",
          "subject",
          "text_body",
          "html_body",
          "state",
          "attempts",
          "next_attempt_at",
          "sent_message_id",
          "created_at",
          "sent_at",
          "hidden_in_dev_mailbox",
        ],
        [
          nextOutbox++,
          acme.companyId,
          p.id,
          id,
          byCandidate ? (k === 0 ? "new_candidate" : "new_message") : "candidate_message",
          byCandidate ? `address:${acme.addressId}` : "candidate",
          toAddress,
          "notifications@jobs.example",
          `r${p.id}x${byCandidate ? "a" : "c"}bench@reply.jobs.example`,
          `Backend Engineer (TypeScript) – ${p.name}`,
          `${body}\n\nhttp://localhost:8787/c/bench`,
          `<p>${body.replaceAll("\n", "<br>")}</p>`,
          "sent",
          1,
          at,
          `<${id}.bench@jobs.example>`,
          at,
          at + 1000,
          1,
        ],
      );
      lastId = id;
      lastBody = body;
      lastAuthor = byCandidate ? p.name : admin.name;
      lastByCandidate = byCandidate;
      lastAt = at;
    }
    // Whose turn it is, as the message writes keep it; every third conversation has an owner (the queues' shape).
    const waitingOn = p.messages > 0 ? (lastByCandidate ? "company" : "candidate") : null;
    const assignee = p.id % 3 === 0 ? admins[p.id % admins.length] : null;
    if (p.existing) {
      w.statement(`UPDATE applications SET last_message_id = ${lastId}, last_activity_at = ${lastAt}, last_message_preview = ${q(lastBody.slice(0, 160))},
        last_message_author = ${q(lastAuthor)}, waiting_on = ${q(waitingOn)} WHERE id = ${p.id}`);
    } else {
      w.insert(
        "applications",
        [
          "id",
          "company_id",
          "offer_id",
          "candidate_id",
          "candidate_name",
          "candidate_email",
          "status",
          "source",
          "link_version",
          "last_message_id",
          "last_message_preview",
          "last_message_author",
          "last_activity_at",
          "waiting_on",
          "assignee_admin_id",
          "assignee_name",
          "created_at",
        ],
        [
          p.id,
          acme.companyId,
          acme.offerId,
          p.candidateId,
          p.name,
          p.email,
          p.status,
          p.source,
          1,
          lastId,
          lastBody.slice(0, 160),
          lastAuthor,
          lastAt,
          waitingOn,
          assignee?.id ?? null,
          assignee?.name ?? null,
          createdAt,
        ],
      );
    }
    for (const a of admins) {
      w.insert(
        "read_markers",
        ["application_id", "reader", "last_read_message_id", "unread", "read_at"],
        [p.id, `admin:${a.id}`, lastReadBy.get(a.id), unreadHere.get(a.id), lastAt],
        "INSERT OR REPLACE",
      );
    }
    w.insert("read_markers", ["application_id", "reader", "last_read_message_id", "unread", "read_at"], [p.id, "candidate", candidateLastRead, 0, lastAt], "INSERT OR REPLACE");
  }
  for (const a of admins) {
    if (unreadByAdmin.get(a.id) > 0) w.statement(`UPDATE admins SET unread_count = unread_count + ${unreadByAdmin.get(a.id)} WHERE id = ${a.id}`);
  }
  const allFiles = w.finish(["candidates", "applications", "messages", "notifications", "outbox", "read_markers"]);
  const generatedMs = Date.now() - started;
  let bytes = 0;
  for (const [i, file] of allFiles.entries()) {
    const size = statSync(file).size;
    bytes += size;
    const t = Date.now();
    await d1Execute({ config, persistTo, file });
    log(`    loaded ${file.split("/").slice(-1)[0]} (${(size / 1e6).toFixed(1)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s [${i + 1}/${allFiles.length}]`);
  }
  const [after] = await query(
    config,
    persistTo,
    `SELECT (SELECT count(*) FROM applications) AS applications, (SELECT count(*) FROM messages) AS messages,
    (SELECT count(*) FROM notifications) AS notifications, (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM read_markers) AS readMarkers`,
  );
  return {
    added: { applications: addApps, messages: totalNew },
    totals: after,
    sqlMB: Number((bytes / 1e6).toFixed(1)),
    files: allFiles.length,
    generatedMs,
    seconds: Math.round((Date.now() - started) / 1000),
    longConversationId: longPlan.id,
  };
}

// CLI
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const persistTo = arg("persist-to");
  if (!persistTo) {
    console.error("usage: node bench/seed-scale.mjs --persist-to DIR --applications N --messages M");
    process.exit(2);
  }
  const result = await seedScale({ config: arg("config"), persistTo, applications: Number(arg("applications", 10000)), messages: Number(arg("messages", 100000)) });
  console.log(JSON.stringify(result, null, 2));
}
