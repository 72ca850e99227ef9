// A webhook whose deliveries keep failing for good (every retry used) is disabled after DISABLE_AFTER_FAILURES in a
// row, its company's admins get one email each, and it gets nothing more until it is enabled again; a success in
// between starts the count over.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { deliverDue } from "../../src/email/delivery";
import { DISABLE_AFTER_FAILURES } from "../../src/webhooks/attempt";
import { retryWebhooks } from "../../src/webhooks/dispatch";
import { call, demoWorld, json } from "../support/http";

const SINK = inject("webhookSink");
let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

type Delivery = { id: string; status: string; attempts: number; responseStatus: number | null };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The endpoint answers with this status from now on. */
const endpointAnswers = (path: string, status: number) => fetch(`${SINK}${path}`, { method: "PUT", body: String(status) });
const deliveries = async (hookId: number): Promise<Delivery[]> => (await json(await call(`/api/webhooks/${hookId}/deliveries`, { cookie: world.jana }))).deliveries;
const hookView = async (hookId: number) => (await json(await call("/api/webhooks", { cookie: world.jana }))).webhooks.find((h: { id: number }) => h.id === hookId);
const receivedOn = async (path: string) => ((await (await fetch(`${SINK}/received`)).json()) as { path: string }[]).filter((r) => r.path === path).length;

let applied = 0;
/** New applications, each one application.created delivery; waits until their first attempts (after the answers) are recorded. */
async function apply(hookId: number, count: number): Promise<void> {
  const before = (await deliveries(hookId)).length;
  for (let i = 0; i < count; i++) {
    const n = ++applied;
    await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: `Applicant ${n}`, email: `disabling-${n}@example.net` } });
  }
  for (let i = 0; i < 100; i++) {
    const rows = await deliveries(hookId);
    if (rows.length === before + count && rows.every((d) => d.attempts > 0)) return;
    await pause(50);
  }
  throw new Error("the first attempts were not recorded");
}

let cronAt = Date.now();
/** The cron, runs far enough apart that every retry comes due, until the pending deliveries have failed for good. */
async function retryUntilGivenUp(): Promise<void> {
  for (let i = 0; i < 7; i++) {
    cronAt += 25 * 3600_000;
    await retryWebhooks(env, cronAt);
  }
}

describe("a webhook that keeps failing", () => {
  it("is disabled after five failures in a row (not counting across a success), tells the admins once and gets nothing more until enabled", async () => {
    expect(DISABLE_AFTER_FAILURES).toBe(5);
    const path = "/switch/acme";
    const hook = await json(await call("/api/webhooks", { cookie: world.jana, json: { url: `${SINK}${path}`, events: ["application.created"] } }));
    expect(await hookView(hook.id)).toMatchObject({ active: true, disabledAt: null, consecutiveFailures: 0 });

    await endpointAnswers(path, 500);
    await apply(hook.id, 4);
    await retryUntilGivenUp();
    expect((await deliveries(hook.id)).map((d) => d.status)).toEqual(Array(4).fill("failed"));
    expect(await hookView(hook.id)).toMatchObject({ active: true, consecutiveFailures: 4 });

    // The endpoint comes back for one delivery: the count starts over.
    await endpointAnswers(path, 204);
    await apply(hook.id, 1);
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: "succeeded", responseStatus: 204 });
    expect(await hookView(hook.id)).toMatchObject({ active: true, consecutiveFailures: 0 });

    await endpointAnswers(path, 503);
    await apply(hook.id, 4);
    await retryUntilGivenUp();
    expect(await hookView(hook.id)).toMatchObject({ active: true, consecutiveFailures: 4 });
    await apply(hook.id, 1);
    await retryUntilGivenUp();
    const disabled = await hookView(hook.id);
    expect(disabled).toMatchObject({ active: false, consecutiveFailures: 5, disabledAt: expect.any(String) });

    // One email to each admin of Acme, in the company's language, naming the URL and linking the settings. It
    // was queued at the cron's (simulated) time: the company's scheduler sends it then.
    await deliverDue(env, { companyId: world.acme.companyId }, { now: cronAt });
    const notices: { to: string[]; subject: string; text: string; state: string }[] = (await json(await call("/dev/mailbox.json"))).emails.filter(
      (e: { kind: string }) => e.kind === "webhook_disabled",
    );
    expect(notices.map((e) => e.to).sort()).toEqual([["jana@acme.example"], ["petr@acme.example"]]);
    for (const notice of notices) {
      expect(notice.state).toBe("sent");
      expect(notice.subject).toBe(`Webhook byl vypnut: ${SINK}${path}`);
      expect(notice.text).toContain("posledních 5 doručení za sebou selhalo");
      expect(notice.text).toContain("http://localhost:8787/admin/settings/integrations");
    }

    // Disabled: a new event makes no delivery and nothing reaches the endpoint, even once it answers again.
    await endpointAnswers(path, 204);
    const requestsBefore = await receivedOn(path);
    const deliveriesBefore = (await deliveries(hook.id)).length;
    await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "While Disabled", email: "while-disabled@example.net" } });
    await pause(300);
    await retryUntilGivenUp();
    expect((await deliveries(hook.id)).length).toBe(deliveriesBefore);
    expect(await receivedOn(path)).toBe(requestsBefore);

    // Enabled again: its count starts over and events are delivered; another company cannot touch it.
    expect((await call(`/api/webhooks/${hook.id}`, { method: "PATCH", cookie: world.eva, json: { active: true } })).status).toBe(404);
    const enabled = await call(`/api/webhooks/${hook.id}`, { method: "PATCH", cookie: world.jana, json: { active: true } });
    expect(enabled.status).toBe(200);
    expect(await json(enabled)).toMatchObject({ id: hook.id, active: true, disabledAt: null, consecutiveFailures: 0 });
    await apply(hook.id, 1);
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: "succeeded", responseStatus: 204 });
    expect((await json(await call("/dev/mailbox.json"))).emails.filter((e: { kind: string }) => e.kind === "webhook_disabled")).toHaveLength(2);
  });

  it("refuses a PATCH that is not about being active", async () => {
    const hook = await json(await call("/api/webhooks", { cookie: world.jana, json: { url: `${SINK}/patch`, events: ["message.created"] } }));
    expect((await call(`/api/webhooks/${hook.id}`, { method: "PATCH", cookie: world.jana, json: { active: "yes" } })).status).toBe(400);
    const paused = await json(await call(`/api/webhooks/${hook.id}`, { method: "PATCH", cookie: world.jana, json: { active: false } }));
    expect(paused).toMatchObject({ active: false, disabledAt: expect.any(String) });
    expect((await call("/api/webhooks/999999", { method: "PATCH", cookie: world.jana, json: { active: true } })).status).toBe(404);
  });
});
