// Company settings over the API: what an admin reads and changes of their own company, and nothing else.
import { describe, expect, it } from "vitest";
import { call, demoWorld } from "../support/http";

describe("GET and PATCH /api/company", () => {
  it("shows the admin's company and changes only the fields sent", async () => {
    const w = await demoWorld();
    const before = await call("/api/company", { cookie: w.jana });
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ name: "Acme Robotics s.r.o.", locale: "cs", timeZone: "Europe/Prague", retentionDays: 365 });

    const patched = await call("/api/company", { method: "PATCH", cookie: w.jana, json: { timeZone: "America/New_York", retentionDays: 90 } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ locale: "cs", timeZone: "America/New_York", retentionDays: 90 });
    expect(await (await call("/api/company", { cookie: w.jana })).json()).toMatchObject({ timeZone: "America/New_York", retentionDays: 90 });
  });

  it("refuses bad values with a 400 that names the field, and changes nothing", async () => {
    const w = await demoWorld();
    const before = await (await call("/api/company", { cookie: w.jana })).json();
    for (const bad of [
      { timeZone: "Mars/Olympus" },
      { timeZone: "" },
      { retentionDays: 29 },
      { retentionDays: 1096 },
      { retentionDays: 10.5 },
      { locale: "de" },
      { contactEmail: "nope" },
    ]) {
      const res = await call("/api/company", { method: "PATCH", cookie: w.jana, json: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe("invalid_input");
    }
    expect(await (await call("/api/company", { cookie: w.jana })).json()).toEqual(before);
  });

  it("is another company's for another company's admin", async () => {
    const w = await demoWorld();
    expect(await (await call("/api/company", { method: "PATCH", cookie: w.eva, json: { retentionDays: 30 } })).json()).toMatchObject({ name: "Globex a.s.", retentionDays: 30 });
    expect(((await (await call("/api/company", { cookie: w.jana })).json()) as { retentionDays: number }).retentionDays).not.toBe(30);
    expect(await call("/api/company")).toMatchObject({ status: 401 });
  });
});
