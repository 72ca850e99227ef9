// A set of raw .eml fixtures with their expected stored bodies, checked end to end: raw .eml → postal-mime → the
// body the inbound pipeline stores (src/email/inbound/body.ts), and for multipart/alternative cases the HTML part
// on its own. Shared by the intl and world sets; scores are in docs/REPLY_STRIPPING.md.
import { describe, expect, it } from "vitest";
import { emailText } from "../../src/email/inbound/body";
import { parseEmail } from "../../src/email/inbound/parse";
import { extractReplyFromHtml } from "../../src/email/reply";
import { byLines } from "../support/by-lines";

export interface Case {
  name: string;
  expected: string;
  note: string;
}

export async function storedBody(source: string): Promise<string> {
  const raw = new TextEncoder().encode(source); // the fixtures are ASCII (QP/base64/ISO-2022-JP) or UTF-8
  const email = await parseEmail(raw);
  return emailText(email!, raw).body;
}

/** `eml`: the fixtures as import.meta.glob loads them (path → source). */
export function describeCorpus(title: string, cases: Case[], eml: Record<string, string>, count: number): void {
  const byName = new Map(Object.entries(eml).map(([path, source]) => [(path.split("/").pop() ?? "").replace(/\.eml$/, ""), source]));
  describe(title, () => {
    it(`has all ${count} cases, each with its .eml`, () => {
      expect(cases).toHaveLength(count);
      expect(byName.size).toBe(count);
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
}
