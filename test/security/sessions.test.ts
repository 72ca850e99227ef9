// Sessions from the admin's side: an expired session opens nothing (pages, API, live), signing out through
// the page form kills the cookie everywhere, signing in never keeps a cookie the visitor came with, and the
// login form is rate-limited by account and by IP like the API (test/http/auth.test.ts covers the API).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { readSession } from "../../src/accounts/sessions";
import { sessions } from "../../src/db/schema";
import { db } from "../email/inbound-support";
import { upgrade } from "../live/helpers";
import { sessionCookie } from "../http/pages/support";
import { call, demoWorld, signIn } from "../support/http";

let w: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  w = await demoWorld();
});

/** What a signed-in admin can reach, each answered as for a stranger when the session is not valid. */
async function expectSignedOut(cookie: string) {
  const inbox = await call("/admin", { cookie });
  expect(inbox.status).toBe(302);
  expect(inbox.headers.get("Location")).toBe("/login?next=%2Fadmin");
  expect((await call("/api/offers", { cookie })).status).toBe(401);
  expect((await call("/api/notifications", { cookie })).status).toBe(401);
  expect((await call(`/api/offers/${w.acme.offerId}/candidates`, { cookie, json: { name: "Ghost", email: "ghost@example.net" } })).status).toBe(401);
  const live = await upgrade("/api/live", { Cookie: cookie });
  expect(live.status).toBe(401);
  expect(live.webSocket).toBeFalsy();
  await live.text();
}

async function expectSignedIn(cookie: string) {
  expect((await call("/admin", { cookie })).status).toBe(200);
  expect((await call("/api/offers", { cookie })).status).toBe(200);
}

async function sessionRow(cookie: string) {
  const claims = await readSession(env.LINK_SECRET, cookie.split("=")[1]!);
  if (!claims) return undefined;
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, claims.tokenHash));
  return row;
}

describe("session expiry", () => {
  it("a session past its expiry opens no page, API call or live socket; the admin's other sessions still work", async () => {
    const [stale, fresh] = [await signIn("petr@acme.example"), await signIn("petr@acme.example")];
    await expectSignedIn(stale);
    await db
      .update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(sessions.tokenHash, (await sessionRow(stale))!.tokenHash));
    await expectSignedOut(stale);
    await expectSignedIn(fresh);
  });

  it("a cookie expires with the session (Max-Age equals the session's lifetime) and is HttpOnly and SameSite=Lax", async () => {
    const res = await call("/login", { form: { email: "petr@acme.example", password: "demo1234" } });
    expect(res.status).toBe(303);
    const header = res.headers.getSetCookie().find((c) => c.startsWith("session="))!;
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
    expect(header).toContain("Path=/");
    const row = (await sessionRow(sessionCookie(res)))!;
    const maxAge = Number(/Max-Age=(\d+)/.exec(header)![1]);
    expect(maxAge * 1000).toBeGreaterThanOrEqual(row.expiresAt - row.createdAt - 1000);
    expect(maxAge * 1000).toBeLessThanOrEqual(row.expiresAt - row.createdAt);
  });
});

describe("signing out through the page form", () => {
  it("clears the cookie and ends the session on the server: the old cookie opens nothing", async () => {
    const cookie = await signIn("jana@acme.example");
    const other = await signIn("jana@acme.example");
    await expectSignedIn(cookie);
    const res = await call("/logout", { method: "POST", cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/login");
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith("session="));
    expect(cleared).toMatch(/^session=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await sessionRow(cookie)).toBeUndefined();
    // A copy of the cookie kept elsewhere (another tab, a stolen copy) is dead too.
    await expectSignedOut(cookie);
    // Signing out one browser leaves the admin's other sessions alone.
    await expectSignedIn(other);
  });

  it("private pages are never cached, so the back button after signing out shows nothing", async () => {
    const cookie = await signIn("jana@acme.example");
    const inbox = await call("/admin", { cookie });
    expect(inbox.headers.get("Cache-Control")).toContain("no-store");
    await inbox.text();
  });
});

describe("signing in", () => {
  it("issues a new session token, never keeping one the visitor brought along (session fixation)", async () => {
    const planted = await signIn("jana@acme.example");
    const res = await call("/login", { cookie: planted, form: { email: "petr@acme.example", password: "demo1234" } });
    expect(res.status).toBe(303);
    const issued = sessionCookie(res);
    expect(issued).not.toBe(planted);
    expect((await sessionRow(issued))!.adminId).toBe(w.acme.adminIds["petr@acme.example"]);
    // The planted cookie still belongs to Jana, not to Petr.
    expect((await sessionRow(planted))!.adminId).toBe(w.acme.adminIds["jana@acme.example"]);
  });

  it("redirects only to our own pages after signing in (?next= to another site goes to /admin)", async () => {
    for (const next of ["//evil.example/admin", "/\\evil.example", "https://evil.example", "javascript:alert(1)"]) {
      const res = await call("/login", { form: { email: "petr@acme.example", password: "demo1234", next } });
      expect(res.status).toBe(303);
      expect(res.headers.get("Location"), next).toBe("/admin");
    }
    // The language switch takes a ?next= too.
    for (const next of ["//evil.example/admin", "https://evil.example"]) {
      const res = await call("/lang", { form: { lang: "en", next } });
      expect(res.status).toBe(303);
      expect(res.headers.get("Location"), next).toBe("/admin");
    }
  });
});

describe("login rate limits through the page form", () => {
  it("after 5 failures for one account the form answers 429 with Retry-After, even with the right password, and signs nobody in", async () => {
    const headers = { "CF-Connecting-IP": "198.51.100.1" };
    for (let i = 0; i < 5; i++) {
      const res = await call("/login", { headers, form: { email: "eva@globex.example", password: `wrong-${i}` } });
      expect(res.status).toBe(401);
      await res.text();
    }
    const blocked = await call("/login", { headers: { "CF-Connecting-IP": "198.51.100.2" }, form: { email: "eva@globex.example", password: "demo1234" } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(blocked.headers.get("Content-Type")).toContain("text/html");
    expect(blocked.headers.getSetCookie().filter((c) => c.startsWith("session="))).toEqual([]);
    await blocked.text();
    // Other accounts are not affected by Eva's failures.
    expect((await call("/login", { headers, form: { email: "jana@acme.example", password: "demo1234" } })).status).toBe(303);
  });

  it("after 20 failures from one IP the form blocks every account from that IP, and only from that IP", async () => {
    const headers = { "CF-Connecting-IP": "203.0.113.99" };
    for (let i = 0; i < 20; i++) {
      const res = await call("/login", { headers, form: { email: `guess-${i}@acme.example`, password: "x" } });
      expect(res.status).toBe(401);
      await res.text();
    }
    const blocked = await call("/login", { headers, form: { email: "petr@acme.example", password: "demo1234" } });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.getSetCookie().filter((c) => c.startsWith("session="))).toEqual([]);
    await blocked.text();
    // The same IP is blocked on the API too: the limit is one, whichever door is used.
    expect((await call("/api/session", { headers, json: { email: "petr@acme.example", password: "demo1234" } })).status).toBe(429);
    expect((await call("/login", { headers: { "CF-Connecting-IP": "203.0.113.100" }, form: { email: "petr@acme.example", password: "demo1234" } })).status).toBe(303);
  });

  it("failures through the API and the form count together for one account", async () => {
    const account = "petr@acme.example";
    for (let i = 0; i < 3; i++) expect((await call("/api/session", { json: { email: account, password: `api-wrong-${i}` } })).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await call("/login", { form: { email: account, password: `form-wrong-${i}` } })).status).toBe(401);
    expect((await call("/login", { form: { email: account, password: "demo1234" } })).status).toBe(429);
  });
});
