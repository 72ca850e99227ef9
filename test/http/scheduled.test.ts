// Sending later (CONTRACT.md "Sending later"): a scheduled message is in nobody's thread until its time, can be
// cancelled until then, and is posted once by the conversation's scheduler.
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { deliveryScheduler } from "../../src/email/delivery-scheduler";
import { call, demoWorld, json } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

async function newConversation(email: string): Promise<number> {
  return (await json(await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Petra Later", email } }))).applicationId;
}
const bodies = async (id: number) => ((await json(await call(`/api/applications/${id}/messages`, { cookie: world.jana }))).messages as { body: string }[]).map((m) => m.body);

describe("sending later", () => {
  it("waits unseen, then the scheduler posts it once", async () => {
    const id = await newConversation("later-1@example.net");
    const res = await call(`/api/applications/${id}/messages`, { cookie: world.jana, json: { body: "Zítra ráno", sendAt: new Date(Date.now() + 1500).toISOString() } });
    expect(res.status).toBe(202);
    const { scheduled } = await json(res);
    expect(scheduled).toMatchObject({ id: expect.any(Number), body: "Zítra ráno", sendAt: expect.any(String) });
    expect(await bodies(id)).not.toContain("Zítra ráno");
    expect((await json(await call(`/api/applications/${id}/scheduled`, { cookie: world.jana }))).scheduled).toEqual([expect.objectContaining({ id: scheduled.id })]);
    await new Promise((r) => setTimeout(r, 1600));
    await runDurableObjectAlarm(deliveryScheduler(env, { applicationId: id }));
    await runDurableObjectAlarm(deliveryScheduler(env, { applicationId: id }));
    expect((await bodies(id)).filter((b) => b === "Zítra ráno")).toHaveLength(1);
    expect((await call(`/api/scheduled/${scheduled.id}`, { method: "DELETE", cookie: world.jana })).status).toBe(409);
    expect((await json(await call(`/api/applications/${id}/scheduled`, { cookie: world.jana }))).scheduled).toEqual([]);
  });

  it("is posted in a conversation whose scheduler already ran (its runs skip looking for planned messages until told)", async () => {
    const id = await newConversation("later-after-runs@example.net");
    // Jana's message goes now: the scheduler runs, sees nothing planned, and stops looking.
    expect((await call(`/api/applications/${id}/messages`, { cookie: world.jana, json: { body: "Hned teď" } })).status).toBe(201);
    await runDurableObjectAlarm(deliveryScheduler(env, { applicationId: id }));
    const planned = await call(`/api/applications/${id}/messages`, { cookie: world.jana, json: { body: "Za chvíli", sendAt: Date.now() + 1200 } });
    expect(planned.status).toBe(202);
    await new Promise((r) => setTimeout(r, 1300));
    await runDurableObjectAlarm(deliveryScheduler(env, { applicationId: id }));
    expect(await bodies(id)).toEqual(expect.arrayContaining(["Hned teď", "Za chvíli"]));
  });

  it("is cancelled before its time and then never sent; bad times are 400; other companies get 404", async () => {
    const id = await newConversation("later-2@example.net");
    const { scheduled } = await json(await call(`/api/applications/${id}/messages`, { cookie: world.jana, json: { body: "Zrušit", sendAt: Date.now() + 60_000 } }));
    expect((await call(`/api/scheduled/${scheduled.id}`, { method: "DELETE", cookie: world.eva })).status).toBe(404);
    expect((await call(`/api/scheduled/${scheduled.id}`, { method: "DELETE", cookie: world.jana })).status).toBe(204);
    expect((await call(`/api/scheduled/${scheduled.id}`, { method: "DELETE", cookie: world.jana })).status).toBe(404);
    for (const sendAt of [Date.now() - 1000, Date.now() + 31 * 24 * 3600 * 1000, "tomorrow"]) {
      expect((await call(`/api/applications/${id}/messages`, { cookie: world.jana, json: { body: "x", sendAt } })).status).toBe(400);
    }
    expect(await bodies(id)).not.toContain("Zrušit");
  });

  it("rejecting cancels what was planned, so it never reaches the turned-down candidate", async () => {
    const id = await newConversation("later-3@example.net");
    const { scheduled } = await json(await call(`/api/applications/${id}/messages`, { cookie: world.jana, json: { body: "Uvidíme se v pondělí", sendAt: Date.now() + 1200 } }));
    expect((await call(`/api/applications/${id}/reject`, { cookie: world.jana, json: {} })).status).toBe(200);
    expect((await json(await call(`/api/applications/${id}/scheduled`, { cookie: world.jana }))).scheduled).toEqual([]);
    await new Promise((r) => setTimeout(r, 1300));
    await runDurableObjectAlarm(deliveryScheduler(env, { applicationId: id }));
    expect(await bodies(id)).not.toContain("Uvidíme se v pondělí");
    expect((await call(`/api/scheduled/${scheduled.id}`, { method: "DELETE", cookie: world.jana })).status).toBe(404);
  });
});
