// Stored and reflected XSS: hostile text in every field a person can fill in (candidate name, cover letter,
// messages from the web and by email, attachment file names, email subjects, offer title and description,
// an invited admin's name) is shown as text — never as markup — on every page that shows it and in the
// HTML of every email the app sends; and every HTML answer carries a CSP that runs no inline script.
import { eq } from "drizzle-orm";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverDue } from "../../src/email/delivery";
import { attachments, candidates, inboundLog, outbox } from "../../src/db/schema";
import { db, deliver, fill, fixture, newMessageId, outboxOf } from "../email/inbound-support";
import { applyOnPage, sessionCookie } from "../http/pages/support";
import { call, demoWorld } from "../support/http";
import { mimeWithAttachment, utf8Base64 } from "./support";

/** A tag to find the field by, then script, attribute break-out, textarea break-out, template syntax, RTL override, javascript: URL. */
const evil = (tag: string) => `${tag}<script>alert(1)</script>"><img src=x onerror=alert(1)></textarea>{{7*7}}\u202Ejavascript:alert(1)`;
/** Names and messages (web or email) lose their bidi controls on the way in; the rest is stored as typed. */
const evilAsStored = (tag: string) => evil(tag).replace(/\u202E/g, "");
const EVIL_FILE = "<img src=x onerror=alert(1)>.pdf";
const RTL_FILE = "invoice\u202Efdp.exe";

/** What must never reach a browser as markup. */
const DANGEROUS = ["<script>alert", "<img src=x", "</textarea>{{", "<img src=x onerror"];
const JS_URL = /(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:/i;

function decode(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** No hostile markup; and every value given is there as text (so the field really is on this page). */
function expectSafe(html: string, label: string, shows: string[] = []) {
  for (const fragment of DANGEROUS) expect(html, `${label}: unescaped ${fragment}`).not.toContain(fragment);
  expect(html, `${label}: javascript: URL in an attribute`).not.toMatch(JS_URL);
  const text = decode(html);
  for (const value of shows) expect(text, `${label} should show ${JSON.stringify(value.slice(0, 12))}…`).toContain(value);
}

/** script-src (or default-src) of the CSP: our own scripts only, nothing inline. */
function expectStrictCsp(res: Response, label: string) {
  const csp = res.headers.get("Content-Security-Policy") ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
  const scripts = directives.get("script-src") ?? directives.get("default-src");
  expect(scripts, `${label}: CSP ${csp}`).toBeDefined();
  expect(
    scripts!.some((s) => s === "'self'" || s === "'none'"),
    `${label}: CSP ${csp}`,
  ).toBe(true);
  for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"]) expect(scripts, `${label}: CSP ${csp}`).not.toContain(loose);
}

async function page(path: string, opts: Parameters<typeof call>[1] = {}, status = 200): Promise<string> {
  const res = await call(path, opts);
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 300)}`).toBe(status);
  expect(res.headers.get("Content-Type")).toContain("text/html");
  expectStrictCsp(res, path);
  return text;
}

let w: Awaited<ReturnType<typeof demoWorld>>;
let app: { applicationId: number; token: string };
let xssAdmin: string;
const candidateEmail = "xss-candidate@example.net";

beforeAll(async () => {
  w = await demoWorld();
  // The offer, as its admin may word it.
  const offerSaved = await call(`/admin/offers/${w.acme.offerId}`, { cookie: w.jana, form: { title: evil("XSSTITLE"), description: evil("XSSDESC") } });
  expect(offerSaved.status).toBe(303);
  // A candidate applies on the public page, then writes from their conversation page.
  app = await applyOnPage(w.acme.offerId, { name: evil("XSSNAME"), email: candidateEmail, message: evil("XSSLETTER") });
  expect((await call(`/c/${app.token}`, { form: { body: evil("XSSWEB") } })).status).toBe(303);
  // A colleague joins by invitation under a hostile name and answers the candidate.
  const team = await call("/admin/team/invitations", { cookie: w.jana, form: { email: "xss-admin@acme.example" } });
  const token = /\/invite\/([A-Za-z0-9_-]+)"/.exec(await team.text())![1]!;
  const accepted = await call(`/invite/${token}`, { form: { name: evil("XSSADMIN"), password: "long-enough-1", confirm: "long-enough-1" } });
  expect(accepted.status).toBe(303);
  xssAdmin = sessionCookie(accepted);
  expect((await call(`/admin/applications/${app.applicationId}/messages`, { cookie: xssAdmin, form: { body: evil("XSSREPLY") } })).status).toBe(303);
  // …and invites someone else, so their name goes into an invitation email.
  expect((await call("/admin/team/invitations", { cookie: xssAdmin, form: { email: "xss-invitee@acme.example" } })).status).toBe(201);
  // The candidate answers by email, with a hostile subject, then sends two files with hostile names.
  const [toCandidate] = await outboxOf(app.applicationId, "candidate_message");
  const to = toCandidate!.replyTo!;
  const reply = fill(fixture("plain-reply"), { from: `Kandidát <${candidateEmail}>`, to, body: evil("XSSMAIL") }).replace(
    /^Subject: .*$/m,
    `Subject: =?UTF-8?B?${utf8Base64(evil("XSSSUBJ"))}?=`,
  );
  expect((await deliver(reply, { from: candidateEmail, to })).rejected).toBeNull();
  for (const filename of [EVIL_FILE, RTL_FILE]) {
    const mail = mimeWithAttachment({ from: candidateEmail, to, msgId: newMessageId(), subject: evil("XSSSUBJ"), body: `File ${filename.length}`, filename });
    expect((await deliver(mail, { from: candidateEmail, to })).rejected).toBeNull();
  }
}, 60_000);

describe("stored values are shown as text on every page that shows them", () => {
  it("the admin's inbox with its notifications panel, and the live inbox row", async () => {
    const inbox = await page("/admin", { cookie: w.petr });
    expectSafe(inbox, "/admin", [evilAsStored("XSSNAME"), evilAsStored("XSSTITLE")]);
    expect(inbox).toContain('id="notifications"');
    const panel = inbox.slice(inbox.indexOf('id="notifications"'));
    expectSafe(panel, "notifications panel", [evilAsStored("XSSNAME")]);
    const row = await call(`/admin/inbox-rows/${app.applicationId}`, { cookie: w.petr });
    expect(row.status).toBe(200);
    expectStrictCsp(row, "inbox row");
    expectSafe(await row.text(), "inbox row", [evilAsStored("XSSNAME"), evilAsStored("XSSTITLE")]);
  });

  it("the admin's conversation page: name, offer, cover letter, messages from the web and by email, admin name, file names", async () => {
    const html = await page(`/admin/applications/${app.applicationId}`, { cookie: w.jana });
    expectSafe(html, "conversation", [
      evilAsStored("XSSNAME"),
      evilAsStored("XSSTITLE"),
      evilAsStored("XSSLETTER"),
      evilAsStored("XSSWEB"),
      evilAsStored("XSSREPLY"),
      evilAsStored("XSSADMIN"),
      evilAsStored("XSSMAIL"),
      EVIL_FILE,
    ]);
  });

  it("the candidate's conversation page", async () => {
    const html = await page(`/c/${app.token}`);
    expectSafe(html, "candidate page", [
      evilAsStored("XSSTITLE"),
      evilAsStored("XSSLETTER"),
      evilAsStored("XSSWEB"),
      evilAsStored("XSSREPLY"),
      evilAsStored("XSSADMIN"),
      evilAsStored("XSSMAIL"),
      EVIL_FILE,
    ]);
  });

  it("the public offer page and the admin's offer pages (title input, description textarea)", async () => {
    expectSafe(await page(`/offers/${w.acme.offerId}`), "public offer", [evilAsStored("XSSTITLE"), evilAsStored("XSSDESC")]);
    expectSafe(await page("/admin/offers", { cookie: w.jana }), "offers", [evilAsStored("XSSTITLE")]);
    expectSafe(await page(`/admin/offers/${w.acme.offerId}`, { cookie: w.jana }), "offer settings", [evilAsStored("XSSTITLE"), evilAsStored("XSSDESC")]);
  });

  it("the team page and the add-candidate page", async () => {
    expectSafe(await page("/admin/team", { cookie: w.jana }), "team", [evilAsStored("XSSADMIN")]);
    expectSafe(await page("/admin/candidates/new", { cookie: w.jana }), "add candidate", [evilAsStored("XSSTITLE")]);
  });

  it("the development mailbox page, and each email's HTML view", async () => {
    const mailbox = await page("/dev/mailbox");
    expectSafe(mailbox, "dev mailbox", [evilAsStored("XSSNAME"), evilAsStored("XSSTITLE"), evilAsStored("XSSLETTER"), evilAsStored("XSSREPLY"), evilAsStored("XSSADMIN")]);
    const rows = await db.select().from(outbox);
    for (const row of rows) {
      const res = await call(`/dev/mailbox/${row.id}/html`);
      expectStrictCsp(res, `email ${row.id} HTML view`);
      expectSafe(await res.text(), `email ${row.id} HTML view`);
    }
  });

  it("an email's subject is never shown as markup (it is kept in the log only)", async () => {
    const logged = await db
      .select()
      .from(inboundLog)
      .where(eq(inboundLog.subject, evil("XSSSUBJ")));
    expect(logged.length).toBeGreaterThan(0);
    for (const [path, cookie] of [
      ["/admin", w.jana],
      [`/admin/applications/${app.applicationId}`, w.jana],
      [`/c/${app.token}`, undefined],
      ["/dev/mailbox", undefined],
    ] as const) {
      expectSafe(await page(path, { cookie }), path);
    }
  });
});

describe("outgoing email HTML", () => {
  it("every email's HTML shows the values as text, never as markup", async () => {
    const rows = await db.select().from(outbox);
    for (const row of rows) expectSafe(row.htmlBody ?? "", `outbox ${row.id} (${row.kind}) html_body`);
    const all = decode(rows.map((r) => r.htmlBody).join("\n"));
    expect(all, "some email shows XSSTITLE").toContain(evilAsStored("XSSTITLE"));
    for (const tag of ["XSSNAME", "XSSLETTER", "XSSWEB", "XSSREPLY", "XSSADMIN", "XSSMAIL"]) {
      expect(all, `some email shows ${tag}`).toContain(evilAsStored(tag));
    }
  });

  it("no value breaks out of a header line of the raw MIME (CR/LF in a name)", async () => {
    const res = await call(`/api/offers/${w.acme.offerId}/applications`, {
      json: { name: "Mallory\r\nBcc: victim@evil.example\r\nX-Injected: 1", email: "header-injection@example.net" },
    });
    expect(res.status).toBe(201);
    const { applicationId } = (await res.json()) as { applicationId: number };
    await deliverDue(env, { applicationId });
    const [notice] = await outboxOf(applicationId, "new_candidate");
    expect(notice!.raw).toBeTruthy();
    const headerBlock = notice!.raw!.split("\r\n\r\n")[0]!;
    expect(headerBlock).toMatch(/^Subject: /m);
    expect(headerBlock).not.toMatch(/^(Bcc|X-Injected):/im);
  });
});

describe("attachment file names", () => {
  it("are stored without bidi overrides, and downloaded only as attachments with a well-formed Content-Disposition", async () => {
    const files = await db.select().from(attachments).where(eq(attachments.applicationId, app.applicationId));
    expect(files.map((f) => f.filename).sort()).toEqual([EVIL_FILE, "invoicefdp.exe"].sort());
    for (const file of files) {
      const res = await call(`/admin/attachments/${file.id}`, { cookie: w.jana });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const disposition = res.headers.get("Content-Disposition")!;
      expect(disposition).toMatch(/^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]*$/);
      expect(disposition).not.toContain("\u202E");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Content-Type")).not.toMatch(/html|xml|svg/);
    }
  });
});

describe("reflected values (a refused form comes back with what was typed)", () => {
  it("the public apply form with a hostile name, email and cover letter", async () => {
    const html = await page(`/offers/${w.acme.offerId}`, { form: { name: evil("RFNAME"), email: evil("RFMAIL"), message: evil("RFLETTER") } }, 400);
    expectSafe(html, "apply form", [evil("RFNAME"), evil("RFMAIL"), evil("RFLETTER")]);
  });

  it("the candidate's and the admin's send forms with an over-long hostile draft", async () => {
    const draft = `${evil("RFDRAFT")}${"x".repeat(20_001)}`;
    expectSafe(await page(`/c/${app.token}`, { form: { body: draft } }, 413), "candidate draft", [draft]);
    expectSafe(await page(`/admin/applications/${app.applicationId}/messages`, { cookie: w.jana, form: { body: draft } }, 413), "admin draft", [draft]);
  });

  it("the login form and its ?next=", async () => {
    expectSafe(await page("/login", { form: { email: evil("RFLOGIN"), password: "x" } }, 401), "login", [evil("RFLOGIN")]);
    const next = `/"><script>alert(1)</script>`;
    const html = await page(`/login?next=${encodeURIComponent(next)}`);
    // Kept as the browser resolves it (percent-encoded), which is what the redirect will use.
    expectSafe(html, "login next", [new URL(next, "http://localhost:8787").pathname]);
  });

  it("the admin forms: offer, add candidate, invitation, settings, notification address", async () => {
    const forms: [string, Record<string, string>, string[]][] = [
      [`/admin/offers/${w.acme.offerId}`, { title: "", description: evil("RFDESC") }, [evil("RFDESC")]],
      ["/admin/candidates", { offerId: String(w.acme.offerId), name: evil("RFCAND"), email: evil("RFCANDMAIL") }, [evil("RFCAND"), evil("RFCANDMAIL")]],
      ["/admin/team/invitations", { email: evil("RFINVITE") }, [evil("RFINVITE")]],
      ["/admin/settings", { contactEmail: evil("RFCONTACT"), locale: "cs" }, [evil("RFCONTACT")]],
      [`/admin/offers/${w.acme.offerId}/addresses`, { email: evil("RFADDR") }, [evil("RFADDR")]],
    ];
    for (const [path, form, shows] of forms) expectSafe(await page(path, { cookie: w.jana, form }, 400), path, shows);
  });

  it("the invitation form with a hostile name", async () => {
    const team = await call("/admin/team/invitations", { cookie: w.jana, form: { email: "xss-second@acme.example" } });
    const token = /\/invite\/([A-Za-z0-9_-]+)"/.exec(await team.text())![1]!;
    expectSafe(await page(`/invite/${token}`, { form: { name: evil("RFADMIN"), password: "short", confirm: "x" } }, 400), "invite", [evil("RFADMIN")]);
  });

  it("the development mailbox's answer notice", async () => {
    const query = new URLSearchParams({ answered: "1", outcome: evil("RFOUT").slice(0, 40), rejected: evil("RFREJ") });
    expectSafe(await page(`/dev/mailbox?${query}`), "dev mailbox notice", [evil("RFOUT").slice(0, 40), evil("RFREJ")]);
  });

  it("hostile email addresses are refused everywhere an address is typed, and nothing is stored", async () => {
    const address = `"><img src=x onerror=alert(1)>@example.net`;
    expect((await call(`/api/offers/${w.acme.offerId}/applications`, { json: { name: "A", email: address } })).status).toBe(400);
    expect((await call(`/api/offers/${w.acme.offerId}/candidates`, { cookie: w.jana, json: { name: "A", email: address } })).status).toBe(400);
    expect((await call(`/offers/${w.acme.offerId}`, { form: { name: "A", email: address } })).status).toBe(400);
    expect((await call("/admin/candidates", { cookie: w.jana, form: { offerId: String(w.acme.offerId), name: "A", email: address } })).status).toBe(400);
    expect(await db.select().from(candidates).where(eq(candidates.email, address))).toEqual([]);
    expect(await db.select().from(candidates).where(eq(candidates.email, address.toLowerCase()))).toEqual([]);
  });
});

it("the app-wide CSP also covers error pages and the JSON 404", async () => {
  for (const res of [await call("/admin/applications/999999", { cookie: w.jana }), await call("/c/forged"), await call("/no/such/path")]) {
    expect(res.status).toBe(404);
    await res.text();
    expectStrictCsp(res, res.url);
  }
});
