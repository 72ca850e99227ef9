// Times on pages and in emails are written in the company's time zone (CONTRACT.md "Company settings").
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

describe("the company's time zone", () => {
  it("writes the conversation page's times and the emails' in it", async () => {
    expect((await call("/api/company", { method: "PATCH", cookie: world.eva, json: { timeZone: "America/New_York" } })).status).toBe(200);
    const { applicationId } = await json(
      await call(`/api/offers/${world.globex.offerId}/applications`, { json: { name: "Zoe Zone", email: "zoe-zone@example.net", message: "Hello" } }),
    );
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.eva }));
    const at = new Date(messages[0].createdAt);
    const inNewYork = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "America/New_York" }).format(at);
    const inPrague = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Prague" }).format(at);
    const page = await (await call(`/admin/applications/${applicationId}`, { cookie: world.eva })).text();
    expect(page).toContain(inNewYork);
    expect(page).not.toContain(inPrague);
    expect(page).toContain('data-time-zone="America/New_York"');

    // The next email to the candidate quotes the history with New York times.
    await call(`/api/applications/${applicationId}/messages`, { cookie: world.eva, json: { body: "Thanks, Zoe." } });
    const { emails } = await json(await call("/dev/mailbox.json"));
    const toZoe = emails.filter((e: { to: string[]; kind: string }) => e.to.includes("zoe-zone@example.net") && e.kind === "candidate_message").at(-1);
    expect(toZoe.text).toContain(inNewYork);
  });
});
