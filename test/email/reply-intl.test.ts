/// <reference types="vite/client" />
// Central European languages and more clients, end to end: raw .eml → postal-mime → the body the
// inbound pipeline stores (src/email/inbound/body.ts). Scores are in docs/REPLY_STRIPPING.md.
import { describe, expect, it } from "vitest";
import { emailText } from "../../src/email/inbound/body";
import { extractReplyFromHtml } from "../../src/email/reply";
import { parseEmail } from "../../src/email/inbound/parse";
import cases from "../fixtures/emails/intl/cases.json";

const eml = import.meta.glob<string>("../fixtures/emails/intl/*.eml", { query: "?raw", import: "default", eager: true });
const byName = new Map(Object.entries(eml).map(([path, source]) => [(path.split("/").pop() ?? "").replace(/\.eml$/, ""), source]));

/** Trim every line, collapse blank-line runs, trim: how the held-out set compares too. */
const byLines = (s: string) =>
  s
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

async function storedBody(source: string): Promise<string> {
  const raw = new TextEncoder().encode(source); // the fixtures are ASCII (QP/base64) or UTF-8
  const email = await parseEmail(raw);
  return emailText(email!, raw).body;
}

describe("Central European languages and clients (raw .eml → stored body)", () => {
  it("has all 99 cases, each with its .eml", () => {
    expect(cases).toHaveLength(99);
    expect(byName.size).toBe(99);
    for (const { name } of cases) expect(byName.has(name), `${name}.eml`).toBe(true);
  });

  it.each(cases)("$name ($note)", async ({ name, expected }) => {
    expect(byLines(await storedBody(byName.get(name) ?? ""))).toBe(byLines(expected));
  });

  // The HTML alternative of the multipart cases must give the same reply.
  const withHtml = cases.filter(({ name }) => /multipart\/alternative/i.test(byName.get(name) ?? ""));
  it.each(withHtml)("$name, HTML part", async ({ name, expected }) => {
    const email = await parseEmail(new TextEncoder().encode(byName.get(name) ?? ""));
    expect(byLines(extractReplyFromHtml(email?.html ?? "").reply)).toBe(byLines(expected));
  });
});
