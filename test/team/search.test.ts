// Search (CONTRACT.md "Search"): candidates by name and address, messages and notes by their words; case, accents
// and word endings don't matter; another company's data never appears; what people type is never FTS syntax.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
let novak: number;
let rustacean: number;
beforeAll(async () => {
  world = await demoWorld();
  const apply = async (name: string, email: string, message: string, offerId = world.acme.offerId) =>
    (await json(await call(`/api/offers/${offerId}/applications`, { json: { name, email, message } }))).applicationId as number;
  novak = await apply("Tomáš Novák", "tomas.novak@example.net", "Dobrý den, posílám přihlášku na pozici.");
  rustacean = await apply("Eliška Černá", "eliska@example.net", "Píšu v Rustu a TypeScriptu pět let.");
  await call(`/api/applications/${rustacean}/notes`, { cookie: world.jana, json: { body: "Silná kandidátka, pozvat na pohovor" } });
  await apply("Hana Nováková", "hana@globex.example.net", "Rust and design systems", world.globex.offerId);
});

const search = async (q: string, cookie = world.jana) => {
  const res = await call(`/api/search?q=${encodeURIComponent(q)}`, { cookie });
  expect(res.status).toBe(200);
  return (await json(res)).results as { applicationId: number; messageId: number | null; candidate: { name: string }; offer: { title: string }; snippet: string }[];
};

describe("search", () => {
  it("finds candidates by name and address, ignoring case and diacritics", async () => {
    for (const q of ["novak", "NOVÁK", "Tomas", "tomas.novak@example.net", "tomas.novak"]) {
      const results = await search(q);
      expect(results[0], q).toMatchObject({ applicationId: novak, messageId: null, candidate: { name: "Tomáš Novák" }, offer: { title: "Backend Engineer (TypeScript)" } });
    }
  });

  it("finds messages and notes by word prefixes, with a snippet and the message to open", async () => {
    // Another form of the word finds it too: "přihláška" (nominative) finds "přihlášku".
    for (const q of ["přihláška", "prihlaska", "PRIHLASKY"])
      expect(
        (await search(q)).map((r) => r.applicationId),
        q,
      ).toContain(novak);
    const [hit] = await search("prihlask");
    expect(hit).toMatchObject({ applicationId: novak, messageId: expect.any(Number) });
    expect(hit!.snippet).toContain("přihlášku");
    const rust = await search("rust typescr");
    expect(rust.map((r) => r.applicationId)).toEqual([rustacean]);
    const note = await search("pohovor silna");
    expect(note).toEqual([expect.objectContaining({ applicationId: rustacean, snippet: expect.stringContaining("pohovor") })]);
    const { messages } = await json(await call(`/api/applications/${rustacean}/messages`, { cookie: world.jana }));
    expect(messages.find((m: { id: number }) => m.id === note[0]!.messageId)).toMatchObject({ visibility: "internal" });
  });

  it("never shows another company's data, either way", async () => {
    expect((await search("rust")).map((r) => r.applicationId)).toEqual([rustacean]);
    const globex = await search("novak", world.eva);
    expect(globex.map((r) => r.candidate.name)).toEqual(["Hana Nováková"]);
    expect(await search("pohovor", world.eva)).toEqual([]);
  });

  it("treats FTS syntax as words and refuses empty or over-long searches", async () => {
    for (const q of ['"', 'rust"', "*", "rust*", "NEAR(rust typescript)", "-rust", "rust OR", "(((", "a AND", "company:c1", "^rust", "rust)"]) {
      const res = await call(`/api/search?q=${encodeURIComponent(q)}`, { cookie: world.jana });
      expect(res.status, q).toBe(200);
    }
    // Its words still count as words: the quote and star are gone, "NEAR" is one more word to find.
    expect((await search('"rust* (typescript')).map((r) => r.applicationId)).toEqual([rustacean]);
    expect(await search("NEAR(rust typescript)")).toEqual([]);
    expect(await search("company:c2")).toEqual([]);
    for (const q of ["", "   ", "x".repeat(201)]) {
      const res = await call(`/api/search?q=${encodeURIComponent(q)}`, { cookie: world.jana });
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect((await json(res)).error).toBe("invalid_input");
    }
    expect((await call("/api/search", { cookie: world.jana })).status).toBe(400);
    expect((await call("/api/search?q=rust")).status).toBe(401);
  });

  it("keeps up with every write: a new message is found at once, and an erased application is gone", async () => {
    await call(`/api/applications/${novak}/messages`, { cookie: world.jana, json: { body: "Zkuste prosím zadání s Kubernetes." } });
    expect((await search("kubernet")).map((r) => r.applicationId)).toEqual([novak]);
    const erased = await call(`/api/applications/${novak}/erase`, { cookie: world.jana, json: { confirm: "Tomáš Novák" } });
    expect(erased.status, await erased.clone().text()).toBeLessThan(300);
    expect(await search("kubernet")).toEqual([]);
    expect(await search("novak")).toEqual([]);
  });
});
