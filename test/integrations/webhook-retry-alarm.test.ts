// A webhook retry comes from the company's DeliveryScheduler, the one scheduler of email too: a failed attempt arms
// its alarm for the backoff's time, the alarm sends it, and enabling a webhook again wakes it for what waited.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { deliveryScheduler } from "../../src/email/delivery-scheduler";
import { BACKOFF_MS } from "../../src/webhooks/attempt";
import { call, demoWorld, json } from "../support/http";

const SINK = inject("webhookSink");
let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

type Delivery = { id: string; status: string; attempts: number; responseStatus: number | null };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const endpointAnswers = (path: string, status: number) => fetch(`${SINK}${path}`, { method: "PUT", body: String(status) });
const receivedOn = async (path: string) => ((await (await fetch(`${SINK}/received`)).json()) as { path: string }[]).filter((r) => r.path === path).length;
const scheduler = () => deliveryScheduler(env, { companyId: world.globex.companyId });
const alarmAt = () => runInDurableObject(scheduler(), (_instance, state) => state.storage.getAlarm());

async function deliveriesWhen(hookId: number, done: (rows: Delivery[]) => boolean): Promise<Delivery[]> {
  let rows: Delivery[] = [];
  for (let i = 0; i < 100; i++) {
    rows = (await json(await call(`/api/webhooks/${hookId}/deliveries`, { cookie: world.eva }))).deliveries;
    if (done(rows)) return rows;
    await pause(50);
  }
  throw new Error(`deliveries not as awaited: ${JSON.stringify(rows)}`);
}

/** The retry's time comes: the row is made due now (the alarm's clock is the real one). */
const comesDue = (id: string) =>
  env.DB.prepare("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?")
    .bind(Date.now() - 1, id)
    .run();

let applicants = 0;
async function failingDelivery(path: string): Promise<{ hookId: number; delivery: Delivery }> {
  await endpointAnswers(path, 503);
  const hook = await json(await call("/api/webhooks", { cookie: world.eva, json: { url: `${SINK}${path}`, events: ["application.created"] } }));
  const n = ++applicants;
  const before = Date.now();
  await call(`/api/offers/${world.globex.offerId}/applications`, { json: { name: `Alarm ${n}`, email: `alarm-${n}@example.net` } });
  const [delivery] = await deliveriesWhen(hook.id, (rows) => rows[0]?.attempts === 1);
  expect(delivery).toMatchObject({ status: "pending", responseStatus: 503 });
  // Armed for the retry, a minute after the first attempt (or earlier, for another of the company's rows).
  const armed = await alarmAt();
  expect(armed).not.toBeNull();
  expect(armed!).toBeLessThanOrEqual(Date.now() + BACKOFF_MS[0]!);
  expect(armed!).toBeGreaterThanOrEqual(before);
  return { hookId: hook.id, delivery: delivery! };
}

describe("webhook retries on the company's scheduler", () => {
  it("a failed attempt arms the alarm; the alarm retries with the same webhook-id and disarms when nothing waits", async () => {
    const path = "/switch/alarm-retry";
    const { hookId, delivery } = await failingDelivery(path);
    await endpointAnswers(path, 204);
    await comesDue(delivery.id);
    expect(await runDurableObjectAlarm(scheduler())).toBe(true);
    const [after] = await deliveriesWhen(hookId, (rows) => rows[0]?.status !== "pending");
    expect(after).toMatchObject({ id: delivery.id, status: "succeeded", attempts: 2, responseStatus: 204 });
    expect(await receivedOn(path)).toBe(2);
    expect(await alarmAt()).toBeNull();
  });

  it("a disabled webhook's retries wait (no alarm for them); enabling it sends them at once", async () => {
    const path = "/switch/alarm-enable";
    const { hookId, delivery } = await failingDelivery(path);
    expect((await call(`/api/webhooks/${hookId}`, { method: "PATCH", cookie: world.eva, json: { active: false } })).status).toBe(200);
    await comesDue(delivery.id);
    await runDurableObjectAlarm(scheduler());
    expect(await alarmAt()).toBeNull();
    expect((await deliveriesWhen(hookId, () => true))[0]).toMatchObject({ status: "pending", attempts: 1 });

    await endpointAnswers(path, 204);
    expect((await call(`/api/webhooks/${hookId}`, { method: "PATCH", cookie: world.eva, json: { active: true } })).status).toBe(200);
    // Woken now: the alarm may already have run by itself; if not, it is due.
    const armed = await alarmAt();
    if (armed !== null) {
      expect(armed).toBeLessThanOrEqual(Date.now());
      await runDurableObjectAlarm(scheduler());
    }
    const [after] = await deliveriesWhen(hookId, (rows) => rows[0]?.status !== "pending");
    expect(after).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await receivedOn(path)).toBe(2);
  });
});
