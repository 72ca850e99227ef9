// Personal data in the pages, without JavaScript: the admin's download and erase (confirmed by typing the name),
// the candidate's download and request to erase, and the notice of who keeps their data for how long.
import { describe, expect, it } from "vitest";
import { call, demoWorld } from "../support/http";
import { applyOnPage, html } from "../http/pages/support";

describe("personal data pages", () => {
  it("the candidate downloads their data and asks to erase it; the admin sees the request", async () => {
    const w = await demoWorld();
    const { token, applicationId } = await applyOnPage(w.acme.offerId, { name: "Hana Dvořáková", email: `pages-${crypto.randomUUID().slice(0, 8)}@example.net` });
    const page = await html(await call(`/c/${token}`));
    expect(page).toContain(`href="/api/c/${token}/export"`);
    expect(page).toContain("Smazat moje údaje");
    expect(page).toContain("kariera@acme.example");
    expect(page).toContain("365 dní");

    const asked = await call(`/c/${token}/erasure-request`, { method: "POST" });
    expect(asked.status).toBe(303);
    expect(await html(await call(asked.headers.get("Location")!))).toContain("Vaše žádost o smazání údajů byla odeslána společnosti.");

    const admin = await html(await call(`/admin/applications/${applicationId}`, { cookie: w.jana }));
    expect(admin).toContain("data-erasure-requested");
    expect(admin).toContain(`href="/api/applications/${applicationId}/export"`);
    expect(admin).toContain(`href="/admin/applications/${applicationId}/erase"`);
  });

  it("the admin erases after typing the candidate's name, and not before", async () => {
    const w = await demoWorld();
    const { token, applicationId } = await applyOnPage(w.globex.offerId, { name: "Oliver Page", email: `pages-${crypto.randomUUID().slice(0, 8)}@example.net` });
    const path = `/admin/applications/${applicationId}/erase`;
    expect(await html(await call(path, { cookie: w.eva }))).toContain("To confirm, type the candidate&#39;s name: Oliver Page");
    expect(await html(await call(path, { cookie: w.eva, form: { name: "Someone Else" } }), 400)).toContain("The name does not match.");
    expect((await call(`/api/applications/${applicationId}`, { cookie: w.eva })).status).toBe(200);

    const done = await html(await call(path, { cookie: w.eva, form: { name: " oliver  page " } }));
    expect(done).toMatch(/Erased: 1 applications, \d+ messages, 0 files, \d+ emails\./);
    expect((await call(`/api/applications/${applicationId}`, { cookie: w.eva })).status).toBe(404);
    await html(await call(`/c/${token}`), 404);
  });
});
