import { beforeAll, describe, expect, it } from "vitest";
import { call, demoWorld, json } from "../support/http";

let world: Awaited<ReturnType<typeof demoWorld>>;
let acmeApp: number;
let globexApp: number;

beforeAll(async () => {
  world = await demoWorld();
  acmeApp = (await json(await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Ada", email: "ada@example.com" } }))).applicationId;
  globexApp = (await json(await call(`/api/offers/${world.globex.offerId}/candidates`, { cookie: world.eva, json: { name: "Bob", email: "bob@example.com" } }))).applicationId;
});

describe("invalid input answers 400 {error, message} and stores nothing", () => {
  const cases: [string, unknown][] = [
    ["missing name", { email: "a@example.com" }],
    ["empty name", { name: "  ", email: "a@example.com" }],
    ["bad email", { name: "A", email: "not-an-email" }],
    ["name too long", { name: "x".repeat(201), email: "a@example.com" }],
    ["wrong type", { name: 42, email: "a@example.com" }],
  ];
  it.each(cases)("apply with %s", async (_, body) => {
    const res = await call(`/api/offers/${world.acme.offerId}/applications`, { json: body });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: "invalid_input", message: expect.any(String) });
  });

  it("malformed JSON", async () => {
    const res = await call(`/api/applications/${acmeApp}/messages`, {
      method: "POST",
      cookie: world.jana,
      headers: { "Content-Type": "application/json" },
      json: undefined,
    });
    expect(res.status).toBe(400);
  });

  it("empty and whitespace-only messages", async () => {
    for (const body of ["", "   \n "]) {
      const res = await call(`/api/applications/${acmeApp}/messages`, { cookie: world.jana, json: { body } });
      expect(res.status).toBe(400);
      expect((await json(res)).error).toBe("empty_message");
    }
  });

  it("a message over 20,000 characters", async () => {
    const res = await call(`/api/applications/${acmeApp}/messages`, { cookie: world.jana, json: { body: "x".repeat(20_001) } });
    expect(res.status).toBe(400);
    const listed = await json(await call(`/api/applications/${acmeApp}/messages`, { cookie: world.jana }));
    expect(listed.messages.some((m: { body: string }) => m.body.startsWith("xxx"))).toBe(false);
  });

  it("a request body over the size limit answers 413", async () => {
    const res = await call(`/api/applications/${acmeApp}/messages`, { cookie: world.jana, json: { body: "x".repeat(300_000) } });
    expect(res.status).toBe(413);
    expect((await json(res)).error).toBe("too_large");
  });

  it("bad filters and cursors", async () => {
    for (const q of ["status=archived", "offerId=abc", "cursor=drop%20table"]) {
      expect((await call(`/api/applications?${q}`, { cookie: world.jana })).status).toBe(400);
    }
  });

  it("applying twice to one offer is a 409 conflict", async () => {
    const res = await call(`/api/offers/${world.acme.offerId}/applications`, { json: { name: "Ada", email: "ADA@example.com" } });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toBe("already_applied");
  });

  it("bidi override characters are dropped from names and messages, so nothing displays as something else", async () => {
    const res = await call(`/api/offers/${world.acme.offerId}/applications`, {
      json: { name: "Eve\u202Egnp.exe", email: "bidi@example.com", message: "a\u202Eb\u2066c" },
    });
    expect(res.status).toBe(201);
    const { applicationId } = await json(res);
    const app = await json(await call(`/api/applications/${applicationId}`, { cookie: world.jana }));
    expect(app.candidate.name).toBe("Evegnp.exe");
    const { messages } = await json(await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana }));
    expect(messages[0].body).toBe("abc");
  });

  it("applying to an offer that does not exist is 404", async () => {
    expect((await call(`/api/offers/999999/applications`, { json: { name: "A", email: "a@example.com" } })).status).toBe(404);
  });
});

describe("anonymous callers get 401 on every admin call", () => {
  const paths = () => [
    ["GET", "/api/offers"],
    ["GET", "/api/applications"],
    ["GET", `/api/applications/${acmeApp}`],
    ["GET", `/api/applications/${acmeApp}/messages`],
    ["POST", `/api/applications/${acmeApp}/messages`],
    ["POST", `/api/applications/${acmeApp}/reject`],
    ["POST", `/api/offers/${world.acme.offerId}/candidates`],
    ["GET", "/api/notifications"],
    ["DELETE", "/api/session"],
  ];
  it("each call", async () => {
    for (const [method, path] of paths()) {
      const res = await call(path!, { method, json: method === "POST" ? { body: "hi", name: "x", email: "x@example.com" } : undefined });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await json(res)).error).toBe("unauthenticated");
    }
  });
});

describe("tenancy: another company's admin gets 404 everywhere", () => {
  it("Eva (Globex) cannot see or touch Acme's application or offer", async () => {
    const attempts: [string, string][] = [
      ["GET", `/api/applications/${acmeApp}`],
      ["GET", `/api/applications/${acmeApp}/messages`],
      ["POST", `/api/applications/${acmeApp}/messages`],
      ["POST", `/api/applications/${acmeApp}/reject`],
      ["POST", `/api/offers/${world.acme.offerId}/candidates`],
    ];
    for (const [method, path] of attempts) {
      const res = await call(path, { method, cookie: world.eva, json: method === "POST" ? { body: "hi", name: "x", email: "x@example.com" } : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const mine = await json(await call("/api/applications", { cookie: world.eva }));
    expect(mine.applications.map((a: { id: number }) => a.id)).toEqual([globexApp]);
    const offers = await json(await call("/api/offers", { cookie: world.eva }));
    expect(offers.offers).toEqual([
      {
        id: world.globex.offerId,
        title: "Product Designer",
        description: expect.any(String),
        status: "open",
        notificationEmails: ["hr@globex.example"],
        counts: { active: 1, rejected: 0 },
      },
    ]);
    // Acme's application is untouched.
    expect((await json(await call(`/api/applications/${acmeApp}`, { cookie: world.jana }))).status).toBe("active");
  });

  it("Eva's notifications hold nothing of Acme", async () => {
    const { notifications } = await json(await call("/api/notifications", { cookie: world.eva }));
    expect(notifications.every((n: { applicationId: number }) => n.applicationId === globexApp)).toBe(true);
  });
});

describe("CSRF: unsafe requests from another origin are refused with 403", () => {
  it("JSON and form posts with a foreign or null Origin", async () => {
    for (const origin of ["https://evil.example", "null", "http://localhost:9999"]) {
      const jsonRes = await call(`/api/applications/${acmeApp}/messages`, { cookie: world.jana, origin, json: { body: "pwned" } });
      expect(jsonRes.status).toBe(403);
      const formRes = await call(`/api/offers/${world.acme.offerId}/applications`, { origin, form: { name: "x", email: "x@example.com" } });
      expect(formRes.status).toBe(403);
    }
  });

  it("a cross-site fetch without Origin (Sec-Fetch-Site) is refused too", async () => {
    const res = await call("/api/session", { origin: null, headers: { "Sec-Fetch-Site": "cross-site" }, json: { email: "jana@acme.example", password: "demo1234" } });
    expect(res.status).toBe(403);
  });
});

describe("rejection", () => {
  it("the company may still write; the candidate gets 403 with the contact email; reopening lets them write again", async () => {
    const { applicationId } = await json(await call(`/api/offers/${world.acme.offerId}/candidates`, { cookie: world.jana, json: { name: "Cyril", email: "cyril@example.com" } }));
    const petrsUnread = async () => (await json(await call("/api/notifications", { cookie: world.petr }))).unread;
    const janasUnread = async () => (await json(await call("/api/notifications", { cookie: world.jana }))).unread;
    const [petrBefore, janaBefore] = [await petrsUnread(), await janasUnread()];
    const reject = await call(`/api/applications/${applicationId}/reject`, { cookie: world.petr, method: "POST" });
    // Jana learns that Petr closed it; Petr is not notified of his own action, and acting on it read it
    // ("Jana added Cyril" was his one unread notification there).
    expect(await petrsUnread()).toBe(petrBefore - 1);
    expect(await janasUnread()).toBe(janaBefore + 1);
    expect(reject.status).toBe(200);
    expect(await json(reject)).toEqual({ status: "rejected" });
    expect((await json(await call(`/api/applications/${applicationId}`, { cookie: world.jana }))).status).toBe("rejected");
    expect((await call(`/api/applications/${applicationId}/messages`, { cookie: world.jana, json: { body: "Děkujeme za zájem." } })).status).toBe(201);
    const filtered = await json(await call("/api/applications?status=rejected", { cookie: world.jana }));
    expect(filtered.applications.map((a: { id: number }) => a.id)).toContain(applicationId);
  });
});
