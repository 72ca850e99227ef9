// Job posts (CONTRACT.md "Job posts"): created and changed by the company's admins, listed with their status and
// application counts; a closed offer's page says so and applying answers 409 offer_closed.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

describe("job posts", () => {
  it("are created with their addresses, listed with status and counts, and changed; another company's answer 404", async () => {
    const created = await call("/api/offers", {
      cookie: world.jana,
      json: { title: " QA Engineer ", description: "Testujete.", notificationEmails: ["QA@acme.example", "hr@acme.example"] },
    });
    expect(created.status).toBe(201);
    const { offer } = await json(created);
    expect(offer).toEqual({
      id: expect.any(Number),
      title: "QA Engineer",
      description: "Testujete.",
      status: "open",
      notificationEmails: ["qa@acme.example", "hr@acme.example"],
      counts: { active: 0, rejected: 0 },
    });

    const a = await json(await call(`/api/offers/${offer.id}/applications`, { json: { name: "Anna", email: "anna-qa@example.net" } }));
    await call(`/api/offers/${offer.id}/applications`, { json: { name: "Boris", email: "boris-qa@example.net" } });
    await call(`/api/applications/${a.applicationId}/reject`, { cookie: world.jana, method: "POST" });
    const listed = (await json(await call("/api/offers", { cookie: world.petr }))).offers.find((o: { id: number }) => o.id === offer.id);
    expect(listed.counts).toEqual({ active: 1, rejected: 1 });
    expect((await json(await call("/api/offers", { cookie: world.eva }))).offers.map((o: { id: number }) => o.id)).not.toContain(offer.id);

    expect((await call(`/api/offers/${offer.id}`, { method: "PATCH", cookie: world.eva, json: { status: "closed" } })).status).toBe(404);
    const patched = await json(
      await call(`/api/offers/${offer.id}`, { method: "PATCH", cookie: world.jana, json: { title: "QA Lead", notificationEmails: ["hr@acme.example", "lead@acme.example"] } }),
    );
    expect(patched.offer).toMatchObject({ title: "QA Lead", status: "open", notificationEmails: ["hr@acme.example", "lead@acme.example"] });
  });

  it("refuse bad input: no title, no address, a bad address, an unknown status", async () => {
    for (const body of [
      { title: " ", notificationEmails: ["a@acme.example"] },
      { title: "X", notificationEmails: [] },
      { title: "X", notificationEmails: ["nope"] },
    ]) {
      const res = await call("/api/offers", { cookie: world.jana, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await json(res)).toMatchObject({ error: "invalid_input" });
    }
    expect((await call(`/api/offers/${world.acme.offerId}`, { method: "PATCH", cookie: world.jana, json: { status: "archived" } })).status).toBe(400);
  });

  it("a closed offer takes no applications (API and page), says so, and its conversations go on", async () => {
    const { offer } = await json(await call("/api/offers", { cookie: world.jana, json: { title: "Closing Soon", notificationEmails: ["jobs@acme.example"] } }));
    const early = await json(await call(`/api/offers/${offer.id}/applications`, { json: { name: "Early Bird", email: "early@example.net" } }));
    expect((await call(`/api/offers/${offer.id}`, { method: "PATCH", cookie: world.jana, json: { status: "closed" } })).status).toBe(200);

    const late = await call(`/api/offers/${offer.id}/applications`, { json: { name: "Late", email: "late@example.net" } });
    expect(late.status).toBe(409);
    expect(await json(late)).toMatchObject({ error: "offer_closed" });
    const page = await call(`/offers/${offer.id}`);
    const html = await page.text();
    expect(html).toContain("data-offer-closed");
    expect(html).not.toContain('name="email"');
    const posted = await call(`/offers/${offer.id}`, { form: { name: "Late", email: "late2@example.net" } });
    expect(posted.status).toBe(409);
    expect(await posted.text()).toContain("uzavřená");

    // The conversation that began before goes on.
    expect((await call(`/api/applications/${early.applicationId}/messages`, { cookie: world.jana, json: { body: "Pořád se bavíme." } })).status).toBe(201);
    const listed = (await json(await call("/api/offers", { cookie: world.jana }))).offers.find((o: { id: number }) => o.id === offer.id);
    expect(listed).toMatchObject({ status: "closed", counts: { active: 1, rejected: 0 } });
  });
});

describe("the offers page", () => {
  it("creates an offer from the form, shows status and counts, closes and reopens it", async () => {
    const created = await call("/admin/offers", { cookie: world.jana, form: { title: "Stránkou vytvořená", description: "Popis", email: "page-offer@acme.example" } });
    expect(created.status).toBe(303);
    const offerId = Number(/\/admin\/offers\/(\d+)/.exec(created.headers.get("Location") ?? "")![1]);
    const listed = await (await call("/admin/offers", { cookie: world.jana })).text();
    expect(listed).toContain("Stránkou vytvořená");
    expect(listed).toContain("0 aktivních · 0 zamítnutých");

    expect((await call(`/admin/offers/${offerId}/status`, { cookie: world.jana, form: { status: "closed" } })).status).toBe(303);
    expect((await call(`/api/offers/${offerId}/applications`, { json: { name: "Pozdě", email: "pozde@example.net" } })).status).toBe(409);
    const closed = await (await call("/admin/offers", { cookie: world.jana })).text();
    expect(closed).toContain('data-offer-status="closed"');
    expect(closed).toContain("Znovu otevřít");
    expect((await call(`/admin/offers/${offerId}/status`, { cookie: world.jana, form: { status: "open" } })).status).toBe(303);
    expect((await call(`/api/offers/${offerId}/applications`, { json: { name: "Včas", email: "vcas@example.net" } })).status).toBe(201);
  });

  it("keeps what was typed and says what is wrong", async () => {
    const res = await call("/admin/offers", { cookie: world.jana, form: { title: "Bez adresy", description: "", email: "nope" } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="Bez adresy"');
    expect(html).toContain('aria-invalid="true"');
  });
});
