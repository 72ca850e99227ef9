// Scores the reply extractor against the public fixture sets, in Node (fast to iterate).
// The vitest suite (test/email/reply*.test.ts) asserts the same numbers inside workerd.
//   npx tsx scripts/reply-score.ts            scores only
//   npx tsx scripts/reply-score.ts -v         plus a diff of every failing case
//   npx tsx scripts/reply-score.ts -v name    only cases whose name contains "name"
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { emailText } from "../src/email/inbound/body";
import { extractReply, extractReplyFromHtml } from "../src/email/reply/index";
import { byLines as lines } from "../test/support/by-lines";

const root = "test/fixtures/emails";
const verbose = process.argv.includes("-v");
const only = process.argv.slice(2).find((a) => !a.startsWith("-"));

const words = (s: string) => s.replace(/\s+/g, " ").trim();

/** The body the inbound pipeline would store (the text part through the raw-MIME flowed step), or the HTML part's. */
async function fromEml(raw: string, prefer: "text" | "html" = "text"): Promise<{ reply: string }> {
  const filled = raw
    .replaceAll("{{FROM}}", "Lukas <lukas@example.net>")
    .replaceAll("{{TO}}", "jobs+x@reply.jobs.example")
    .replaceAll("{{MSGID}}", "<reply-1@example.net>")
    .replaceAll("{{INREPLYTO}}", "<notification-1@jobs.example>");
  const email = await PostalMime.parse(filled);
  if (prefer === "html" && email.html) return extractReplyFromHtml(email.html);
  return { reply: emailText(email, new TextEncoder().encode(filled)).body };
}

interface Case {
  name: string;
  actual: string;
  expected: string;
  cmp: (s: string) => string;
}

function report(set: string, cases: Case[]): void {
  const failing = cases.filter((c) => !only || c.name.includes(only)).filter((c) => c.cmp(c.actual) !== c.cmp(c.expected));
  console.log(`${set}: ${cases.length - failing.length}/${cases.length}${failing.length ? `  failing: ${failing.map((c) => c.name).join(", ")}` : ""}`);
  if (!verbose) return;
  for (const c of failing) console.log(`--- ${c.name}\n[expected]\n${c.cmp(c.expected)}\n[actual]\n${c.cmp(c.actual)}\n`);
}

// The raw-.eml sets with a cases.json: Czech-centred, Central European (intl), and 25 more languages (world).
for (const set of ["cs", "intl", "world"]) {
  const cases = JSON.parse(readFileSync(join(root, set, "cases.json"), "utf8")) as { name: string; expected: string }[];
  const text: Case[] = [];
  const html: Case[] = [];
  for (const c of cases) {
    const raw = readFileSync(join(root, set, `${c.name}.eml`), "utf8");
    text.push({ name: c.name, actual: (await fromEml(raw)).reply, expected: c.expected, cmp: lines });
    if (raw.includes("text/html")) html.push({ name: c.name, actual: (await fromEml(raw, "html")).reply, expected: c.expected, cmp: lines });
  }
  report(set, text);
  report(`${set} (HTML part)`, html);
}

const trimmerDir = join(root, "email_reply_trimmer");
report(
  "email_reply_trimmer",
  readdirSync(join(trimmerDir, "emails"))
    .sort()
    .map((f) => ({
      name: f,
      actual: extractReply(readFileSync(join(trimmerDir, "emails", f), "utf8")).reply,
      expected: readFileSync(join(trimmerDir, "trimmed", f), "utf8"),
      cmp: lines,
    })),
);

const talonHtml = join(root, "talon/html_replies");
report(
  "talon html",
  readdirSync(talonHtml)
    .sort()
    .map((f) => ({
      name: f,
      actual: extractReplyFromHtml(readFileSync(join(talonHtml, f), "utf8")).reply,
      expected: "Hi. I am fine.\n\nThanks,\nAlex",
      cmp: words,
    })),
);

const talonStd = join(root, "talon/standard_replies");
const stdCases: Case[] = [];
for (const f of readdirSync(talonStd)
  .filter((f) => f.endsWith(".eml"))
  .sort()) {
  const base = f.replace(/\.eml$/, "");
  const expectedFile = join(talonStd, `${base}_reply_text`);
  const got = await fromEml(readFileSync(join(talonStd, f), "utf8"));
  stdCases.push({ name: base, actual: got.reply, expected: existsSync(expectedFile) ? readFileSync(expectedFile, "utf8") : "Hello", cmp: lines });
}
report("talon standard", stdCases);

const erpDir = join(root, "email-reply-parser/test/fixtures");
const erp = readdirSync(erpDir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const empty = erp.filter((f) => {
  const text = readFileSync(join(erpDir, f), "utf8");
  return text.trim() !== "" && extractReply(text).reply === "";
});
console.log(`email-reply-parser: ${erp.length - empty.length}/${erp.length} non-empty${empty.length ? `  empty: ${empty.join(", ")}` : ""}`);
if (verbose && only) {
  for (const f of erp.filter((f) => f.includes(only))) {
    console.log(`--- ${f}\n${extractReply(readFileSync(join(erpDir, f), "utf8")).reply}\n`);
  }
}
