import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { INBOX_PAGE_SIZE } from "../../../src/db/company-scope";
import { call, demoWorld, json } from "../../support/http";
import { applyOnPage, html, langOf } from "./support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

describe("the admin inbox", () => {
  it("lists the company's applications, escaped, with preview, author and this admin's unread badge", async () => {
    const { applicationId } = await applyOnPage(world.acme.offerId, { name: "<script>alert(1)</script>", email: "x@example.com", message: "Mám zájem o <b>pozici</b>." });
    const page = await html(await call("/admin", { cookie: world.jana }));
    expect(langOf(page)).toBe("cs");
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("Mám zájem o &lt;b&gt;pozici&lt;/b&gt;.");
    expect(page).toMatch(new RegExp(`data-unread-for-application="${applicationId}"[^>]*>1<`));
    expect(page).toContain('data-live-company="/api/live"');
    expect(page).toMatch(/data-unread-total[^>]*>\d+</);
    expect(await html(await call("/admin", { cookie: world.eva }))).not.toContain("x@example.com");
  });

  it("filters by status and offer with a plain GET form", async () => {
    const { applicationId } = await applyOnPage(world.acme.offerId, { name: "Zamítnutý Uchazeč", email: "rejected@example.com" });
    await call(`/admin/applications/${applicationId}/reject`, { method: "POST", cookie: world.jana });
    const rejected = await html(await call("/admin?status=rejected", { cookie: world.jana }));
    expect(rejected).toContain(`data-application-row="${applicationId}"`);
    expect(rejected).not.toContain("x@example.com");
    const active = await html(await call(`/admin?status=active&offerId=${world.acme.offerId}`, { cookie: world.jana }));
    expect(active).not.toContain(`data-application-row="${applicationId}"`);
    expect(active).toMatch(new RegExp(`<option value="${world.acme.offerId}" selected`));
    // A stale filter shows the unfiltered inbox instead of an error.
    await html(await call("/admin?status=bogus&offerId=x&cursor=nope", { cookie: world.jana }));
  });

  it("pages with an Older link (keyset cursor)", async () => {
    for (let i = 0; i <= INBOX_PAGE_SIZE; i++) {
      await call(`/api/offers/${world.globex.offerId}/applications`, { json: { name: `Person ${i}`, email: `person${i}@example.com` } });
    }
    const first = await html(await call("/admin", { cookie: world.eva }));
    const older = /href="(\/admin\?cursor=[^"]+)"/.exec(first)?.[1];
    expect(older).toBeDefined();
    const second = await html(await call(older!.replace(/&amp;/g, "&"), { cookie: world.eva }));
    expect(second).toContain("Person 0");
    expect(first).not.toContain("Person 0<");
    expect(second).not.toContain("Person 1<");
    expect(second).toContain('href="/admin"'); // back to the newest
  });

  it("lists notifications and marks them read, one or all", async () => {
    await applyOnPage(world.acme.offerId, { name: "Nový Kandidát", email: "novy@example.com", message: "Dobrý den" });
    const page = await html(await call("/admin", { cookie: world.petr }));
    expect(page).toContain("data-notifications");
    const ids = [...page.matchAll(/data-notification-id="(\d+)"[^>]*data-unread/g)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);

    const one = await call(`/admin/notifications/${ids[0]}/read`, { method: "POST", cookie: world.petr });
    expect(one.status).toBe(303);
    const afterOne = await json(await call("/api/notifications", { cookie: world.petr }));
    expect(afterOne.notifications.find((n: { id: number }) => n.id === ids[0]).readAt).not.toBeNull();

    await call("/admin/notifications/read", { method: "POST", cookie: world.petr });
    expect((await json(await call("/api/notifications", { cookie: world.petr }))).unread).toBe(0);
  });

  it("adds a candidate by hand and explains a duplicate with a link to the existing conversation", async () => {
    const form = { offerId: String(world.acme.offerId), name: "Ruční Přidání", email: "rucni@example.com" };
    const added = await call("/admin/candidates", { cookie: world.jana, form });
    expect(added.status).toBe(303);
    const location = added.headers.get("Location")!;
    expect(location).toMatch(/^\/admin\/applications\/\d+$/);
    expect(await html(await call(location, { cookie: world.jana }))).toContain("Ruční Přidání");

    const duplicate = await html(await call("/admin/candidates", { cookie: world.jana, form }), 409);
    expect(duplicate).toContain(`href="${location}"`);
    const invalid = await html(await call("/admin/candidates", { cookie: world.jana, form: { ...form, email: "nope" } }), 400);
    expect(invalid).toContain("Zadejte platnou e-mailovou adresu.");
    expect(invalid).toContain('value="Ruční Přidání"');
    // Another company's offer is not offered and not accepted.
    await html(await call("/admin/candidates", { cookie: world.eva, form }), 400);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM candidates WHERE email = 'rucni@example.com'").first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });
});
