import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../../support/http";
import { html, langOf } from "./support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

describe("the public offer page", () => {
  it("shows the offer in the company's language with an apply form", async () => {
    const acme = await html(await call(`/offers/${world.acme.offerId}`, { headers: { "Accept-Language": "en" } }));
    expect(langOf(acme)).toBe("cs");
    expect(acme).toContain("Backend Engineer (TypeScript)");
    expect(acme).toContain("Acme Robotics s.r.o.");
    expect(acme).toContain(`action="/offers/${world.acme.offerId}"`);
    const globex = await html(await call(`/offers/${world.globex.offerId}`));
    expect(langOf(globex)).toBe("en");
    expect(globex).toContain("Product Designer");
    await html(await call("/offers/999999"), 404);
    await html(await call("/offers/abc"), 404);
  });

  it("applies without JavaScript, shows the conversation link, and explains a second application", async () => {
    const form = { name: "Tereza Nová", email: "tereza@example.com", message: "Ráda bych se přidala." };
    const thanks = await html(await call(`/offers/${world.acme.offerId}`, { form }));
    expect(thanks).toContain("Děkujeme za přihlášku");
    const token = /\/c\/([A-Za-z0-9._~-]+)"/.exec(thanks)?.[1];
    expect(token).toBeDefined();
    const { messages } = await json(await call(`/api/c/${token}/messages`));
    expect(messages[0]).toMatchObject({ body: "Ráda bych se přidala.", author: { kind: "candidate" } });

    const again = await html(await call(`/offers/${world.acme.offerId}`, { form: { ...form, email: "TEREZA@example.com" } }), 409);
    expect(again).toContain("Už jste se přihlásili");
    expect(again).not.toContain("/c/");
  });

  it("keeps what was typed and words the errors in the company's language", async () => {
    const page = await html(await call(`/offers/${world.globex.offerId}`, { form: { name: "", email: "not-an-email", message: "My <letter>" } }), 400);
    expect(page).toContain("Enter a name");
    expect(page).toContain("Enter a valid email address.");
    expect(page).toContain("My &lt;letter&gt;");
    expect(page).toContain('value="not-an-email"');
  });
});
