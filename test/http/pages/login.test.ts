import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld } from "../../support/http";
import { html, langOf, sessionCookie } from "./support";

beforeAll(async () => {
  await demoWorld();
});

describe("sign-in pages", () => {
  it("anonymous /admin goes to the login page and comes back after signing in", async () => {
    const anonymous = await call("/admin/applications/1");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?next=%2Fadmin%2Fapplications%2F1");

    const form = await html(await call("/login?next=%2Fadmin%2Fapplications%2F1"));
    expect(form).toContain('action="/login"');
    expect(form).toContain('name="next" value="/admin/applications/1"');

    const signedIn = await call("/login", { form: { email: "Jana@Acme.example", password: "demo1234", next: "/admin/settings" } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("Location")).toBe("/admin/settings");
    const inbox = await html(await call("/admin", { cookie: sessionCookie(signedIn) }));
    expect(inbox).toContain("Jana Nováková");
  });

  it("never redirects to another site", async () => {
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const res = await call("/login", { form: { email: "petr@acme.example", password: "demo1234", next } });
      expect(res.headers.get("Location")).toBe("/admin");
    }
  });

  it("shows wrong credentials, then the rate limit", async () => {
    const wrong = await html(await call("/login", { form: { email: "eva@globex.example", password: "nope", next: "/admin" } }), 401);
    expect(wrong).toMatch(/Nesprávný e-mail nebo heslo|Wrong email or password/);
    expect(wrong).toContain('value="eva@globex.example"');
    for (let i = 0; i < 4; i++) await call("/login", { form: { email: "eva@globex.example", password: "nope" } });
    const limited = await call("/login", { form: { email: "eva@globex.example", password: "demo1234" } });
    const page = await html(limited, 429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(page).toMatch(/Příliš mnoho neúspěšných pokusů|Too many failed sign-ins/);
  });

  it("speaks the browser's language unless the visitor chose one (lang cookie)", async () => {
    expect(langOf(await html(await call("/login", { headers: { "Accept-Language": "en-US,en;q=0.9" } })))).toBe("en");
    expect(langOf(await html(await call("/login", { headers: { "Accept-Language": "de, cs;q=0.8, en;q=0.5" } })))).toBe("cs");
    const chose = await call("/lang", { form: { lang: "en", next: "/login" } });
    expect(chose.status).toBe(303);
    expect(chose.headers.get("Location")).toBe("/login");
    const cookie = chose.headers
      .getSetCookie()
      .find((c) => c.startsWith("lang="))!
      .split(";")[0]!;
    const page = await html(await call("/login", { cookie, headers: { "Accept-Language": "cs" } }));
    expect(langOf(page)).toBe("en");
    expect(page).toContain("Sign in");
  });

  it("signs out with a POST form and refuses a cross-site one", async () => {
    const signedIn = await call("/login", { form: { email: "petr@acme.example", password: "demo1234" } });
    const cookie = sessionCookie(signedIn);
    expect((await call("/logout", { method: "POST", cookie, origin: "https://evil.example" })).status).toBe(403);
    const out = await call("/logout", { method: "POST", cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("Location")).toBe("/login");
    expect((await call("/admin", { cookie })).status).toBe(302);
  });
});
