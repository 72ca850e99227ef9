// Shared pieces of the security suite. Everything else comes from the suite-wide helpers:
// test/support/http.ts (call, signIn, demoWorld), test/email/inbound-support.ts (deliver, fill,
// conversation…), test/http/pages/support.ts (html, applyOnPage) and test/live/helpers.ts (upgrade).
import { env } from "cloudflare:test";
import { candidateToken } from "../../src/conversations/candidate-link";
import { call, demoWorld, json } from "../support/http";
import { conversation } from "../email/inbound-support";

export type World = Awaited<ReturnType<typeof demoWorld>>;

/** A signed candidate link of an application (link version 1, as issued on applying). */
export const linkOf = (applicationId: number) => candidateToken(env.LINK_SECRET, applicationId, 1);

/** The same token with one character of its signature changed (still well-formed). */
export function tamper(token: string): string {
  const last = token.at(-1)!;
  return token.slice(0, -1) + (last === "A" ? "B" : "A");
}

/** A valid token of one application, re-pointed at another: id changed, signature kept. */
export function retarget(token: string, applicationId: number): string {
  return token.replace(/^\d+\./, `${applicationId}.`);
}

/** A session cookie with one character of its token changed. */
export function tamperCookie(cookie: string): string {
  const [name, value] = cookie.split("=") as [string, string];
  return `${name}=${tamper(value)}`;
}

/**
 * Two Acme conversations (A and B, each with the cover letter, Jana's answer and an emailed
 * attachment) and one of Globex (G), with every candidate's link.
 */
export async function securityWorld(prefix: string) {
  const world = await demoWorld();
  const a = await conversation(world, `${prefix}-anna@example.net`);
  const b = await conversation(world, `${prefix}-bob@example.net`);
  const g = await json<{ applicationId: number }>(
    await call(`/api/offers/${world.globex.offerId}/candidates`, { cookie: world.eva, json: { name: "Gustav Globex", email: `${prefix}-gustav@example.net` } }),
  );
  return {
    ...world,
    a: { ...a, email: `${prefix}-anna@example.net`, token: await linkOf(a.applicationId) },
    b: { ...b, email: `${prefix}-bob@example.net`, token: await linkOf(b.applicationId) },
    g: { applicationId: g.applicationId, token: await linkOf(g.applicationId) },
  };
}

/** A reply with one attachment, as a mail client writes it (multipart/mixed, base64 file). */
export function mimeWithAttachment(opts: {
  from: string;
  to: string;
  msgId: string;
  subject?: string;
  body: string;
  filename: string;
  contentType?: string;
  content?: string;
}): string {
  const boundary = "=_sec_boundary_42";
  const file = btoa(opts.content ?? "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".repeat(40));
  const encodedName = `=?UTF-8?B?${utf8Base64(opts.filename)}?=`;
  return [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject ? `=?UTF-8?B?${utf8Base64(opts.subject)}?=` : "Re: CV"}`,
    "Date: Thu, 26 Nov 2026 10:15:00 +0100",
    `Message-ID: ${opts.msgId}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    utf8Base64(opts.body),
    `--${boundary}`,
    `Content-Type: ${opts.contentType ?? "application/pdf"}; name="${encodedName}"`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment; filename="${encodedName}"`,
    "",
    ...(file.match(/.{1,76}/g) ?? []),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

export function utf8Base64(text: string): string {
  return btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(""));
}

/** Every row of every app table (and the R2 keys): equal before and after means nothing changed. */
export async function everything(): Promise<Record<string, unknown>> {
  // search_index's own shadow tables (some without rowid) only mirror it; the index itself is compared.
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT LIKE 'search_index_%' ORDER BY name",
  ).all<{ name: string }>();
  const dump: Record<string, unknown> = {};
  for (const { name } of tables.results) {
    // Delivery (state, attempts, sent Message-ID) moves on by itself in the background; which emails exist does not.
    const columns = name === "outbox" ? "id, kind, to_address, application_id, message_id" : "*";
    dump[name] = (await env.DB.prepare(`SELECT ${columns} FROM "${name}" ORDER BY rowid`).all()).results;
  }
  dump["r2"] = await r2Keys("");
  return dump;
}

export async function r2Keys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.FILES.list({ prefix, cursor });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys.sort();
}
