// Templates managed on their own page without JavaScript: added, edited and deleted with the API's rules, a bad
// placeholder named on the form with the text kept, another company's templates out of reach.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});
const apiTemplates = async (cookie: string) => (await json<{ templates: { id: number; name: string; body: string }[] }>(await call("/api/templates", { cookie }))).templates;

describe("the templates page", () => {
  it("adds, edits and deletes a template, which the composer then offers", async () => {
    const page = await call("/admin/templates", { cookie: world.jana });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Šablony zpráv");
    expect(html).toContain("{{candidate.firstName}}");
    expect(html).toMatch(/<a[^>]*href="\/admin\/templates"[^>]*aria-current="page"/);

    const added = await call("/admin/templates", { cookie: world.jana, form: { name: "Pozvánka na pohovor", body: "Dobrý den, {{candidate.firstName|dobrý den}}, zveme vás." } });
    expect(added.status).toBe(303);
    const created = (await apiTemplates(world.jana)).find((t) => t.name === "Pozvánka na pohovor")!;
    expect(created.body).toBe("Dobrý den, {{candidate.firstName|dobrý den}}, zveme vás.");
    expect(await (await call(added.headers.get("Location")!, { cookie: world.jana })).text()).toContain("Šablona je uložená.");

    expect((await call(`/admin/templates/${created.id}`, { cookie: world.jana, form: { name: "Pozvánka", body: "Zveme vás, {{candidate.name}}." } })).status).toBe(303);
    expect((await apiTemplates(world.jana)).find((t) => t.id === created.id)).toMatchObject({ name: "Pozvánka", body: "Zveme vás, {{candidate.name}}." });

    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Tereza Šablonová", email: "tpl-page@example.net" } }),
    );
    const conversation = await (await call(`/admin/applications/${applicationId}`, { cookie: world.jana })).text();
    expect(conversation).toContain(">Pozvánka</option>");

    expect((await call(`/admin/templates/${created.id}/delete`, { cookie: world.jana, form: {} })).status).toBe(303);
    expect((await apiTemplates(world.jana)).some((t) => t.id === created.id)).toBe(false);
  });

  it("names an unknown placeholder and an empty name on the form, keeping what was typed", async () => {
    const bad = await call("/admin/templates", { cookie: world.jana, form: { name: "Chyba", body: "Dobrý den {{candidate.surname}}" } });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Neznámý zástupný údaj {{candidate.surname}}");
    expect(html).toContain("Dobrý den {{candidate.surname}}");
    expect(html).toMatch(/id="template-new-body"[^>]*aria-invalid="true"/);
    // Said at the top too, with a way to the field (an edited template's form may be far down the page).
    expect(html).toMatch(/class="alert alert--error"[^>]*>Neznámý zástupný údaj[\s\S]*href="#template-new-body"/);
    const unnamed = await call("/admin/templates", { cookie: world.jana, form: { name: "  ", body: "Text" } });
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toContain("Zadejte název");
    expect((await apiTemplates(world.jana)).some((t) => t.name === "Chyba")).toBe(false);
  });

  it("keeps other companies' templates out of reach", async () => {
    const { template } = await json(await call("/api/templates", { cookie: world.jana, json: { name: "Acme only", body: "Tajné" } }));
    expect(await (await call("/admin/templates", { cookie: world.eva })).text()).not.toContain("Acme only");
    expect((await call(`/admin/templates/${template.id}`, { cookie: world.eva, form: { name: "Stolen", body: "x" } })).status).toBe(404);
    expect((await call(`/admin/templates/${template.id}/delete`, { cookie: world.eva, form: {} })).status).toBe(404);
    expect((await apiTemplates(world.jana)).find((t) => t.id === template.id)).toMatchObject({ name: "Acme only" });
  });
});
