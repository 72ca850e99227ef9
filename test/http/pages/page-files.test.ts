// Files and templates on the pages, without JavaScript: a CV on the apply form, files in both composers, a
// template picked in the admin's composer; refused files keep the typed text and say why in the reader's language.
import { beforeAll, describe, expect, it } from "vitest";
import { tomorrowMorning } from "../../../src/http/pages/format";
import { call, demoWorld, json } from "../../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

const pdf = (name: string, bytes = 2000) => new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, ...new Uint8Array(bytes)])], name, { type: "application/pdf" });
const messages = async (id: number) => (await json(await call(`/api/applications/${id}/messages`, { cookie: world.jana }))).messages;

describe("files and templates on the pages", () => {
  it("applying with a CV from the form stores it with the application", async () => {
    const page = await (await call(`/offers/${world.acme.offerId}`)).text();
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain('type="file" name="files"');
    const res = await call(`/offers/${world.acme.offerId}`, {
      multipart: { fields: { name: "Věra Souborová", email: "vera-cv@example.net", message: "CV v příloze." }, files: [pdf("Věra CV.pdf")] },
    });
    expect(res.status).toBe(200);
    const { applications } = await json(await call("/api/applications", { cookie: world.jana }));
    const id = applications.find((a: { candidate: { email: string } }) => a.candidate.email === "vera-cv@example.net").id;
    expect((await messages(id))[0].attachments).toEqual([expect.objectContaining({ filename: "Věra CV.pdf", contentType: "application/pdf" })]);
    // The admin sees it at a glance in the side panel.
    const panel = await (await call(`/admin/applications/${id}`, { cookie: world.jana })).text();
    expect(panel).toMatch(/class="side-files"[\s\S]*Věra CV\.pdf/);
  });

  it("the admin's composer sends files and templates; a program is refused with the text kept", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Ivan Příloha", email: "ivan-files@example.net" } }),
    );
    const withFile = await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, multipart: { fields: { body: "" }, files: [pdf("zadani.pdf")] } });
    expect(withFile.status).toBe(303);
    expect((await messages(applicationId)).at(-1).attachments).toEqual([expect.objectContaining({ filename: "zadani.pdf" })]);

    const { template } = await json(
      await call("/api/templates", { cookie: world.jana, json: { name: "Pozvánka", body: "Dobrý den, {{candidate.firstName}}, zveme vás na pohovor." } }),
    );
    expect((await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: "", templateId: String(template.id) } })).status).toBe(303);
    expect((await messages(applicationId)).at(-1).body).toBe("Dobrý den, Ivan, zveme vás na pohovor.");
    const unknown = await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: "Ahoj {{candidate.nickname}}" } });
    expect(unknown.status).toBe(400);
    const unknownPage = await unknown.text();
    expect(unknownPage).toContain("Neznámý zástupný údaj {{candidate.nickname}}");
    expect(unknownPage).toMatch(/id="composer-body"[^>]*aria-invalid="true"/);
    // The composer's preview of the template reads as the candidate will read it.
    const page = await (await call(`/admin/applications/${applicationId}`, { cookie: world.jana })).text();
    const picker = /data-templates="([^"]*)"/.exec(page)![1]!;
    expect(picker).toContain("Dobrý den, Ivan, zveme vás na pohovor.");
    expect(picker).not.toContain("{{");

    const program = new File(["MZ\u0090\u0000"], "setup.exe", { type: "application/octet-stream" });
    const refused = await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, multipart: { fields: { body: "Posílám instalátor" }, files: [program] } });
    expect(refused.status).toBe(413);
    const text = await refused.text();
    expect(text).toContain("Posílám instalátor");
    expect(text).toContain("nelze poslat");
  });

  it("the candidate's page sends a file too", async () => {
    const res = await call(`/offers/${world.acme.offerId}`, { form: { name: "Olga Odkazová", email: "olga-files@example.net", message: "Dobrý den" } });
    const link = /href="(?:https?:\/\/[^/"]+)?(\/c\/[^"]+)"/.exec(await res.text())![1]!;
    const sent = await call(link, { multipart: { fields: { body: "Reference v příloze" }, files: [pdf("reference.pdf")] } });
    expect(sent.status).toBe(303);
    const theirs = await json(await call(`/api${link}/messages`));
    expect(theirs.messages.at(-1)).toMatchObject({ body: "Reference v příloze", attachments: [expect.objectContaining({ filename: "reference.pdf" })] });
  });
});

describe("sending later from the page", () => {
  it("plans the message at the company's wall-clock time, lists it, and cancels it", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Lea Pozdější", email: "lea-later@example.net" } }),
    );
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const local = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Prague", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .format(tomorrow)
      .replace(" ", "T");
    const res = await call(`/admin/applications/${applicationId}/messages`, {
      cookie: world.jana,
      multipart: { fields: { body: "Dobré ráno", sendAt: local }, files: [pdf("smlouva.pdf", 500)] },
    });
    expect(res.status).toBe(303);
    const { scheduled } = await json(await call(`/api/applications/${applicationId}/scheduled`, { cookie: world.jana }));
    expect(scheduled).toHaveLength(1);
    // The wall-clock minute in Prague, whatever the server's zone.
    expect(Math.abs(new Date(scheduled[0].sendAt).getTime() - tomorrow.getTime())).toBeLessThan(60_000);
    const page = await (await call(`/admin/applications/${applicationId}`, { cookie: world.jana })).text();
    expect(page).toContain("Naplánované zprávy");
    // Its file is listed with it, sized as everywhere else.
    expect(page).toMatch(/class="scheduled__files"[\s\S]*smlouva\.pdf <span class="muted">505 B<\/span>/);
    expect((await messages(applicationId)).map((m: { body: string }) => m.body)).not.toContain("Dobré ráno");
    expect((await call(`/admin/scheduled/${scheduled[0].id}/cancel`, { cookie: world.jana, form: { applicationId: String(applicationId) } })).status).toBe(303);
    expect((await json(await call(`/api/applications/${applicationId}/scheduled`, { cookie: world.jana }))).scheduled).toEqual([]);

    const past = await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: "Včera", sendAt: "2020-01-01T09:00" } });
    expect(past.status).toBe(400);
    const refused = await past.text();
    expect(refused).toContain("Včera");
    // The time is what is wrong, so the time field says so, not the text.
    expect(refused).toMatch(/id="composer-send-at"[^>]*aria-invalid="true"/);
    expect(refused).toContain('id="composer-send-at-error"');
    expect(refused).not.toMatch(/id="composer-body"[^>]*aria-invalid/);
  });

  it("sends tomorrow at 8:00 company time with one button, and every page send can be held for undo", async () => {
    const { applicationId } = await json(
      await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Ota Ranní", email: "ota-morning@example.net" } }),
    );
    const page = await (await call(`/admin/applications/${applicationId}`, { cookie: world.jana })).text();
    // The button names the day it means, in the page's language.
    const day = new Intl.DateTimeFormat("cs-CZ", { weekday: "short", day: "numeric", month: "short", timeZone: "Europe/Prague" }).format(tomorrowMorning("Europe/Prague"));
    expect(page).toContain(`name="later" value="tomorrow"`);
    expect(page).toContain(`Zítra v 8:00 (${day})`);
    // The client holds sends this long (as scheduled messages) and times them by the server's clock.
    expect(page).toMatch(/data-undo-ms="5000"/);
    expect(page).toMatch(/data-server-now="\d{13}"/);
    const res = await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: "Dobré ráno, {{candidate.firstName}}", later: "tomorrow" } });
    expect(res.status).toBe(303);
    const { scheduled } = await json(await call(`/api/applications/${applicationId}/scheduled`, { cookie: world.jana }));
    expect(scheduled).toEqual([expect.objectContaining({ body: "Dobré ráno, Ota", sendAt: new Date(tomorrowMorning("Europe/Prague")).toISOString() })]);
    const hour = new Intl.DateTimeFormat("cs-CZ", { hour: "numeric", minute: "2-digit", timeZone: "Europe/Prague" }).format(new Date(scheduled[0].sendAt));
    expect(hour).toBe("8:00");
    // "Schedule" with no time chosen sends nothing: the time field says what is missing.
    const noTime = await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: "Kdy?", later: "at", sendAt: "" } });
    expect(noTime.status).toBe(400);
    expect(await noTime.text()).toMatch(/id="composer-send-at"[^>]*aria-invalid="true"/);
    expect((await messages(applicationId)).map((m: { body: string }) => m.body)).not.toContain("Kdy?");
    // A note is never planned: "tomorrow" with the note switch on posts the note now.
    await call(`/admin/applications/${applicationId}/messages`, { cookie: world.jana, form: { body: "Pro tým", kind: "note", later: "tomorrow" } });
    expect((await json(await call(`/api/applications/${applicationId}/scheduled`, { cookie: world.jana }))).scheduled).toHaveLength(1);
    expect((await messages(applicationId)).map((m: { body: string }) => m.body)).toContain("Pro tým");
  });
});

describe("tomorrow morning", () => {
  it("is 8:00 on the next calendar day in the zone, across daylight-saving changes and late evenings", () => {
    // 2026-03-28 23:30 in Prague is still winter time; the next morning is summer time (UTC+2).
    expect(new Date(tomorrowMorning("Europe/Prague", Date.UTC(2026, 2, 28, 22, 30))).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    // Late evening in New York is already the next day in UTC: "tomorrow" is New York's.
    expect(new Date(tomorrowMorning("America/New_York", Date.UTC(2026, 11, 5, 3, 0))).toISOString()).toBe("2026-12-05T13:00:00.000Z");
    expect(new Date(tomorrowMorning("Europe/Prague", Date.UTC(2026, 11, 31, 12, 0))).toISOString()).toBe("2027-01-01T07:00:00.000Z");
  });
});
