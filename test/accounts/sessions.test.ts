// The signed session cookie: who is asking, known without D1; the stored row decides whether it still holds.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { endSession, readSession, SESSION_TTL_MS, startSession, type SignedInAdmin } from "../../src/accounts/sessions";
import { database } from "../../src/db/client";
import { sessionStillValid } from "../../src/db/sessions";
import { seedDemo } from "../../src/dev/seed";

const db = database(env.DB);
let jana: SignedInAdmin;
beforeAll(async () => {
  const [acme] = await seedDemo(env, { conversation: false });
  jana = { id: acme!.adminIds["jana@acme.example"]!, companyId: acme!.companyId, name: "Jana Nováková", email: "jana@acme.example" };
});

describe("session cookies", () => {
  it("name the admin (with a Czech name intact) until they expire", async () => {
    const now = Date.now();
    const cookie = await startSession(db, env.LINK_SECRET, jana, now);
    const claims = await readSession(env.LINK_SECRET, cookie, now + 1000);
    expect(claims).toMatchObject({ admin: jana, expiresAt: now + SESSION_TTL_MS });
    expect(await sessionStillValid(db, claims!.tokenHash, jana.id, now + 1000)).toBe(true);
    expect(await readSession(env.LINK_SECRET, cookie, now + SESSION_TTL_MS)).toBeNull();
  });

  it("refuse a changed payload, a foreign key, garbage and an empty value", async () => {
    const cookie = await startSession(db, env.LINK_SECRET, jana);
    const [body, mac] = cookie.split(".") as [string, string];
    // A different last character, whatever the signature ends with.
    const otherMac = mac.slice(0, -1) + (mac.endsWith("A") ? "B" : "A");
    const forged = JSON.parse(atob(body.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    const asOtherCompany = btoa(JSON.stringify({ ...forged, c: 999 }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    for (const bad of [`${asOtherCompany}.${mac}`, `${body}x.${mac}`, `${body}.${otherMac}`, "", "...", "a.b", cookie.replace(".", "")]) {
      expect(await readSession(env.LINK_SECRET, bad), bad).toBeNull();
    }
    expect(await readSession("another-secret-0123456789abcdef", cookie)).toBeNull();
  });

  it("end at once: the cookie still verifies, but its row is gone", async () => {
    const cookie = await startSession(db, env.LINK_SECRET, jana);
    const claims = (await readSession(env.LINK_SECRET, cookie))!;
    await endSession(db, claims.tokenHash);
    expect(await readSession(env.LINK_SECRET, cookie)).not.toBeNull();
    expect(await sessionStillValid(db, claims.tokenHash, jana.id, Date.now())).toBe(false);
  });
});
