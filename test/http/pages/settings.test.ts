import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../../support/http";
import { applyOnPage, html, langOf } from "./support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

describe("offer settings", () => {
  it("edits the wording and the notification addresses, never leaving none", async () => {
    const path = `/admin/offers/${world.globex.offerId}`;
    const page = await html(await call(path, { cookie: world.eva }));
    expect(page).toContain("hr@globex.example");

    const saved = await call(path, { cookie: world.eva, form: { title: "Senior Product Designer", description: "Research <and> pixels" } });
    expect(saved.status).toBe(303);
    expect(await html(await call(`/offers/${world.globex.offerId}`))).toContain("Research &lt;and&gt; pixels");
    await html(await call(path, { cookie: world.eva, form: { title: "  ", description: "" } }), 400);

    await html(await call(`${path}/addresses`, { cookie: world.eva, form: { email: "not an email" } }), 400);
    expect((await call(`${path}/addresses`, { cookie: world.eva, form: { email: "Design@Globex.example" } })).status).toBe(303);
    await html(await call(`${path}/addresses`, { cookie: world.eva, form: { email: "design@globex.example" } }), 409);
    const offers = await json(await call("/api/offers", { cookie: world.eva }));
    expect(offers.offers[0].notificationEmails.sort()).toEqual(["design@globex.example", "hr@globex.example"]);

    const withTwo = await html(await call(path, { cookie: world.eva }));
    const removeIds = [...withTwo.matchAll(/addresses\/(\d+)\/delete/g)].map((m) => m[1]);
    expect(removeIds).toHaveLength(2);
    expect((await call(`${path}/addresses/${removeIds[0]}/delete`, { method: "POST", cookie: world.eva })).status).toBe(303);
    const last = await html(await call(`${path}/addresses/${removeIds[1]}/delete`, { method: "POST", cookie: world.eva }), 409);
    expect(last).toContain("An offer needs at least one notification address.");
    expect((await json(await call("/api/offers", { cookie: world.eva }))).offers[0].notificationEmails).toHaveLength(1);
  });

  it("answers another company's offer with 404 and changes nothing", async () => {
    const path = `/admin/offers/${world.acme.offerId}`;
    await html(await call(path, { cookie: world.eva }), 404);
    await html(await call(path, { cookie: world.eva, form: { title: "Hacked", description: "" } }), 404);
    await html(await call(`${path}/addresses`, { cookie: world.eva, form: { email: "evil@example.com" } }), 404);
    const offers = await json(await call("/api/offers", { cookie: world.jana }));
    expect(offers.offers[0]).toMatchObject({ title: "Backend Engineer (TypeScript)", notificationEmails: ["jobs@acme.example"] });
  });
});

describe("company settings", () => {
  it("changes the public contact and the candidates' language", async () => {
    const { token } = await applyOnPage(world.globex.offerId, { name: "Lang Test", email: "lang@example.com" });
    expect(await html(await call("/admin/settings", { cookie: world.eva }))).toContain('value="careers@globex.example"');
    await html(await call("/admin/settings", { cookie: world.eva, form: { contactEmail: "nope", locale: "cs" } }), 400);
    await html(await call("/admin/settings", { cookie: world.eva, form: { contactEmail: "jobs@globex.example", locale: "xx" } }), 400);

    const saved = await call("/admin/settings", { cookie: world.eva, form: { contactEmail: "Jobs@Globex.example", locale: "cs" } });
    expect(saved.headers.get("Location")).toBe("/admin/settings?saved=1");
    expect(langOf(await html(await call(`/c/${token}`)))).toBe("cs");

    await call("/admin/settings", { cookie: world.eva, form: { contactEmail: "careers@globex.example", locale: "en" } });
    expect(langOf(await html(await call(`/c/${token}`)))).toBe("en");
  });

  it("sets the time zone and the retention period, with the API's rules", async () => {
    const base = { contactEmail: "careers@globex.example", locale: "en" };
    const refused = await html(await call("/admin/settings", { cookie: world.eva, form: { ...base, timeZone: "Mars/Olympus", retentionDays: "10" } }), 400);
    expect(refused).toContain("Enter an IANA time zone");
    expect(refused).toContain("Enter a number of days from 30 to 1,095.");
    const saved = await call("/admin/settings", { cookie: world.eva, form: { ...base, timeZone: "America/New_York", retentionDays: "90" } });
    expect(saved.status).toBe(303);
    expect(await json(await call("/api/company", { cookie: world.eva }))).toMatchObject({ timeZone: "America/New_York", retentionDays: 90 });
    const page = await html(await call("/admin/settings", { cookie: world.eva }));
    expect(page).toContain('value="America/New_York"');
    expect(page).toContain('value="90"');
    await call("/admin/settings", { cookie: world.eva, form: { ...base, timeZone: "Europe/Prague", retentionDays: "365" } });
  });
});
