import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld } from "../../support/http";
import { applyOnPage, html, langOf, sessionCookie } from "./support";

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});

async function invite(cookie: string, email: string): Promise<string> {
  const page = await html(await call("/admin/team/invitations", { cookie, form: { email } }), 201);
  const link = /data-invitation-link[^>]*value="([^"]+)"|value="([^"]+)"[^>]*data-invitation-link/.exec(page);
  const url = link?.[1] ?? link?.[2];
  if (!url) throw new Error("no invitation link on the team page");
  return new URL(url).pathname;
}

describe("inviting a colleague", () => {
  it("invite → email queued → accept → signed in, same inbox, can sign in again", async () => {
    const { applicationId } = await applyOnPage(world.acme.offerId, { name: "Sdílený Kandidát", email: "shared@example.com" });
    const path = await invite(world.jana, "Nova.Kolegyne@Acme.example");
    expect(path).toMatch(/^\/invite\/[A-Za-z0-9_-]+$/);

    const mail = await env.DB.prepare("SELECT * FROM outbox WHERE kind = 'invitation'").first<Record<string, unknown>>();
    expect(mail).toMatchObject({ application_id: null, recipient_kind: "person", to_address: "nova.kolegyne@acme.example" });
    expect(mail!.from_address).toBe('"Acme Robotics s.r.o. via Candidate Chat" <notifications@jobs.example>');
    expect(String(mail!.text_body)).toContain(path);
    const stored = await env.DB.prepare("SELECT token_hash FROM invitations").first<{ token_hash: string }>();
    expect(path).not.toContain(stored!.token_hash); // only the hash is kept

    const team = await html(await call("/admin/team", { cookie: world.petr }));
    expect(team).toContain("nova.kolegyne@acme.example");

    const form = await html(await call(path));
    expect(langOf(form)).toBe("cs");
    expect(form).toContain("nova.kolegyne@acme.example");
    const short = await html(await call(path, { form: { name: "Nová Kolegyně", password: "short", confirm: "short" } }), 400);
    expect(short).toContain("Heslo musí mít alespoň 8 znaků.");
    const mismatch = await html(await call(path, { form: { name: "Nová Kolegyně", password: "long enough", confirm: "different" } }), 400);
    expect(mismatch).toContain("Hesla se neshodují.");
    expect(mismatch).toContain('value="Nová Kolegyně"');

    const accepted = await call(path, { form: { name: "Nová Kolegyně", password: "tajné heslo", confirm: "tajné heslo" } });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("Location")).toBe("/admin");
    const inbox = await html(await call("/admin", { cookie: sessionCookie(accepted) }));
    expect(inbox).toContain("Nová Kolegyně");
    expect(inbox).toContain(`data-application-row="${applicationId}"`);

    const again = await html(await call(path), 410);
    expect(again).toContain("Pozvánka už byla použita");
    await html(await call(path, { form: { name: "Someone", password: "tajné heslo", confirm: "tajné heslo" } }), 410);

    const login = await call("/login", { form: { email: "nova.kolegyne@acme.example", password: "tajné heslo" } });
    expect(login.status).toBe(303);
    expect(await html(await call(`/admin/applications/${applicationId}`, { cookie: sessionCookie(login) }))).toContain("Sdílený Kandidát");
  });

  it("refuses an existing account and shows a friendly page for expired or unknown links", async () => {
    const taken = await html(await call("/admin/team/invitations", { cookie: world.eva, form: { email: "jana@acme.example" } }), 409);
    expect(taken).toContain("This email already has an account.");
    await html(await call("/admin/team/invitations", { cookie: world.eva, form: { email: "nope" } }), 400);

    const path = await invite(world.eva, "late@globex.example");
    await env.DB.prepare("UPDATE invitations SET expires_at = 1 WHERE email = 'late@globex.example'").run();
    const expired = await html(await call(path), 410);
    expect(langOf(expired)).toBe("en");
    expect(expired).toContain("This invitation has expired.");
    await html(await call("/invite/unknown-token"), 404);
  });

  it("is for signed-in admins only", async () => {
    const res = await call("/admin/team/invitations", { form: { email: "x@example.com" } });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});
