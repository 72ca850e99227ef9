// The daily cron erases applications past their company's retention (closed, and inactive for longer than it
// keeps data) through the same erasure; the settings page tells how many would go now.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applications, candidates, companies, erasures, messages } from "../../src/db/schema";
import worker from "../../src/index";
import { db } from "../email/inbound-support";
import { call, demoWorld, json } from "../support/http";

const DAY = 86_400_000;

async function apply(offerId: number, email: string) {
  return (await json<{ applicationId: number }>(await call(`/api/offers/${offerId}/applications`, { json: { name: "Stará Přihláška", email, message: "Dobrý den." } })))
    .applicationId;
}

async function runDailyCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "0 3 * * *", scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("retention", () => {
  it("erases closed applications inactive for longer than the company keeps data, and nothing else", async () => {
    const w = await demoWorld();
    const email = `retention-${crypto.randomUUID().slice(0, 8)}@example.net`;
    await call("/api/company", { method: "PATCH", cookie: w.jana, json: { retentionDays: 30 } });
    const old = await apply(w.acme.offerId, email);
    await call(`/api/applications/${old}/reject`, { method: "POST", cookie: w.jana });
    const second = await json<{ offer: { id: number } }>(await call("/api/offers", { cookie: w.jana, json: { title: "Still open", notificationEmails: ["jobs@acme.example"] } }));
    const active = await apply(second.offer.id, email);
    const recentlyRejected = await apply(w.acme.offerId, `recent-${email}`);
    await call(`/api/applications/${recentlyRejected}/reject`, { method: "POST", cookie: w.jana });
    const longAgo = Date.now() - 31 * DAY;
    for (const id of [old, active]) await db.update(applications).set({ lastActivityAt: longAgo }).where(eq(applications.id, id));

    const settings = await call("/admin/settings", { cookie: w.jana });
    expect(await settings.text()).toMatch(/data-expired-count="[1-9]\d*"/);

    await runDailyCron();

    expect(await db.select().from(applications).where(eq(applications.id, old))).toEqual([]);
    expect(await db.select().from(messages).where(eq(messages.applicationId, old))).toEqual([]);
    // An active application is kept however quiet, and so is the candidate with it; a recent rejection stays too.
    expect(await db.select({ id: applications.id }).from(applications).where(eq(applications.id, active))).toHaveLength(1);
    expect(await db.select({ id: applications.id }).from(applications).where(eq(applications.id, recentlyRejected))).toHaveLength(1);
    expect(
      await db
        .select()
        .from(candidates)
        .where(and(eq(candidates.companyId, w.acme.companyId), eq(candidates.email, email))),
    ).toHaveLength(1);
    const audits = await db
      .select()
      .from(erasures)
      .where(and(eq(erasures.companyId, w.acme.companyId), eq(erasures.cause, "retention")));
    expect(audits.at(-1)).toMatchObject({ adminId: null, applications: 1 });

    // With the last application the candidate row goes too.
    await call(`/api/applications/${active}/reject`, { method: "POST", cookie: w.jana });
    await db.update(applications).set({ lastActivityAt: longAgo }).where(eq(applications.id, active));
    await runDailyCron();
    expect(
      await db
        .select()
        .from(candidates)
        .where(and(eq(candidates.companyId, w.acme.companyId), eq(candidates.email, email))),
    ).toEqual([]);
    await db.update(companies).set({ retentionDays: 365 }).where(eq(companies.id, w.acme.companyId));
  });
});
