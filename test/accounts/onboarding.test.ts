// After sign-up, the new company's inbox shows the first steps (settings, a first job post, colleagues), each
// ticked off as it is done, until all are done or the admin hides them. Companies made otherwise never see it.
import { describe, expect, it } from "vitest";
import { call, demoWorld, json, signIn } from "../support/http";

async function signedUpAdmin(email: string): Promise<string> {
  expect((await call("/api/signup", { json: { companyName: "Nováček s.r.o.", name: "Nela Nová", email, password: "first-steps-1", locale: "cs" } })).status).toBe(201);
  const { emails } = await json(await call("/dev/mailbox.json"));
  const mail = emails.filter((e: { to: string[] }) => e.to.includes(email)).at(-1);
  const link = /http:\/\/localhost:8787(\/signup\/confirm\?token=[^\s"<]+)/.exec(mail.text)![1]!;
  expect((await call(link)).status).toBe(200);
  return signIn(email, "first-steps-1");
}
const steps = (html: string) => ({
  shown: html.includes("data-onboarding"),
  done: [...html.matchAll(/data-step="(\w+)" data-done/g)].map((m) => m[1]),
});

describe("first steps after sign-up", () => {
  it("lists the three steps and ticks each off as it is done, then goes away", async () => {
    const cookie = await signedUpAdmin("nela@novacek.example");
    const inbox = async () => steps(await (await call("/admin", { cookie })).text());
    expect(await inbox()).toEqual({ shown: true, done: [] });
    expect(await (await call("/admin", { cookie })).text()).toContain("První kroky");

    expect(
      (await call("/admin/settings", { cookie, form: { contactEmail: "kariera@novacek.example", locale: "cs", timeZone: "Europe/Prague", retentionDays: "365" } })).status,
    ).toBe(303);
    expect(await inbox()).toEqual({ shown: true, done: ["settings"] });
    expect((await call("/api/offers", { cookie, json: { title: "Skladník", notificationEmails: ["nela@novacek.example"] } })).status).toBe(201);
    expect(await inbox()).toEqual({ shown: true, done: ["settings", "offer"] });
    expect((await call("/admin/team/invitations", { cookie, form: { email: "kolega@novacek.example" } })).status).toBeLessThan(400);
    expect(await inbox()).toEqual({ shown: false, done: [] });
  });

  it("can be hidden, and the demo companies never show it", async () => {
    const cookie = await signedUpAdmin("hide@novacek.example");
    expect((await call("/admin/onboarding/dismiss", { cookie, form: {} })).status).toBe(303);
    expect(steps(await (await call("/admin", { cookie })).text()).shown).toBe(false);
    const world = await demoWorld();
    expect(steps(await (await call("/admin", { cookie: world.jana })).text()).shown).toBe(false);
  });
});
