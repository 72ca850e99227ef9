// The bulk page (issue 10 "Bulk actions"): the inbox's ticked rows reach /admin/bulk, which names whom the action
// reaches, then messages or rejects each through the same rules as one at a time and shows each one's result.
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_LENGTH } from "../../../src/conversations/errors";
import { call, demoWorld, json } from "../../support/http";
import { messagesOf } from "../../email/inbound-support";
import { html, unescapeHtml } from "./support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

let n = 0;
const apply = async (name: string, offerId = world.acme.offerId) =>
  (await json(await call(`/api/offers/${offerId}/applications`, { json: { name, email: `bulk-page-${++n}@example.net`, message: "Dobrý den" } }))).applicationId as number;
const post = (pairs: [string, string][], cookie = world.jana) => call("/admin/bulk", { cookie, form: pairs });
const ids = (list: number[]): [string, string][] => list.map((id) => ["applicationIds", String(id)]);
const statusOf = async (id: number) => (await json(await call(`/api/applications/${id}`, { cookie: world.jana }))).status as string;

describe("the bulk page", () => {
  it("each inbox row has a tick box in the bulk form, outside its link", async () => {
    const id = await apply("Tereza Tiká");
    const page = await html(await call("/admin", { cookie: world.jana }));
    expect(page).toContain('<form id="bulk-form" class="bulk-bar" method="get" action="/admin/bulk"');
    const row = new RegExp(
      `<li[^>]*data-application-row="${id}"[^>]*><input type="checkbox" class="inbox-item__select" name="applicationIds" value="${id}" form="bulk-form" aria-label="Vybrat: Tereza Tiká"/><a`,
    );
    expect(page).toMatch(row);
    // A live row carries it too.
    expect(await html(await call(`/admin/inbox-rows/${id}`, { cookie: world.jana }))).toContain(`value="${id}" form="bulk-form"`);
  });

  it("names the company's own selected candidates, never another company's, before anything is done", async () => {
    const mine = [await apply("Alena Vybraná"), await apply("Boris Vybraný")];
    const theirs = await apply("Cecílie Cizí", world.globex.offerId);
    const page = await html(await call(`/admin/bulk?applicationIds=${mine[0]}&applicationIds=${mine[1]}&applicationIds=${theirs}&applicationIds=x`, { cookie: world.jana }));
    expect(page).toContain("Alena Vybraná");
    expect(page).toContain("Boris Vybraný");
    expect(page).not.toContain("Cecílie Cizí");
    expect(page).toContain("Provést pro 2");
    expect(page.match(/<input type="hidden" name="applicationIds"/g)).toHaveLength(2);
    expect((await messagesOf(mine[0]!)).map((m) => m.body)).toEqual(["Dobrý den"]);
    const none = await html(await call(`/admin/bulk?applicationIds=${theirs}`, { cookie: world.jana }));
    expect(none).toContain("Nevybrali jste žádnou konverzaci");
    expect(none).not.toContain('<form method="post" action="/admin/bulk"');
  });

  it("messages each with placeholders filled in, shows each result, and offers only the failed ones again", async () => {
    const mine = [await apply("Dana Hromadná"), await apply("Emil Hromadný")];
    const theirs = await apply("Filip Cizí", world.globex.offerId);
    const page = await html(await post([...ids([...mine, theirs]), ["action", "message"], ["body", "Dobrý den {{candidate.firstName}}, ozveme se."], ["templateId", ""]]));
    expect(await messagesOf(mine[0]!)).toEqual(expect.arrayContaining([expect.objectContaining({ body: "Dobrý den Dana, ozveme se." })]));
    expect(await messagesOf(mine[1]!)).toEqual(expect.arrayContaining([expect.objectContaining({ body: "Dobrý den Emil, ozveme se." })]));
    expect((await messagesOf(theirs)).map((m) => m.body)).toEqual(["Dobrý den"]);
    // Another company's id is neither listed nor retried: to this admin it does not exist.
    expect(page).toContain("Hotovo 2 z 2.");
    expect(page).toMatch(new RegExp(`data-bulk-item="${mine[0]}" data-outcome="done"`));
    expect(page).not.toContain("Filip Cizí");
    // Everything went: no form is left to send it twice.
    expect(page).not.toContain('<form method="post" action="/admin/bulk"');
  });

  it("keeps the text and the selection when the message is empty or too long", async () => {
    const id = await apply("Gita Prázdná");
    const empty = await html(await post([...ids([id]), ["action", "message"], ["body", "   "]]), 400);
    expect(empty).toContain("Zpráva je prázdná.");
    expect(empty).toContain(`<input type="hidden" name="applicationIds" value="${id}"/>`);
    const long = "x".repeat(20_001);
    const tooLong = await html(await post([...ids([id]), ["action", "message"], ["body", long]]), 413);
    expect(unescapeHtml(tooLong)).toContain(long);
    expect((await messagesOf(id)).map((m) => m.body)).toEqual(["Dobrý den"]);
  });

  it("rejects each, with the message first, and reports one that failed by name and reason", async () => {
    const mine = [await apply("Hana Zamítnutá"), await apply("Ivan Zamítnutý")];
    // Filled in, the text grows past the limit: each fails on its own, named with its reason, and nothing closes.
    const long = `${"x".repeat(MAX_BODY_LENGTH - 20)} {{offer.title}}`;
    const failed = await html(await post([...ids(mine), ["action", "reject"], ["body", long], ["templateId", ""]]));
    expect(failed).toContain("Hotovo 0 z 2.");
    expect(failed).toContain("Nepodařilo se: Zpráva je po doplnění příliš dlouhá.");
    expect(failed).toContain("Zkusit znovu pro neúspěšné");
    expect(unescapeHtml(failed)).toContain(long);
    expect(await statusOf(mine[0]!)).toBe("active");

    const done = await html(await post([...ids(mine), ["action", "reject"], ["body", "Děkujeme, {{candidate.firstName}}, vybrali jsme jinak."], ["templateId", ""]]));
    expect(done).toContain("Hotovo 2 z 2.");
    for (const [id, first] of [
      [mine[0]!, "Hana"],
      [mine[1]!, "Ivan"],
    ] as const) {
      expect(await statusOf(id)).toBe("rejected");
      expect((await messagesOf(id)).map((m) => m.body)).toContain(`Děkujeme, ${first}, vybrali jsme jinak.`);
    }
    // Closed already (a colleague, a second click): said so per row, and no second message goes.
    const again = await html(await post([...ids(mine), ["action", "reject"], ["body", "Ještě jednou."], ["templateId", ""]]));
    expect(again).toContain("Hotovo 0 z 2.");
    expect(again).toContain("Nepodařilo se: Přihláška už byla uzavřena; zpráva neodešla.");
    expect((await messagesOf(mine[0]!)).map((m) => m.body)).not.toContain("Ještě jednou.");
  });
});
