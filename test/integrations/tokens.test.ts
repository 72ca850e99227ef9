// API tokens (CONTRACT.md "Integrations"): shown once, then `Authorization: Bearer` works on every admin call
// without a cookie or Origin, as the admin who made it; revoking it ends it at once.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
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
