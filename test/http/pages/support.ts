import { expect } from "vitest";
import { call } from "../../support/http";

/** The page's HTML after checking it is a page (status, content type, CSP). */
export async function html(res: Response, status = 200): Promise<string> {
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  expect(res.headers.get("Content-Type")).toContain("text/html");
  expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
  return text;
}

export function langOf(page: string): string | undefined {
  return /<html lang="([a-z]+)"/.exec(page)?.[1];
}

/** Applies through the public offer page, as a browser without JavaScript would; returns the candidate's token. */
export async function applyOnPage(offerId: number, form: { name: string; email: string; message?: string }): Promise<{ token: string; applicationId: number }> {
  const page = await html(await call(`/offers/${offerId}`, { form: { message: "", ...form } }));
  const token = /\/c\/([A-Za-z0-9._~-]+)"/.exec(page)?.[1];
  if (!token) throw new Error("no conversation link on the thank-you page");
  return { token, applicationId: Number(token.split(".")[0]) };
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("session="));
  if (!cookie) throw new Error("no session cookie was set");
  return cookie.split(";")[0]!;
}

/** Turns HTML entities that hono/jsx writes back into text, for comparing bodies with stored text. */
export function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
