// Cross-site request forgery: every unsafe route, sent with the victim's valid credentials and a valid body,
// but from another site — a foreign Origin, the opaque "null" Origin, no Origin but Sec-Fetch-Site
// cross-site, or only a foreign Referer — as JSON and as a form. Each is refused with 403 and changes
// nothing; the same request from our own origin then gets through (so the 403 is the origin check's).
// Cross-site WebSocket handshakes (cookies ride along on them) are refused on all three live paths.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { app } from "../../src/http/app";
import { eq } from "drizzle-orm";
import { erasureConfirmationToken } from "../../src/conversations/erasure-requests";
import { erasureRequests, notificationAddresses } from "../../src/db/schema";
import { db } from "../email/inbound-support";
import { upgrade } from "../live/helpers";
import { call, signIn } from "../support/http";
import { everything, securityWorld } from "./support";

type W = Awaited<ReturnType<typeof world>>;
interface Unsafe {
  method: "POST" | "DELETE" | "PATCH";
  /** As registered on app.routes. */
  route: string;
  path: (w: W) => string;
  cookie?: (w: W) => string | undefined;
  fields?: (w: W) => Record<string, string | string[]>;
}

async function world() {
  const w = await securityWorld("csrf");
  const team = await call("/admin/team/invitations", { cookie: w.jana, form: { email: "csrf-newcomer@acme.example" } });
  const invitation = /\/invite\/([A-Za-z0-9_-]+)"/.exec(await team.text())![1]!;
  const notifications = (await (await call("/api/notifications", { cookie: w.jana })).json()) as { notifications: { id: number }[] };
  expect((await call(`/admin/offers/${w.acme.offerId}/addresses`, { cookie: w.jana, form: { email: "csrf-extra@acme.example" } })).status).toBe(303);
  const [address] = await db.select().from(notificationAddresses).where(eq(notificationAddresses.email, "csrf-extra@acme.example"));
  // Sessions the logout rows end, so the shared cookie stays valid.
  const [jana2, jana3] = [await signIn("jana@acme.example"), await signIn("jana@acme.example")];
  const template = (await (await call("/api/templates", { cookie: w.jana, json: { name: "CSRF", body: "Hi" } })).json()) as { template: { id: number } };
  const spare = (await (await call("/api/templates", { cookie: w.jana, json: { name: "CSRF spare", body: "Bye" } })).json()) as { template: { id: number } };
  const edited = (await (await call("/api/templates", { cookie: w.jana, json: { name: "CSRF edited", body: "Hi" } })).json()) as { template: { id: number } };
  const doomed = await call(`/api/offers/${w.acme.offerId}/candidates`, { cookie: w.jana, json: { name: "Doomed Dora", email: "csrf-doomed@example.net" } });
  const { applicationId: doomedId } = (await doomed.json()) as { applicationId: number };
  const doomedOnPage = await call(`/api/offers/${w.acme.offerId}/candidates`, { cookie: w.jana, json: { name: "Doomed Page", email: "csrf-doomed-page@example.net" } });
  const { applicationId: doomedPageId } = (await doomedOnPage.json()) as { applicationId: number };
  const later = (await (await call(`/api/applications/${w.a.applicationId}/messages`, { cookie: w.jana, json: { body: "Later", sendAt: Date.now() + 3_600_000 } })).json()) as {
    scheduled: { id: number };
  };
  const planned = (await (
    await call(`/api/applications/${w.a.applicationId}/messages`, { cookie: w.jana, json: { body: "Later, for the page", sendAt: Date.now() + 3_600_000 } })
  ).json()) as {
    scheduled: { id: number };
  };
  // An open request (B's) for the decline rows, with its emailed confirmation token; an application for new links.
  expect((await call(`/api/c/${w.b.token}/erasure-request`, { method: "POST" })).status).toBe(202);
  const [requestB] = await db.select().from(erasureRequests).where(eq(erasureRequests.applicationId, w.b.applicationId));
  const relink = await call(`/api/offers/${w.acme.offerId}/candidates`, { cookie: w.jana, json: { name: "Renata Relink", email: "csrf-relink@example.net" } });
  const { applicationId: relinkId } = (await relink.json()) as { applicationId: number };
  // Their own token and webhook for the rows of the API and of the page that revoke, change or delete one.
  const tokenOf = async (name: string) => ((await (await call("/api/tokens", { cookie: w.jana, json: { name } })).json()) as { id: number }).id;
  const webhookOf = async (path: string) =>
    ((await (await call("/api/webhooks", { cookie: w.jana, json: { url: `${inject("webhookSink")}${path}`, events: ["message.created"] } })).json()) as { id: number }).id;
  return {
    ...w,
    relinkId,
    confirmToken: await erasureConfirmationToken(env.LINK_SECRET, requestB!.id),
    apiTokenId: await tokenOf("CSRF API"),
    pageTokenId: await tokenOf("CSRF page"),
    apiWebhookId: await webhookOf("/csrf-api"),
    pageWebhookId: await webhookOf("/csrf-page"),
    plannedId: planned.scheduled.id,
    doomedId,
    doomedPageId,
    invitation,
    notificationId: notifications.notifications[0]!.id,
    addressId: address!.id,
    jana2,
    jana3,
    templateId: template.template.id,
    spareTemplateId: spare.template.id,
    editedTemplateId: edited.template.id,
    scheduledId: later.scheduled.id,
  };
}

const jana = (w: W) => w.jana;
const A = (w: W) => w.a.applicationId;

// Every POST/DELETE the app has; the first test checks the list against app.routes.
const UNSAFE: Unsafe[] = [
  { method: "POST", route: "/api/session", path: () => "/api/session", fields: () => ({ email: "jana@acme.example", password: "demo1234" }) },
  { method: "DELETE", route: "/api/session", path: () => "/api/session", cookie: (w) => w.jana2 },
  {
    method: "POST",
    route: "/api/offers/:id/applications",
    path: (w) => `/api/offers/${w.acme.offerId}/applications`,
    fields: () => ({ name: "Forged", email: "forged-apply@example.net" }),
  },
  { method: "POST", route: "/api/c/:token/messages", path: (w) => `/api/c/${w.a.token}/messages`, fields: () => ({ body: "forged" }) },
  { method: "POST", route: "/api/c/:token/read", path: (w) => `/api/c/${w.a.token}/read` },
  { method: "POST", route: "/api/c/:token/erasure-request", path: (w) => `/api/c/${w.a.token}/erasure-request` },
  { method: "POST", route: "/api/applications/:id/erase", path: (w) => `/api/applications/${w.doomedId}/erase`, cookie: jana },
  {
    method: "POST",
    route: "/api/applications/:id/erasure-request/decline",
    path: (w) => `/api/applications/${w.b.applicationId}/erasure-request/decline`,
    cookie: jana,
    fields: () => ({ reason: "forged" }),
  },
  { method: "POST", route: "/api/applications/:id/new-link", path: (w) => `/api/applications/${w.relinkId}/new-link`, cookie: jana },
  { method: "POST", route: "/api/notifications/read", path: () => "/api/notifications/read", cookie: jana },
  { method: "POST", route: "/api/webhooks", path: () => "/api/webhooks", cookie: jana, fields: () => ({ url: `${inject("webhookSink")}/forged`, events: ["message.created"] }) },
  // An empty PATCH changes nothing and answers with the webhook.
  { method: "PATCH", route: "/api/webhooks/:id", path: (w) => `/api/webhooks/${w.apiWebhookId}`, cookie: jana },
  { method: "DELETE", route: "/api/webhooks/:id", path: (w) => `/api/webhooks/${w.apiWebhookId}`, cookie: jana },
  { method: "POST", route: "/api/tokens", path: () => "/api/tokens", cookie: jana, fields: () => ({ name: "Forged" }) },
  { method: "DELETE", route: "/api/tokens/:id", path: (w) => `/api/tokens/${w.apiTokenId}`, cookie: jana },
  { method: "POST", route: "/api/templates", path: () => "/api/templates", cookie: jana, fields: () => ({ name: "Forged", body: "forged" }) },
  { method: "POST", route: "/api/offers", path: () => "/api/offers", cookie: jana, fields: () => ({ title: "Forged", notificationEmails: ["forged@acme.example"] }) },
  { method: "PATCH", route: "/api/offers/:id", path: (w) => `/api/offers/${w.acme.offerId}`, cookie: jana, fields: () => ({ description: "forged" }) },
  { method: "DELETE", route: "/api/scheduled/:id", path: (w) => `/api/scheduled/${w.scheduledId}`, cookie: jana },
  { method: "PATCH", route: "/api/company", path: () => "/api/company", cookie: jana, fields: () => ({ timeZone: "UTC" }) },
  { method: "PATCH", route: "/api/templates/:id", path: (w) => `/api/templates/${w.templateId}`, cookie: jana, fields: () => ({ name: "Forged" }) },
  { method: "DELETE", route: "/api/templates/:id", path: (w) => `/api/templates/${w.templateId}`, cookie: jana },
  { method: "POST", route: "/api/notifications/:id/read", path: (w) => `/api/notifications/${w.notificationId}/read`, cookie: jana },
  {
    method: "POST",
    route: "/api/offers/:id/candidates",
    path: (w) => `/api/offers/${w.acme.offerId}/candidates`,
    cookie: jana,
    fields: () => ({ name: "Forged", email: "forged-add@example.net" }),
  },
  { method: "POST", route: "/api/applications/:id/messages", path: (w) => `/api/applications/${A(w)}/messages`, cookie: jana, fields: () => ({ body: "forged" }) },
  { method: "POST", route: "/api/applications/:id/reject", path: (w) => `/api/applications/${w.b.applicationId}/reject`, cookie: jana },
  { method: "POST", route: "/api/applications/:id/reopen", path: (w) => `/api/applications/${w.b.applicationId}/reopen`, cookie: jana },
  { method: "POST", route: "/api/applications/:id/read", path: (w) => `/api/applications/${A(w)}/read`, cookie: jana },
  { method: "POST", route: "/api/applications/:id/notes", path: (w) => `/api/applications/${A(w)}/notes`, cookie: jana, fields: () => ({ body: "forged" }) },
  {
    method: "PATCH",
    route: "/api/applications/:id",
    path: (w) => `/api/applications/${A(w)}`,
    cookie: jana,
    fields: (w) => ({ assigneeId: String(w.acme.adminIds["petr@acme.example"]) }),
  },
  {
    method: "POST",
    route: "/api/applications/bulk",
    path: () => "/api/applications/bulk",
    cookie: jana,
    fields: (w) => ({ applicationIds: [String(A(w))], action: "message", body: "forged" }),
  },
  { method: "POST", route: "/dev/seed", path: () => "/dev/seed" },
  { method: "DELETE", route: "/dev/mailbox", path: () => "/dev/mailbox" },
  { method: "POST", route: "/dev/mailbox/:id/answer", path: (w) => `/dev/mailbox/${w.a.toCandidate.id}/answer`, fields: (w) => ({ from: w.a.email, body: "forged" }) },
  {
    method: "POST",
    route: "/api/signup",
    path: () => "/api/signup",
    fields: () => ({ companyName: "Forged", name: "F", email: "forged-signup@example.net", password: "forged-pass-1", locale: "en" }),
  },
  {
    method: "POST",
    route: "/signup",
    path: () => "/signup",
    fields: () => ({ companyName: "Forged", name: "F", email: "forged-signup-page@example.net", password: "forged-pass-1", locale: "en" }),
  },
  { method: "POST", route: "/login", path: () => "/login", fields: () => ({ email: "jana@acme.example", password: "demo1234" }) },
  { method: "POST", route: "/logout", path: () => "/logout", cookie: (w) => w.jana3 },
  { method: "POST", route: "/lang", path: () => "/lang", fields: () => ({ lang: "en", next: "/admin" }) },
  { method: "POST", route: "/offers/:offerId", path: (w) => `/offers/${w.acme.offerId}`, fields: () => ({ name: "Forged", email: "forged-page@example.net" }) },
  { method: "POST", route: "/c/:token", path: (w) => `/c/${w.a.token}`, fields: () => ({ body: "forged" }) },
  { method: "POST", route: "/invite/:token", path: (w) => `/invite/${w.invitation}`, fields: () => ({ name: "Forged", password: "forged-password", confirm: "forged-password" }) },
  { method: "POST", route: "/admin/applications/:id/notifications/read", path: (w) => `/admin/applications/${A(w)}/notifications/read`, cookie: jana },
  { method: "POST", route: "/admin/notifications/read", path: () => "/admin/notifications/read", cookie: jana },
  { method: "POST", route: "/admin/notifications/:id/read", path: (w) => `/admin/notifications/${w.notificationId}/read`, cookie: jana },
  {
    method: "POST",
    route: "/admin/candidates",
    path: () => "/admin/candidates",
    cookie: jana,
    fields: (w) => ({ offerId: String(w.acme.offerId), name: "Forged", email: "forged-page-add@example.net" }),
  },
  { method: "POST", route: "/admin/applications/:id/messages", path: (w) => `/admin/applications/${A(w)}/messages`, cookie: jana, fields: () => ({ body: "forged" }) },
  { method: "POST", route: "/admin/scheduled/:id/cancel", path: (w) => `/admin/scheduled/${w.plannedId}/cancel`, cookie: jana, fields: (w) => ({ applicationId: String(A(w)) }) },
  { method: "POST", route: "/admin/applications/:id/assignee", path: (w) => `/admin/applications/${A(w)}/assignee`, cookie: jana, fields: () => ({ assigneeId: "" }) },
  { method: "POST", route: "/admin/applications/:id/reject", path: (w) => `/admin/applications/${w.b.applicationId}/reject`, cookie: jana },
  { method: "POST", route: "/admin/bulk", path: () => "/admin/bulk", cookie: jana, fields: (w) => ({ applicationIds: String(A(w)), action: "message", body: "forged" }) },
  {
    method: "POST",
    route: "/admin/applications/:id/erase",
    path: (w) => `/admin/applications/${w.doomedPageId}/erase`,
    cookie: jana,
    fields: () => ({ name: "Doomed Page" }),
  },
  { method: "POST", route: "/c/:token/erasure-request", path: (w) => `/c/${w.a.token}/erasure-request` },
  { method: "POST", route: "/erasure/confirm", path: () => "/erasure/confirm", fields: (w) => ({ token: w.confirmToken }) },
  {
    method: "POST",
    route: "/admin/applications/:id/erasure-request/decline",
    path: (w) => `/admin/applications/${w.b.applicationId}/erasure-request/decline`,
    cookie: jana,
    fields: () => ({ reason: "forged" }),
  },
  { method: "POST", route: "/admin/applications/:id/new-link", path: (w) => `/admin/applications/${w.relinkId}/new-link`, cookie: jana },
  { method: "POST", route: "/admin/applications/:id/reopen", path: (w) => `/admin/applications/${w.b.applicationId}/reopen`, cookie: jana },
  { method: "POST", route: "/admin/offers/:id", path: (w) => `/admin/offers/${w.acme.offerId}`, cookie: jana, fields: () => ({ title: "Forged title", description: "forged" }) },
  {
    method: "POST",
    route: "/admin/offers",
    path: () => "/admin/offers",
    cookie: jana,
    fields: () => ({ title: "Forged offer", description: "", email: "forged-offer@acme.example" }),
  },
  { method: "POST", route: "/admin/offers/:id/status", path: (w) => `/admin/offers/${w.acme.offerId}/status`, cookie: jana, fields: () => ({ status: "open" }) },
  {
    method: "POST",
    route: "/admin/offers/:id/addresses",
    path: (w) => `/admin/offers/${w.acme.offerId}/addresses`,
    cookie: jana,
    fields: () => ({ email: "forged@evil.example" }),
  },
  { method: "POST", route: "/admin/offers/:id/addresses/:addressId/delete", path: (w) => `/admin/offers/${w.acme.offerId}/addresses/${w.addressId}/delete`, cookie: jana },
  { method: "POST", route: "/admin/settings", path: () => "/admin/settings", cookie: jana, fields: () => ({ contactEmail: "forged@evil.example", locale: "en" }) },
  { method: "POST", route: "/admin/onboarding/dismiss", path: () => "/admin/onboarding/dismiss", cookie: jana },
  { method: "POST", route: "/admin/templates", path: () => "/admin/templates", cookie: jana, fields: () => ({ name: "Forged", body: "forged" }) },
  { method: "POST", route: "/admin/templates/:id", path: (w) => `/admin/templates/${w.editedTemplateId}`, cookie: jana, fields: () => ({ name: "Forged", body: "forged" }) },
  { method: "POST", route: "/admin/templates/:id/delete", path: (w) => `/admin/templates/${w.spareTemplateId}/delete`, cookie: jana },
  { method: "POST", route: "/admin/settings/integrations/tokens", path: () => "/admin/settings/integrations/tokens", cookie: jana, fields: () => ({ name: "Forged" }) },
  {
    method: "POST",
    route: "/admin/settings/integrations/tokens/:id/revoke",
    path: (w) => `/admin/settings/integrations/tokens/${w.pageTokenId}/revoke`,
    cookie: jana,
  },
  {
    method: "POST",
    route: "/admin/settings/integrations/webhooks",
    path: () => "/admin/settings/integrations/webhooks",
    cookie: jana,
    fields: () => ({ url: `${inject("webhookSink")}/forged-page`, events: "message.created" }),
  },
  {
    method: "POST",
    route: "/admin/settings/integrations/webhooks/:id/enable",
    path: (w) => `/admin/settings/integrations/webhooks/${w.pageWebhookId}/enable`,
    cookie: jana,
  },
  {
    method: "POST",
    route: "/admin/settings/integrations/webhooks/:id/delete",
    path: (w) => `/admin/settings/integrations/webhooks/${w.pageWebhookId}/delete`,
    cookie: jana,
  },
  { method: "POST", route: "/admin/team/invitations", path: () => "/admin/team/invitations", cookie: jana, fields: () => ({ email: "forged-colleague@evil.example" }) },
];

const CROSS_SITE: [string, Record<string, string>][] = [
  ["foreign Origin", { Origin: "https://evil.example" }],
  ["null Origin", { Origin: "null" }],
  ["another port of our host", { Origin: "http://localhost:9999" }],
  ["Sec-Fetch-Site: cross-site, no Origin", { "Sec-Fetch-Site": "cross-site" }],
  ["foreign Referer, no Origin", { Referer: "https://evil.example/page" }],
];

let w: W;
beforeAll(async () => {
  w = await world();
}, 60_000);

function send(u: Unsafe, headers: Record<string, string>, encoding: "json" | "form"): Promise<Response> {
  const h = new Headers(headers);
  const cookie = u.cookie?.(w);
  if (cookie) h.set("Cookie", cookie);
  const fields = u.fields?.(w) ?? {};
  let body: string;
  if (encoding === "json") {
    h.set("Content-Type", "application/json");
    body = JSON.stringify(fields);
  } else {
    h.set("Content-Type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((one) => [k, one]) : [[k, v]]))).toString();
  }
  return SELF.fetch(`${env.APP_URL}${u.path(w)}`, { method: u.method, headers: h, body, redirect: "manual" });
}

it("covers every POST and DELETE registered on the app", () => {
  const registered = [
    ...new Set(app.routes.filter((r) => r.method === "POST" || r.method === "DELETE" || r.method === "PUT" || r.method === "PATCH").map((r) => `${r.method} ${r.path}`)),
  ].sort();
  expect(registered).toEqual(UNSAFE.map((u) => `${u.method} ${u.route}`).sort());
});

describe("unsafe requests from another site", () => {
  let before: Record<string, unknown>;
  beforeAll(async () => {
    before = await everything();
  });

  const cases = UNSAFE.flatMap((u) => (["json", "form"] as const).map((encoding) => ({ u, encoding, name: `${u.method} ${u.route} (${encoding})` })));
  it.each(cases)("$name: 403 for every cross-site variant, no cookie set", async ({ u, encoding }) => {
    for (const [variant, headers] of CROSS_SITE) {
      const res = await send(u, headers, encoding);
      const text = await res.text();
      expect(res.status, `${variant}: ${text.slice(0, 200)}`).toBe(403);
      expect(JSON.parse(text)).toMatchObject({ error: "cross_origin" });
      expect(res.headers.getSetCookie(), variant).toEqual([]);
    }
  });

  it("changed nothing: every table and every stored file is as before", async () => {
    expect(await everything()).toEqual(before);
  });
});

describe("the same requests from our own pages get through (the 403 above is the origin check's)", () => {
  it.each(UNSAFE.map((u) => ({ u, name: `${u.method} ${u.route}` })))("$name", async ({ u }) => {
    // Forms are what our pages send; the JSON API is what API clients send (CONTRACT.md: Origin = APP_URL).
    const encoding = u.route.startsWith("/api/") ? "json" : "form";
    const viaOrigin = await send(u, { Origin: env.APP_URL }, encoding);
    expect(viaOrigin.status, await viaOrigin.text()).toBeLessThan(400);
  });

  it("a same-origin Referer without Origin, and a non-browser client without either, are not CSRF", async () => {
    const lang = UNSAFE.find((u) => u.route === "/lang")!;
    expect((await send(lang, { Referer: `${env.APP_URL}/login` }, "form")).status).toBe(303);
    expect((await send(lang, {}, "form")).status).toBe(303);
  });
});

describe("cross-site WebSocket handshakes", () => {
  const paths = (): [string, Record<string, string>][] => [
    [`/api/applications/${A(w)}/live`, { Cookie: w.jana }],
    [`/api/c/${w.a.token}/live`, {}],
    ["/api/live", { Cookie: w.jana }],
  ];

  it("are refused with 403 on all three live paths, with valid credentials (foreign, null and missing Origin)", async () => {
    for (const [path, credentials] of paths()) {
      for (const origin of ["https://evil.example", "null", "http://localhost:9999"]) {
        const res = await upgrade(path, { ...credentials, Origin: origin });
        expect(res.status, `${path} from ${origin}`).toBe(403);
        expect(res.webSocket).toBeFalsy();
        expect(await res.json()).toMatchObject({ error: "cross_origin" });
      }
      const noOrigin = await SELF.fetch(`${env.APP_URL}${path}`, { headers: { Upgrade: "websocket", ...credentials } });
      expect(noOrigin.status, `${path} without Origin`).toBe(403);
      expect(noOrigin.webSocket).toBeFalsy();
      await noOrigin.text();
    }
  });

  it("are accepted from our own origin with the same credentials", async () => {
    for (const [path, credentials] of paths()) {
      const res = await upgrade(path, credentials);
      expect(res.status, path).toBe(101);
      res.webSocket!.accept();
      res.webSocket!.close(1000, "done");
    }
  });
});
