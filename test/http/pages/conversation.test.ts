import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../../support/http";
import { applyOnPage, html, langOf, unescapeHtml } from "./support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

const evil = "<script>alert(1)</script>";

describe("the admin's conversation page", () => {
  it("shows the thread escaped, with details and the candidate's link, and marks it read", async () => {
    const { applicationId, token } = await applyOnPage(world.acme.offerId, { name: evil, email: "evil@example.com", message: `Hi ${evil}\nsecond line` });
    const before = await json(await call("/api/applications", { cookie: world.petr }));
    expect(before.applications.find((a: { id: number }) => a.id === applicationId).unread).toBe(1);

    const page = await html(await call(`/admin/applications/${applicationId}`, { cookie: world.petr }));
    expect(langOf(page)).toBe("cs");
    expect(page).not.toContain(evil);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("second line"); // newline kept in the text; CSS pre-wrap shows it
    expect(page).toMatch(/<p data-body[^>]*>Hi &lt;script&gt;alert\(1\)&lt;\/script&gt;\nsecond line<\/p>/);
    expect(page).toContain(`data-live-conversation="/api/applications/${applicationId}/live"`);
    expect(page).toContain(`/c/${token}`);
    expect(page).toContain(`action="/admin/applications/${applicationId}/messages"`);
    expect(page).toContain('<script type="module" src="/client.js"');
    expect(page).not.toMatch(/style=/);

    const after = await json(await call("/api/applications", { cookie: world.petr }));
    expect(after.applications.find((a: { id: number }) => a.id === applicationId).unread).toBe(0);
  });

  it("shows web addresses in messages as links (new tab, no referrer), and nothing else as one", async () => {
    const { applicationId, token } = await applyOnPage(world.acme.offerId, {
      name: "Linda Odkazová",
      email: "linda@example.com",
      message: "Portfolio: https://linda.example/prace?rok=2026. javascript:alert(1)",
    });
    for (const page of [await html(await call(`/admin/applications/${applicationId}`, { cookie: world.jana })), await html(await call(`/c/${token}`))]) {
      expect(page).toContain(
        '<a href="https://linda.example/prace?rok=2026" rel="noopener noreferrer nofollow ugc" target="_blank">https://linda.example/prace?rok=2026</a>. javascript:alert(1)',
      );
      expect(page).not.toContain('href="javascript');
    }
  });

  it("sends without JavaScript: POST, redirect to the message, stored with delivery state", async () => {
    const { applicationId } = await applyOnPage(world.acme.offerId, { name: "Marie Dvořáková", email: "marie@example.com" });
    const sent = await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: "Dobrý den,\nhodí se vám úterý?" } });
    expect(sent.status).toBe(303);
    const location = sent.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^/admin/applications/${applicationId}#message-\\d+$`));
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }));
    expect(messages.at(-1)).toMatchObject({ body: "Dobrý den,\nhodí se vám úterý?", author: { kind: "admin", name: "Jana Nováková" } });
    expect(location.endsWith(`#message-${messages.at(-1).id}`)).toBe(true);

    const page = await html(await call(`/admin/applications/${applicationId}`, { cookie: world.jana }));
    expect(page).toContain(`id="message-${messages.at(-1).id}"`);
    expect(page).toMatch(/data-delivery="(pending|sent|failed)"/);
  });

  it("keeps the text and shows the error when a message is refused", async () => {
    const { applicationId } = await applyOnPage(world.acme.offerId, { name: "Ota Kříž", email: "ota@example.com" });
    const empty = await html(await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: "   " } }), 400);
    expect(empty).toContain("Zpráva je prázdná.");
    const long = "x".repeat(20_001);
    const tooLong = await html(await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: long } }), 413);
    expect(tooLong).toContain(long);
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }));
    expect(messages).toHaveLength(1); // only the system line of the application
  });

  it("answers another company's conversation with the 404 page", async () => {
    const { applicationId } = await applyOnPage(world.acme.offerId, { name: "Tajný Kandidát", email: "secret@example.com" });
    const page = await html(await call(`/admin/applications/${applicationId}`, { cookie: world.eva }), 404);
    expect(langOf(page)).toBe("en");
    expect(page).not.toContain("Tajný Kandidát");
    await html(await call(`/admin/applications/${applicationId}/messages`, { cookie: world.eva, form: { body: "hi" } }), 404);
    await html(await call(`/admin/applications/${applicationId}/reject`, { method: "POST", cookie: world.eva }), 404);
    await html(await call("/admin/applications/abc", { cookie: world.eva }), 404);
    await html(await call("/admin/no-such-page", { cookie: world.eva }), 404);
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }));
    expect(messages).toHaveLength(1);
  });

  it("reject closes the candidate's page; reopen opens it again", async () => {
    const { applicationId, token } = await applyOnPage(world.acme.offerId, { name: "Eliška Malá", email: "eliska@example.com" });
    const rejected = await call(`/admin/applications/${applicationId}/reject`, { method: "POST", cookie: world.jana });
    expect(rejected.status).toBe(303);
    const adminPage = await html(await call(`/admin/applications/${applicationId}`, { cookie: world.jana }));
    expect(adminPage).toContain(`action="/admin/applications/${applicationId}/reopen"`);
    expect(adminPage).toContain("data-send-form"); // the company can still write

    const candidatePage = await html(await call(`/c/${token}`));
    expect(candidatePage).toContain("Přihláška je uzavřená");
    expect(candidatePage).toContain('href="mailto:kariera@acme.example"');
    expect(candidatePage).not.toContain("data-send-form");

    const refused = await html(await call(`/c/${token}`, { form: { body: "Ještě jedna otázka" } }), 403);
    expect(refused).toContain("kariera@acme.example");
    expect(refused).not.toContain("data-send-form");
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }));
    expect(messages.map((m: { body: string }) => m.body)).not.toContain("Ještě jedna otázka");

    await call(`/admin/applications/${applicationId}/reopen`, { method: "POST", cookie: world.jana });
    expect(await html(await call(`/c/${token}`))).toContain("data-send-form");
  });
});

describe("the candidate's page", () => {
  it("shows the thread in the company's language, escaped, and sends without JavaScript", async () => {
    const { applicationId, token } = await applyOnPage(world.globex.offerId, { name: evil, email: "evil@example.com", message: "Hello" });
    await call(`/admin/applications/${applicationId}/messages`, { cookie: world.eva, form: { body: "Thanks, when can you talk?" } });
    const page = await html(await call(`/c/${token}`, { headers: { "Accept-Language": "cs" } }));
    expect(langOf(page)).toBe("en");
    expect(page).not.toContain(evil);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("Eva Malá");
    expect(page).toContain("Globex a.s.");
    expect(page).toContain(`data-live-conversation="/api/c/${token}/live"`);
    expect(page).not.toContain("data-delivery"); // delivery state is for admins

    const sent = await call(`/c/${token}`, { form: { body: "Tomorrow at 10?" } });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toMatch(new RegExp(`^/c/${token.replace(/\./g, "\\.")}#message-\\d+$`));
    const { messages } = await json(await call(`/api/c/${token}/messages`));
    expect(messages.at(-1)).toMatchObject({ body: "Tomorrow at 10?", author: { kind: "candidate" } });

    const empty = await html(await call(`/c/${token}`, { form: { body: "" } }), 400);
    expect(empty).toContain("The message is empty.");
  });

  it("uses Czech for Acme and answers a forged or unknown link with 404", async () => {
    const { token } = await applyOnPage(world.acme.offerId, { name: "Jan Veselý", email: "jan.vesely@example.com", message: "Dobrý den" });
    expect(langOf(await html(await call(`/c/${token}`)))).toBe("cs");
    const forged = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    await html(await call(`/c/${forged}`), 404);
    await html(await call("/c/not-a-token"), 404);
    await html(await call(`/c/${forged}`, { form: { body: "hi" } }), 404);
  });

  it("shows message bodies exactly as stored", async () => {
    const body = `A & B "quoted" 'single' <b>bold</b>`;
    const { token } = await applyOnPage(world.acme.offerId, { name: "Pavel Král", email: "pavel.kral@example.com", message: body });
    const page = await html(await call(`/c/${token}`));
    const shown = /<p data-body[^>]*>([^<]*)<\/p>/.exec(page)?.[1];
    expect(unescapeHtml(shown ?? "")).toBe(body);
  });
});

describe("rejecting from the page", () => {
  it("asks first, and sends the optional message before closing", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Rozálie Zamítnutá", email: "reject-page@example.net", message: "Dobrý den" } }),
    );
    const asked = await call(`/admin/applications/${applicationId}/reject`, { cookie: world.jana });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("Zpráva kandidátovi (nepovinná)");
    expect((await json(await call(`/api/applications/${applicationId}`, { cookie: world.jana }))).status).toBe("active");
    const done = await call(`/admin/applications/${applicationId}/reject`, { cookie: world.jana, form: { body: "Děkujeme, tentokrát jsme vybrali jinak." } });
    expect(done.status).toBe(303);
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }));
    expect(messages.map((m: { body: string }) => m.body)).toContain("Děkujeme, tentokrát jsme vybrali jinak.");
    expect((await json(await call(`/api/applications/${applicationId}`, { cookie: world.jana }))).status).toBe("rejected");
  });

  it("warns that messages planned for later will be cancelled", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Rudolf Plánovaný", email: "reject-planned@example.net", message: "Dobrý den" } }),
    );
    expect(await html(await call(`/admin/applications/${applicationId}/reject`, { cookie: world.jana }))).not.toContain("data-cancels-planned");
    await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: "Za týden", sendAt: Date.now() + 3_600_000 } });
    expect(await html(await call(`/admin/applications/${applicationId}/reject`, { cookie: world.jana }))).toContain("Zruší se 1 naplánovaná zpráva.");
    // Once closed, the confirmation page has nothing to ask: it leads back to the conversation.
    await call(`/api/applications/${applicationId}/reject`, { cookie: world.jana, json: {} });
    expect((await call(`/admin/applications/${applicationId}/reject`, { cookie: world.jana })).status).toBe(303);
  });
});
