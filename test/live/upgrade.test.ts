import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { applications } from "../../src/db/schema";
import { APP, seedCompany, upgrade } from "./helpers";

let acme: Awaited<ReturnType<typeof seedCompany>>;
let globex: Awaited<ReturnType<typeof seedCompany>>;

beforeAll(async () => {
  acme = await seedCompany("acme");
  globex = await seedCompany("globex");
});

async function refused(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.webSocket).toBeFalsy();
  expect(await res.json()).toMatchObject({ error, message: expect.any(String) });
}

describe("live upgrades", () => {
  it("accepts an admin of the company, the candidate's link and the company socket", async () => {
    for (const res of [
      await upgrade(`/api/applications/${acme.applicationId}/live`, { Cookie: acme.jana.cookie }),
      await upgrade(`/api/c/${acme.candidateToken}/live`),
      await upgrade("/api/live", { Cookie: acme.petr.cookie }),
    ]) {
      expect(res.status).toBe(101);
      res.webSocket!.accept();
      res.webSocket!.close(1000);
    }
  });

  it("refuses anonymous admins with 401", async () => {
    await refused(await upgrade(`/api/applications/${acme.applicationId}/live`), 401, "unauthenticated");
    await refused(await upgrade("/api/live", { Cookie: "session=forged" }), 401, "unauthenticated");
  });

  it("answers 404 for another company's application and an unknown one", async () => {
    await refused(await upgrade(`/api/applications/${globex.applicationId}/live`, { Cookie: acme.jana.cookie }), 404, "not_found");
    await refused(await upgrade("/api/applications/999999/live", { Cookie: acme.jana.cookie }), 404, "not_found");
  });

  it("refuses cross-site and Origin-less handshakes with 403 (cookies ride along on WebSocket handshakes)", async () => {
    await refused(await upgrade("/api/live", { Cookie: acme.jana.cookie, Origin: "https://evil.example" }), 403, "cross_origin");
    await refused(await upgrade(`/api/c/${acme.candidateToken}/live`, { Origin: "" }), 403, "cross_origin");
  });

  it("answers 404 for a tampered or revoked candidate link", async () => {
    const tampered = acme.candidateToken.replace(/.$/, (ch) => (ch === "A" ? "B" : "A"));
    await refused(await upgrade(`/api/c/${tampered}/live`), 404, "not_found");
    await refused(await upgrade(`/api/c/${globex.applicationId}.1.${acme.candidateToken.split(".")[2]}/live`), 404, "not_found");
    await database(env.DB).update(applications).set({ linkVersion: 2 }).where(eq(applications.id, acme.applicationId));
    await refused(await upgrade(`/api/c/${acme.candidateToken}/live`), 404, "not_found");
    await database(env.DB).update(applications).set({ linkVersion: 1 }).where(eq(applications.id, acme.applicationId));
  });

  it("answers 426 to a plain GET", async () => {
    const res = await SELF.fetch(`${APP}/api/live`, { headers: { Origin: APP, Cookie: acme.jana.cookie } });
    await refused(res, 426, "upgrade_required");
  });
});
