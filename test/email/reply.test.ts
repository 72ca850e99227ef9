/// <reference types="vite/client" />
// Reply extraction against the fixture sets (scores are documented in docs/REPLY_STRIPPING.md).
// Known failures are listed by name and run with it.fails: a newly broken case fails the suite,
// and a newly fixed one fails too, so the list (and the doc) gets updated.
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { extractReply, extractReplyFromHtml, flowedPlainText, type ExtractedReply } from "../../src/email/reply";
import csCases from "../fixtures/emails/cs/cases.json";
import { byLines } from "../support/by-lines";

type Files = Record<string, string>;
// import.meta.glob needs literal options in every call (Vite analyses them statically).

const csEml = import.meta.glob<string>("../fixtures/emails/cs/*.eml", { query: "?raw", import: "default", eager: true });
const trimmerIn = import.meta.glob<string>("../fixtures/emails/email_reply_trimmer/emails/*.txt", { query: "?raw", import: "default", eager: true });
const trimmerOut = import.meta.glob<string>("../fixtures/emails/email_reply_trimmer/trimmed/*.txt", { query: "?raw", import: "default", eager: true });
const talonHtml = import.meta.glob<string>("../fixtures/emails/talon/html_replies/*.html", { query: "?raw", import: "default", eager: true });
const talonEml = import.meta.glob<string>("../fixtures/emails/talon/standard_replies/*.eml", { query: "?raw", import: "default", eager: true });
const talonExpected = import.meta.glob<string>("../fixtures/emails/talon/standard_replies/*_reply_text", { query: "?raw", import: "default", eager: true });
const parserFixtures = import.meta.glob<string>("../fixtures/emails/email-reply-parser/test/fixtures/*.txt", { query: "?raw", import: "default", eager: true });

const baseName = (path: string) => (path.split("/").pop() ?? path).replace(/\.(eml|txt|html)$/, "");
const byName = (files: Files) =>
  Object.entries(files)
    .map(([path, content]) => [baseName(path), content] as const)
    .sort(([a], [b]) => a.localeCompare(b));

const byWords = (s: string) => s.replace(/\s+/g, " ").trim();

/** What the inbound pipeline will do: parse MIME, prefer text/plain, else the HTML part. */
async function replyFromEml(source: string, prefer: "text" | "html" = "text"): Promise<ExtractedReply> {
  const raw = new TextEncoder().encode(
    source
      .replaceAll("{{FROM}}", "Lukáš Procházka <lukas.prochazka@example.net>")
      .replaceAll("{{TO}}", "jobs+abc@reply.jobs.example")
      .replaceAll("{{MSGID}}", "<reply-1@example.net>")
      .replaceAll("{{INREPLYTO}}", "<notification-1@jobs.example>"),
  );
  const email = await PostalMime.parse(raw);
  if (prefer === "html" && email.html) return extractReplyFromHtml(email.html);
  const text = flowedPlainText(raw) ?? email.text; // as src/email/inbound/body.ts does
  return text ? extractReply(text) : extractReplyFromHtml(email.html ?? "");
}

describe("Czech-centred client fixtures (via postal-mime)", () => {
  const emlByName = new Map(byName(csEml));
  it("has all 13 cases", () => expect(csCases).toHaveLength(13));

  it.each(csCases)("$name ($note)", async ({ name, expected }) => {
    const source = emlByName.get(name);
    expect(source, `${name}.eml`).toBeDefined();
    const result = await replyFromEml(source ?? "");
    expect(byLines(result.reply)).toBe(byLines(expected));
    expect(result.trimmed).toBe(name !== "no-quote-cs");
  });

  // The same messages' HTML alternative must give the same reply.
  const withHtml = csCases.filter(({ name }) => (emlByName.get(name) ?? "").includes("text/html"));
  it.each(withHtml)("$name, HTML part", async ({ name, expected }) => {
    const result = await replyFromEml(emlByName.get(name) ?? "", "html");
    expect(byLines(result.reply)).toBe(byLines(expected));
  });
});

describe("email_reply_trimmer fixtures", () => {
  // By design: a forwarded message is content the sender passes on, so we keep it; Discourse cuts it.
  const KNOWN_FAILURES = new Set(["forwarded_apple", "forwarded_gmail", "forwarded_message"]);
  const expected = new Map(byName(trimmerOut));
  const cases = byName(trimmerIn).map(([name, input]) => ({ name, input, expected: expected.get(name) ?? "" }));

  it("has all 64 cases with expectations", () => {
    expect(cases).toHaveLength(64);
    expect(cases.every(({ name }) => expected.has(name))).toBe(true);
  });

  it.each(cases.filter((c) => !KNOWN_FAILURES.has(c.name)))("$name", ({ input, expected }) => {
    expect(byLines(extractReply(input).reply)).toBe(byLines(expected));
  });

  const known = cases.filter((c) => KNOWN_FAILURES.has(c.name));
  if (known.length > 0) {
    it.fails.each(known)("$name (known failure)", ({ input, expected }) => {
      expect(byLines(extractReply(input).reply)).toBe(byLines(expected));
    });
  }

  it("keeps the note and the whole forwarded message in the forward cases", () => {
    for (const { name, input } of known) {
      const reply = extractReply(input).reply;
      expect(reply, name).toMatch(/(?:Forwarded message|Begin forwarded message)[\s\S]*Lorem ipsum|This is a forwarded email/);
      expect(reply, name).toMatch(/^(?:This email has been forwarded|-{10} Forwarded message)/);
    }
  });

  it(`scores at least ${64 - KNOWN_FAILURES.size}/64`, () => {
    const passing = cases.filter((c) => byLines(extractReply(c.input).reply) === byLines(c.expected)).length;
    expect(passing).toBeGreaterThanOrEqual(64 - KNOWN_FAILURES.size);
  });
});

describe("talon HTML replies", () => {
  const cases = byName(talonHtml).map(([name, html]) => ({ name, html }));
  it("has all 9 cases", () => expect(cases).toHaveLength(9));

  it.each(cases)("$name", ({ html }) => {
    const result = extractReplyFromHtml(html);
    expect(byWords(result.reply)).toBe(byWords("Hi. I am fine.\n\nThanks,\nAlex"));
    expect(result.trimmed).toBe(true);
  });
});

describe("talon standard replies (via postal-mime)", () => {
  // By design: we strip "Sent from my iPhone" and "-- " signatures, talon keeps them.
  const KNOWN_FAILURES = new Set(["iphone", "sparrow"]);
  const expectedByName = new Map(byName(talonExpected).map(([name, text]) => [name.replace(/_reply_text$/, ""), text] as const));
  const cases = byName(talonEml).map(([name, eml]) => ({ name, eml, expected: expectedByName.get(name) ?? "Hello" }));

  it("has all 12 cases", () => expect(cases).toHaveLength(12));

  it.each(cases.filter((c) => !KNOWN_FAILURES.has(c.name)))("$name", async ({ eml, expected }) => {
    expect(byLines((await replyFromEml(eml)).reply)).toBe(byLines(expected));
  });

  it.fails.each(cases.filter((c) => KNOWN_FAILURES.has(c.name)))("$name (known difference)", async ({ eml, expected }) => {
    expect(byLines((await replyFromEml(eml)).reply)).toBe(byLines(expected));
  });

  it("still gets the reply itself right for the known differences", async () => {
    for (const name of ["iphone", "sparrow"]) {
      const eml = cases.find((c) => c.name === name)?.eml ?? "";
      expect(byLines((await replyFromEml(eml)).reply)).toBe("Hello");
    }
  });
});

describe("email-reply-parser fixtures: robustness", () => {
  const cases = byName(parserFixtures).map(([name, text]) => ({ name, text }));
  it("has all 90 inputs", () => expect(cases).toHaveLength(90));

  it.each(cases)("$name: never throws, never empty", ({ text }) => {
    const result = extractReply(text);
    if (text.trim() !== "") expect(result.reply.trim()).not.toBe("");
    // Whatever is returned is taken from the message (no invented text).
    const source = text.replace(/\r/g, "").replace(/\u00a0/g, " ");
    for (const line of result.reply.split("\n")) expect(source).toContain(line.trim());
  });
});
