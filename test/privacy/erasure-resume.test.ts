// An erasure cut short runs again: the applications a first run erased are gone, the rest go on the second call,
// and R2 objects whose delete did not happen are still named in erased_objects until the daily cron deletes them.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eraseApplications, erasureTargetOf } from "../../src/db/erasure";
import { applications, erasedObjects } from "../../src/db/schema";
import worker from "../../src/index";
import { db } from "../email/inbound-support";
import { call, demoWorld, json } from "../support/http";

describe("an interrupted erasure", () => {
  it("finishes on the next call, with the named application last", async () => {
    const w = await demoWorld();
    const email = `resume-${crypto.randomUUID().slice(0, 8)}@example.net`;
    const first = (await json<{ applicationId: number }>(await call(`/api/offers/${w.acme.offerId}/applications`, { json: { name: "Rita Resume", email } }))).applicationId;
    const offer = await json<{ offer: { id: number } }>(await call("/api/offers", { cookie: w.jana, json: { title: "Second", notificationEmails: ["jobs@acme.example"] } }));
    const second = (await json<{ applicationId: number }>(await call(`/api/offers/${offer.offer.id}/candidates`, { cookie: w.jana, json: { name: "Rita Resume", email } })))
      .applicationId;

    // The first run got through its first batch (the application not named) and stopped.
    const target = (await erasureTargetOf(db, w.acme.companyId, first))!;
    expect(target.applicationIds).toEqual([second, first]);
    await eraseApplications(env.DB, { ...target, applicationIds: [second] }, { adminId: null, adminName: "test", cause: "admin" }, Date.now());
    expect(await db.select().from(applications).where(eq(applications.id, second))).toEqual([]);
    expect((await call(`/api/applications/${first}`, { cookie: w.jana })).status).toBe(200);

    const again = await call(`/api/applications/${first}/erase`, { method: "POST", cookie: w.jana });
    expect(again.status).toBe(200);
    expect((await json(again)).erased.applications).toBe(1);
    expect((await call(`/api/applications/${first}`, { cookie: w.jana })).status).toBe(404);
  });

  it("leaves R2 keys it could not delete for the daily cron", async () => {
    const key = `attachments/left-behind-${crypto.randomUUID()}`;
    await env.FILES.put(key, "still here");
    await db.insert(erasedObjects).values({ r2Key: key, createdAt: Date.now() });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "0 3 * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await env.FILES.head(key)).toBeNull();
    expect(await db.select().from(erasedObjects).where(eq(erasedObjects.r2Key, key))).toEqual([]);
  });
});
