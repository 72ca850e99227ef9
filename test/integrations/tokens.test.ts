// API tokens (CONTRACT.md "Integrations"): shown once, then `Authorization: Bearer` works on every admin call
// without a cookie or Origin, as the admin who made it; revoking it ends it at once.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/http/app";
import { APP, call, demoWorld, json } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

/** A request as a script on a server sends it: no cookie, no Origin. */
const bearer = (path: string, token: string, init: { method?: string; json?: unknown } = {}) =>
  SELF.fetch(`${APP}${path}`, {
    method: init.method ?? (init.json ? "POST" : "GET"),
    headers: { Authorization: `Bearer ${token}`, ...(init.json ? { "Content-Type": "application/json" } : {}) },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });

describe("API tokens", () => {
  it("work without cookie or Origin on reads and writes, as their admin, until revoked", async () => {
    const res = await call("/api/tokens", { cookie: world.jana, json: { name: "ATS sync" } });
    expect(res.status).toBe(201);
    const made = await json(res);
    expect(made).toMatchObject({ id: expect.any(Number), name: "ATS sync", token: expect.stringMatching(/^cct_[A-Za-z0-9_-]{40,}$/) });

    expect((await json(await bearer("/api/offers", made.token))).offers.map((o: { title: string }) => o.title)).toContain("Backend Engineer (TypeScript)");
    const added = await bearer(`/api/offers/${world.acme.offerId}/candidates`, made.token, { json: { name: "Token Tomáš", email: "token@example.net" } });
    expect(added.status).toBe(201);
    const { applicationId } = await json(added);
    const sent = await bearer(`/api/applications/${applicationId}/messages`, made.token, { json: { body: "Dobrý den z integrace." } });
    expect(sent.status).toBe(201);
    expect((await json(sent)).message.author).toMatchObject({ kind: "admin", name: "Jana Nováková" });

    // Listed without the token itself; another company's admin sees nothing of it and cannot revoke it.
    const { tokens } = await json(await call("/api/tokens", { cookie: world.petr }));
    expect(tokens).toEqual([expect.objectContaining({ id: made.id, name: "ATS sync", admin: { id: world.acme.adminIds["jana@acme.example"], name: "Jana Nováková" } })]);
    expect(JSON.stringify(tokens)).not.toContain(made.token);
    expect((await json(await call("/api/tokens", { cookie: world.eva }))).tokens).toEqual([]);
    expect((await call(`/api/tokens/${made.id}`, { method: "DELETE", cookie: world.eva })).status).toBe(404);
    // Another company's data stays out of reach with a token too.
    const { applicationId: globexApp } = await json(
      await call(`/api/offers/${world.globex.offerId}/candidates`, { cookie: world.eva, json: { name: "G", email: "g@example.net" } }),
    );
    expect((await bearer(`/api/applications/${globexApp}`, made.token)).status).toBe(404);

    expect((await call(`/api/tokens/${made.id}`, { method: "DELETE", cookie: world.petr })).status).toBe(204);
    expect((await bearer("/api/offers", made.token)).status).toBe(401);
    expect((await bearer(`/api/applications/${applicationId}/messages`, made.token, { json: { body: "Po zrušení" } })).status).toBe(401);
  });

  it("refuses unknown, malformed and page-side tokens", async () => {
    for (const token of ["cct_nope", "not-a-token", "cct_".padEnd(300, "x")]) expect((await bearer("/api/offers", token)).status).toBe(401);
    const { token } = await json(await call("/api/tokens", { cookie: world.jana, json: { name: "Pages?" } }));
    // Pages sign in with the cookie only: a token is for the API.
    const page = await SELF.fetch(`${APP}/admin`, { headers: { Authorization: `Bearer ${token}` }, redirect: "manual" });
    expect(page.status).toBe(302);
    for (const body of [{}, { name: "" }, { name: "x".repeat(101) }]) expect((await call("/api/tokens", { cookie: world.jana, json: body })).status).toBe(400);
  });
});

describe("a token's last use", () => {
  /** A Bearer call through the app, waiting for what it does beside the answer (the last-use write). */
  const used = async (token: string) => {
    const ctx = createExecutionContext();
    const res = await app.request("/api/offers", { headers: { Authorization: `Bearer ${token}` } }, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
  };
  const lastUsed = async (id: number) => {
    const { tokens } = await json(await call("/api/tokens", { cookie: world.jana }));
    return tokens.find((t: { id: number }) => t.id === id).lastUsedAt as string | null;
  };
  const setLastUsed = (id: number, at: number) => env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(at, id).run();

  it("is listed, written on use, and at most once a minute", async () => {
    const made = await json(await call("/api/tokens", { cookie: world.jana, json: { name: "Last use" } }));
    expect(await lastUsed(made.id)).toBeNull();

    const before = Date.now();
    await used(made.token);
    const first = Date.parse((await lastUsed(made.id))!);
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThanOrEqual(Date.now());

    // Used 30 seconds ago: another call writes nothing; 61 seconds ago: it writes the new time.
    const halfMinuteAgo = Date.now() - 30_000;
    await setLastUsed(made.id, halfMinuteAgo);
    await used(made.token);
    expect(await lastUsed(made.id)).toBe(new Date(halfMinuteAgo).toISOString());
    await setLastUsed(made.id, Date.now() - 61_000);
    const again = Date.now();
    await used(made.token);
    expect(Date.parse((await lastUsed(made.id))!)).toBeGreaterThanOrEqual(again);

    // A cookie session is not a token use.
    await setLastUsed(made.id, 1);
    await call("/api/offers", { cookie: world.jana });
    expect(await lastUsed(made.id)).toBe(new Date(1).toISOString());
  });
});
