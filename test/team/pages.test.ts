// The team's work on the pages, without JavaScript: a note from the conversation's form (mentions read from
// "@Name"), the assignee picker, the inbox queues with counts, and the search page.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

const apply = async (name: string, email: string) =>
  (await json(await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name, email, message: "Dobrý den, zajímá mě pozice <b>backend</b>." } })))
    .applicationId as number;

describe("team pages", () => {
  it("posts a note from the form, mentioning by @name, and shows it apart", async () => {
    const id = await apply("Olga Pokorná", "olga@example.net");
    const page = await (await call(`/admin/applications/${id}`, { cookie: world.petr })).text();
    expect(page).toContain('name="kind" value="note"');
    const res = await call(`/admin/applications/${id}/messages`, { cookie: world.petr, form: { kind: "note", body: "@Jana Nováková zavolej jí prosím" } });
    expect(res.status).toBe(303);
    const { messages } = await json(await call(`/api/applications/${id}/messages`, { cookie: world.jana }));
    expect(messages.at(-1)).toMatchObject({ visibility: "internal", body: "@Jana Nováková zavolej jí prosím" });
    const { notifications } = await json(await call("/api/notifications", { cookie: world.jana }));
    expect(notifications.find((n: { messageId: number }) => n.messageId === messages.at(-1).id)).toMatchObject({ kind: "mention" });
    const after = await (await call(`/admin/applications/${id}`, { cookie: world.jana })).text();
    expect(after).toMatch(/data-visibility="internal"[^>]*>[\s\S]*?zavolej jí prosím/);
  });

  it("assigns from the side panel and lists the queues with their counts", async () => {
    const id = await apply("Pavel Horák", "pavel@example.net");
    const petr = world.acme.adminIds["petr@acme.example"]!;
    expect((await call(`/admin/applications/${id}/assignee`, { cookie: world.jana, form: { assigneeId: String(petr) } })).status).toBe(303);
    expect((await json(await call(`/api/applications/${id}`, { cookie: world.jana }))).assignee).toEqual({ id: petr, name: "Petr Svoboda" });
    expect((await call(`/admin/applications/${id}/assignee`, { cookie: world.jana, form: { assigneeId: String(world.globex.adminIds["eva@globex.example"]) } })).status).toBe(404);
    const page = await (await call("/admin?assignee=me", { cookie: world.petr })).text();
    const inbox = page.slice(page.indexOf("data-inbox"), page.indexOf('class="pager"'));
    expect(inbox).toContain("Pavel Horák");
    expect(inbox).not.toContain("Olga Pokorná");
    expect(page).toContain("Jana Nováková vám přiřazuje konverzaci");
    expect(page).toMatch(/aria-current="page"[^>]*>Moje<span class="queues__count">1<\/span>/);
    // The same tabs as a fragment, for the live inbox to refresh.
    const fragment = await (await call("/admin/queues?assignee=me", { cookie: world.petr })).text();
    expect(fragment).toMatch(/^<nav class="queues"/);
    expect(fragment).toMatch(/aria-current="page"[^>]*>Moje<span class="queues__count">1<\/span>/);
  });

  it("searches from the header and marks the hits without letting text become markup", async () => {
    const page = await (await call(`/admin/search?q=${encodeURIComponent("backend pozice")}`, { cookie: world.jana })).text();
    expect(page).toContain("<mark>");
    expect(page).not.toContain("<b>backend</b>");
    expect(page).toContain("&lt;b&gt;");
    expect((await call(`/admin/search?q=${"x".repeat(201)}`, { cookie: world.jana })).status).toBe(400);
    expect(await (await call("/admin/search?q=zzzzzz", { cookie: world.jana })).text()).toContain("Nic nenalezeno");
  });

  it("groups the notifications panel by conversation and marks one conversation's read at once", async () => {
    const id = await apply("Gita Skupinová", "gita-group@example.net");
    for (const body of ["První doplnění", "Druhé doplnění"]) {
      await call(`/api/applications/${id}/notes`, { cookie: world.petr, json: { body } });
    }
    const page = await (await call("/admin", { cookie: world.jana })).text();
    const entries = [...page.matchAll(/class="notification" [^>]*data-application-id="(\d+)"[^>]*data-count="(\d+)"/g)];
    const mine = entries.filter((m) => Number(m[1]) === id);
    expect(mine).toHaveLength(1);
    expect(Number(mine[0]![2])).toBe(3);
    expect(page).toContain("a 2 další");
    expect((await call(`/admin/applications/${id}/notifications/read`, { cookie: world.jana, form: {} })).status).toBe(303);
    const { notifications } = await json(await call("/api/notifications", { cookie: world.jana }));
    expect(notifications.filter((n: { applicationId: number; readAt: string | null }) => n.applicationId === id && n.readAt === null)).toEqual([]);
  });

  it("marks the inbox preview when the last entry is a note, on the page and in the live row, but not a system line", async () => {
    const id = await apply("Nina Náhledová", "nina-preview@example.net");
    const row = (html: string) => {
      const start = html.indexOf(`data-application-row="${id}"`);
      return html.slice(start, html.indexOf("</li>", start));
    };
    const inboxRow = async (cookie: string) => row(await (await call("/admin", { cookie })).text());
    const liveRow = async () => await (await call(`/admin/inbox-rows/${id}`, { cookie: world.jana })).text();
    expect(await inboxRow(world.jana)).not.toContain("inbox-item__note");

    await call(`/api/applications/${id}/notes`, { cookie: world.petr, json: { body: "Zavolám jí zítra." } });
    expect(await inboxRow(world.jana)).toMatch(
      /data-note-preview[^>]*><span class="inbox-item__note">Poznámka<\/span><span class="inbox-item__author">Petr Svoboda: <\/span>Zavolám jí zítra\./,
    );
    expect(await liveRow()).toContain('<span class="inbox-item__note">Poznámka</span>');
    expect(await inboxRow(`${world.jana}; lang=en`)).toContain('<span class="inbox-item__note">Note</span>');
    const { applications } = await json(await call("/api/applications", { cookie: world.jana }));
    expect(applications.find((a: { id: number }) => a.id === id).lastMessage).toMatchObject({
      body: "Zavolám jí zítra.",
      visibility: "internal",
      author: { kind: "admin", name: "Petr Svoboda" },
    });

    await call(`/api/applications/${id}/messages`, { cookie: world.jana, json: { body: "Dobrý den, ozveme se zítra." } });
    expect(await inboxRow(world.jana)).not.toContain("inbox-item__note");
    // Rejecting adds an internal system line: what happened, not anybody's note.
    expect((await call(`/api/applications/${id}/reject`, { cookie: world.jana, method: "POST" })).status).toBe(200);
    expect(await liveRow()).not.toContain("inbox-item__note");
  });
});
