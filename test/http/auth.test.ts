import { env } from "cloudflare:test";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../src/db/schema";
import { seedDemo } from "../../src/dev/seed";
import { call, json, signIn } from "../support/http";

beforeAll(async () => {
  await seedDemo(env, { conversation: false });
});

describe("admin sign-in", () => {
  it("answers the admin and sets an HttpOnly, SameSite=Lax session cookie (not Secure on localhost)", async () => {
    const res = await call("/api/session", { json: { email: "Jana@Acme.example ", password: "demo1234" } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ admin: { id: expect.any(Number), name: "Jana Nováková", email: "jana@acme.example", companyId: expect.any(Number) } });
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
  });

  it("stores only a hash of the session token", async () => {
    const cookie = await signIn("petr@acme.example");
    const token = cookie.split("=")[1]!;
    const rows = await drizzle(env.DB).select().from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tokenHash !== token)).toBe(true);
  });

  it("refuses a wrong password and an unknown account alike with 401", async () => {
    for (const body of [
      { email: "eva@globex.example", password: "nope" },
      { email: "nobody@globex.example", password: "demo1234" },
    ]) {
      const res = await call("/api/session", { json: body });
      expect(res.status).toBe(401);
      expect(await json(res)).toMatchObject({ error: "invalid_credentials" });
    }
  });

  it("logout ends the session: the cookie no longer works", async () => {
    const cookie = await signIn("eva@globex.example");
    expect((await call("/api/offers", { cookie })).status).toBe(200);
    expect((await call("/api/session", { method: "DELETE", cookie })).status).toBe(204);
    expect((await call("/api/offers", { cookie })).status).toBe(401);
  });

  it("an expired session is refused", async () => {
    const cookie = await signIn("eva@globex.example");
    await drizzle(env.DB)
      .update(sessions)
      .set({ expiresAt: Date.now() - 1000 });
    expect((await call("/api/offers", { cookie })).status).toBe(401);
  });
});

describe("login rate limit", () => {
  it("after 5 failures for one account answers 429 with Retry-After, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await call("/api/session", { json: { email: "petr@acme.example", password: `wrong${i}` } })).status).toBe(401);
    }
    const blocked = await call("/api/session", { json: { email: "petr@acme.example", password: "demo1234" } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await json(blocked)).toMatchObject({ error: "rate_limited" });
    // Another account is not affected by Petr's failures.
    expect((await call("/api/session", { json: { email: "jana@acme.example", password: "demo1234" } })).status).toBe(200);
  });

  it("after 20 failures from one IP blocks every account from that IP", async () => {
    const headers = { "CF-Connecting-IP": "203.0.113.7" };
    for (let i = 0; i < 20; i++) {
      await call("/api/session", { json: { email: `guess${i}@acme.example`, password: "x" }, headers });
    }
    expect((await call("/api/session", { json: { email: "jana@acme.example", password: "demo1234" }, headers })).status).toBe(429);
    expect((await call("/api/session", { json: { email: "jana@acme.example", password: "demo1234" }, headers: { "CF-Connecting-IP": "203.0.113.8" } })).status).toBe(200);
  });
});
