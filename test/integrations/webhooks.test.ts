// Webhooks (CONTRACT.md "Integrations"): signed per Standard Webhooks, one delivery per subscribed event, retried
// with backoff when the endpoint fails, logged with their `webhook-id`; other companies' events never go out.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { retryWebhooks } from "../../src/webhooks/dispatch";
import { webhookUrlProblem } from "../../src/webhooks/endpoint";
import { call, demoWorld, json } from "../support/http";

const SINK = inject("webhookSink");
let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

type Received = { path: string; headers: Record<string, string>; body: string };
/** What the sink got on this path, waiting for deliveries that go out after the answer. */
async function receivedOn(path: string, count: number): Promise<Received[]> {
  for (let i = 0; i < 100; i++) {
    const all = (await (await fetch(`${SINK}/received`)).json()) as Received[];
    const mine = all.filter((r) => r.path === path);
    if (mine.length >= count) return mine;
    await new Promise((r) => setTimeout(r, 50));
  }
  const all = (await (await fetch(`${SINK}/received`)).json()) as Received[];
  throw new Error(`fewer than ${count} deliveries to ${path}: ${all.map((r) => `${r.path} ${JSON.parse(r.body).type}`).join(", ")}`);
}

async function verify(secret: string, r: Received): Promise<boolean> {
  const key = await crypto.subtle.importKey(
    "raw",
    Uint8Array.from(atob(secret.slice(6)), (ch) => ch.charCodeAt(0)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const [version, sig] = r.headers["webhook-signature"]!.split(",");
  return (
    version === "v1" &&
    crypto.subtle.verify(
      "HMAC",
      key,
      Uint8Array.from(atob(sig!), (ch) => ch.charCodeAt(0)),
      new TextEncoder().encode(`${r.headers["webhook-id"]}.${r.headers["webhook-timestamp"]}.${r.body}`),
    )
  );
}

describe("webhooks", () => {
  it("deliver application.created, message.created and application.updated, signed, each logged", async () => {
    const made = await call("/api/webhooks", { cookie: world.jana, json: { url: `${SINK}/acme`, events: ["application.created", "message.created", "application.updated"] } });
    expect(made.status).toBe(201);
    const hook = await json(made);
    expect(hook).toMatchObject({ id: expect.any(Number), secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{40,}$/) });
    // Globex's webhook hears nothing of Acme.
    await call("/api/webhooks", { cookie: world.eva, json: { url: `${SINK}/globex`, events: ["application.created", "message.created"] } });

    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Hana Hooková", email: "hook@example.net", message: "Dobrý den" } }),
    );
    expect((await call(`/api/applications/${applicationId}/reject`, { method: "POST", cookie: world.jana })).status).toBe(200);

    const got = await receivedOn("/acme", 4);
    const types = got.map((r) => JSON.parse(r.body).type);
    expect(types).toEqual(expect.arrayContaining(["application.created", "message.created", "application.updated"]));
    for (const r of got) {
      expect(await verify(hook.secret, r)).toBe(true);
      expect(r.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{24}$/);
      expect(Math.abs(Number(r.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    }
    const created = got.map((r) => JSON.parse(r.body)).find((p) => p.type === "application.created");
    expect(created.data.application).toMatchObject({ id: applicationId, candidate: { name: "Hana Hooková", email: "hook@example.net" }, status: "active" });
    const updated = got.map((r) => JSON.parse(r.body)).find((p) => p.type === "application.updated");
    expect(updated.data.application).toMatchObject({ id: applicationId, status: "rejected" });

    const { deliveries } = await json(await call(`/api/webhooks/${hook.id}/deliveries`, { cookie: world.jana }));
    expect(deliveries.length).toBe(got.length);
    expect(deliveries.map((d: { id: string }) => d.id).sort()).toEqual(got.map((r) => r.headers["webhook-id"]).sort());
    for (const d of deliveries) expect(d).toMatchObject({ status: "succeeded", attempts: 1, responseStatus: 204 });
    expect((await receivedOn("/globex", 0)).length).toBe(0);
    expect((await call(`/api/webhooks/${hook.id}/deliveries`, { cookie: world.eva })).status).toBe(404);
  });

  it("retries a failing endpoint with backoff, with the same webhook-id, and gives up in the end", async () => {
    const hook = await json(await call("/api/webhooks", { cookie: world.eva, json: { url: `${SINK}/status/500`, events: ["application.created"] } }));
    await call(`/api/offers/${world.globex.offerId}/applications`, { json: { name: "Retry Rita", email: "retry@example.net" } });
    const [first] = await receivedOn("/status/500", 1);
    let deliveries: { id: string; status: string; attempts: number; responseStatus: number }[] = [];
    for (let i = 0; i < 50 && deliveries[0]?.attempts !== 1; i++) {
      deliveries = (await json(await call(`/api/webhooks/${hook.id}/deliveries`, { cookie: world.eva }))).deliveries;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(deliveries).toEqual([expect.objectContaining({ status: "pending", attempts: 1, responseStatus: 500 })]);
    // Not due yet: the cron leaves it. Far later, it retries until it gives up.
    expect(await retryWebhooks(env, Date.now())).toBe(0);
    let at = Date.now();
    for (let i = 0; i < 8; i++) {
      at += 25 * 3600_000;
      await retryWebhooks(env, at);
    }
    deliveries = (await json(await call(`/api/webhooks/${hook.id}/deliveries`, { cookie: world.eva }))).deliveries;
    expect(deliveries).toEqual([expect.objectContaining({ status: "failed", attempts: 7 })]);
    const all = await receivedOn("/status/500", 7);
    expect(new Set(all.map((r) => r.headers["webhook-id"]))).toEqual(new Set([first!.headers["webhook-id"]]));
  });

  it("refuses bad endpoints and events with 400; deleting one stops its deliveries", async () => {
    for (const body of [
      { url: "ftp://example.net/x", events: ["message.created"] },
      { url: "not a url", events: ["message.created"] },
      { url: `${SINK}/x`, events: [] },
      { url: `${SINK}/x`, events: ["message.deleted"] },
      { url: "https://user:pw@example.net/", events: ["message.created"] },
    ]) {
      expect((await call("/api/webhooks", { cookie: world.jana, json: body })).status, JSON.stringify(body)).toBe(400);
    }
    const hook = await json(await call("/api/webhooks", { cookie: world.jana, json: { url: `${SINK}/deleted`, events: ["application.created"] } }));
    expect((await call(`/api/webhooks/${hook.id}`, { method: "DELETE", cookie: world.eva })).status).toBe(404);
    expect((await call(`/api/webhooks/${hook.id}`, { method: "DELETE", cookie: world.jana })).status).toBe(204);
    await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "After Delete", email: "after-delete@example.net" } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await receivedOn("/deleted", 0)).toEqual([]);
  });
});

describe("webhook endpoints in production", () => {
  it("refuse private, local and plain-http addresses; allow public https", () => {
    for (const url of [
      "http://hooks.example.com/x",
      "https://localhost/x",
      "https://127.0.0.1/x",
      "https://10.1.2.3/x",
      "https://172.20.0.1/x",
      "https://192.168.1.1/x",
      "https://169.254.169.254/latest",
      "https://100.64.0.1/",
      "https://[::1]/",
      "https://[fd00::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://intranet/",
      "https://printer.local/",
    ]) {
      expect(webhookUrlProblem(url, "production"), url).not.toBeNull();
    }
    expect(webhookUrlProblem("https://hooks.example.com/candidate-chat", "production")).toBeNull();
    expect(webhookUrlProblem("http://localhost:3000/hook", "development")).toBeNull();
  });
});
