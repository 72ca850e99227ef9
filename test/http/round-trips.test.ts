// The hot paths cost one D1 round trip before the live room is called: the signed cookie names the admin, and
// the session row is asserted in the same batch as the read or the write. Signing out still ends it at once.
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json, signIn } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
let applicationId: number;
beforeAll(async () => {
  world = await demoWorld();
  const added = await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Měřená Kandidátka", email: "metered@example.net" } });
  applicationId = (await json<{ applicationId: number }>(added)).applicationId;
});

const metered = (path: string, cookie: string, body?: unknown) => call(path, { cookie, headers: { "X-Measure-D1": "1" }, ...(body ? { json: body } : {}) });
const trips = (res: Response) => Number(res.headers.get("X-D1-Round-Trips"));

describe("one D1 round trip", () => {
  it("posting a message, the inbox and the conversation's messages each make one", async () => {
    const posted = await metered(`/api/applications/${applicationId}/messages`, world.jana, { body: "Dobrý den, jednou." });
    expect(posted.status).toBe(201);
    expect(trips(posted)).toBe(1);
    const inbox = await metered("/api/applications", world.jana);
    expect(inbox.status).toBe(200);
    expect(trips(inbox)).toBe(1);
    const thread = await metered(`/api/applications/${applicationId}/messages`, world.jana);
    expect((await json<{ messages: { body: string }[] }>(thread)).messages.map((m) => m.body)).toContain("Dobrý den, jednou.");
    expect(trips(thread)).toBe(1);
  });

  it("another company's conversation is still 404 (read and write), found out on the failure path only", async () => {
    expect((await metered(`/api/applications/${applicationId}/messages`, world.eva)).status).toBe(404);
    const refused = await metered(`/api/applications/${applicationId}/messages`, world.eva, { body: "Cizí." });
    expect(refused.status).toBe(404);
    expect(await json(refused)).toMatchObject({ error: "not_found" });
  });

  it("signing out ends the session at once on every hot path, though the cookie's signature is still good", async () => {
    const cookie = await signIn("petr@acme.example");
    expect((await metered("/api/applications", cookie)).status).toBe(200);
    expect((await call("/api/session", { method: "DELETE", cookie })).status).toBe(204);
    expect((await metered("/api/applications", cookie)).status).toBe(401);
    expect((await metered(`/api/applications/${applicationId}/messages`, cookie)).status).toBe(401);
    const write = await metered(`/api/applications/${applicationId}/messages`, cookie, { body: "Po odhlášení." });
    expect(write.status).toBe(401);
    expect(await json(write)).toMatchObject({ error: "unauthenticated" });
    const thread = await json<{ messages: { body: string }[] }>(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }));
    expect(thread.messages.map((m) => m.body)).not.toContain("Po odhlášení.");
  });

  it("a forged or altered cookie is nobody", async () => {
    const [name, value] = world.jana.split("=") as [string, string];
    const [body, mac] = value.split(".") as [string, string];
    const altered = `${name}=${body.slice(0, -2)}xx.${mac}`;
    expect((await call("/api/applications", { cookie: altered })).status).toBe(401);
    expect((await call("/api/applications", { cookie: `${name}=${body}.${"A".repeat(43)}` })).status).toBe(401);
  });
});
