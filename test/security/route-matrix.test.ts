// Every mounted route against four callers who must not get in: an anonymous visitor, an admin of
// another company (Eva of Globex on Acme's resources), the candidate of another conversation (B's
// valid link on A's resources) and a tampered credential. Each row also has the owner's request as
// a positive control, so a refusal can only pass because of who asked, not because of a wrong path.
//
// A NEW ROUTE MUST GET A ROW HERE: the first test compares the table with app.routes and fails on
// any route without one.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import {
  admins,
  apiTokens,
  applications,
  attachments,
  candidates,
  companies,
  erasureRequests,
  inboundLog,
  invitations,
  messages,
  notificationAddresses,
  notifications,
  offers,
  readMarkers,
  webhooks,
} from "../../src/db/schema";
import { erasureConfirmationToken } from "../../src/conversations/erasure-requests";
import { app } from "../../src/http/app";
import { deliver, db, newMessageId } from "../email/inbound-support";
import { upgrade } from "../live/helpers";
import { call, signIn } from "../support/http";
import { mimeWithAttachment, retarget, securityWorld, tamper, tamperCookie } from "./support";

type Who = "anonymous" | "foreignAdmin" | "otherCandidate" | "tampered";
const CALLERS: Who[] = ["anonymous", "foreignAdmin", "otherCandidate", "tampered"];

interface Req {
  method?: string;
  path: string;
  cookie?: string;
  json?: unknown;
  form?: Record<string, string>;
  /** A WebSocket handshake from our own origin. */
  upgrade?: boolean;
}
/** "login": the page's 302 to /login?next=<this path>. */
type Status = number | "login";
interface Cell {
  req: Req;
  status: Status;
  /** A 2xx answer for the caller's own company must not show anything of Acme's. */
  noLeak?: boolean;
  /** A further check after the answer (what must not exist now). */
  after?: () => Promise<void>;
}
interface Built {
  cells: Record<Who, Cell | null>;
  owner: Cell;
}
interface Row {
  /** Method and path exactly as registered on app.routes. */
  route: string;
  /** Development-only: the callers get the production app (ENVIRONMENT unset), the owner the development one. */
  dev?: boolean;
  /** Why a caller has no cell (null) in this row. */
  na?: string;
  build: (w: W) => Built;
}

type W = Awaited<ReturnType<typeof world>>;

async function world() {
  const w = await securityWorld("rm");
  const attach = async (chat: typeof w.a, name: string) => {
    const msgId = newMessageId();
    const received = await deliver(mimeWithAttachment({ from: chat.email, to: chat.candidateAddress, msgId, body: "CV attached.", filename: name }), {
      from: chat.email,
      to: chat.candidateAddress,
    });
    expect(received.rejected).toBeNull();
    const [file] = await db.select().from(attachments).where(eq(attachments.applicationId, chat.applicationId));
    return file!.id;
  };
  const attA = await attach(w.a, "anna-cv.pdf");
  const attB = await attach(w.b, "bob-cv.pdf");
  const janaId = w.acme.adminIds["jana@acme.example"]!;
  const [janaNotification] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.adminId, janaId), eq(notifications.applicationId, w.a.applicationId), isNull(notifications.readAt)));
  expect((await call(`/admin/offers/${w.acme.offerId}/addresses`, { cookie: w.jana, form: { email: "extra@acme.example" } })).status).toBe(303);
  const [extraAddress] = await db.select().from(notificationAddresses).where(eq(notificationAddresses.email, "extra@acme.example"));
  const team = await call("/admin/team/invitations", { cookie: w.jana, form: { email: "newcomer@acme.example" } });
  const invitation = /\/invite\/([A-Za-z0-9_-]+)"/.exec(await team.text())?.[1];
  const template = await call("/api/templates", { cookie: w.jana, json: { name: "Pozvánka", body: "Dobrý den, {{candidate.firstName}}." } });
  const { template: acmeTemplate } = (await template.json()) as { template: { id: number } };
  const spare = await call("/api/templates", { cookie: w.jana, json: { name: "To delete", body: "Bye" } });
  const { template: spareTemplate } = (await spare.json()) as { template: { id: number } };
  // The API's DELETE row takes acmeTemplate away; the page's edit row needs one of its own.
  const edited = await call("/api/templates", { cookie: w.jana, json: { name: "To edit", body: "Hi" } });
  const { template: editedTemplate } = (await edited.json()) as { template: { id: number } };
  expect(invitation).toBeTruthy();
  // An application of its own for the erase row, whose owner's request takes it away.
  const doomed = await call(`/api/offers/${w.acme.offerId}/candidates`, { cookie: w.jana, json: { name: "Doomed Dora", email: "rm-doomed@example.net" } });
  const { applicationId: doomedId } = (await doomed.json()) as { applicationId: number };
  const doomedOnPage = await call(`/api/offers/${w.acme.offerId}/candidates`, { cookie: w.jana, json: { name: "Doomed Page", email: "rm-doomed-page@example.net" } });
  const { applicationId: doomedPageId } = (await doomedOnPage.json()) as { applicationId: number };
  // A token and a webhook of Acme's for the integrations page's rows (the owner's revoke and delete take them).
  const { id: acmeTokenId } = (await (await call("/api/tokens", { cookie: w.jana, json: { name: "Matrix page token" } })).json()) as { id: number };
  const acmeWebhook = await call("/api/webhooks", { cookie: w.jana, json: { url: `${inject("webhookSink")}/matrix-page`, events: ["message.created"] } });
  const { id: acmeWebhookId } = (await acmeWebhook.json()) as { id: number };
  const [inboundA] = await db.select().from(inboundLog).where(eq(inboundLog.applicationId, w.a.applicationId));
  // B's candidate asks for erasure: the decline rows need an open request, the confirm row its emailed token.
  expect((await call(`/api/c/${w.b.token}/erasure-request`, { method: "POST" })).status).toBe(202);
  const [requestB] = await db.select().from(erasureRequests).where(eq(erasureRequests.applicationId, w.b.applicationId));
  // New links on an application of their own: renewing A's or B's would void the tokens other rows use.
  const renewed = await call(`/api/offers/${w.acme.offerId}/candidates`, { cookie: w.jana, json: { name: "Renata Relink", email: "rm-relink@example.net" } });
  const { applicationId: relinkId } = (await renewed.json()) as { applicationId: number };
  // Planned on that application too: the reject rows close A, and rejecting cancels what was planned.
  const planned = await call(`/api/applications/${relinkId}/messages`, { cookie: w.jana, json: { body: "Later, from the matrix", sendAt: Date.now() + 3600_000 } });

  const { scheduled: plannedLater } = (await planned.json()) as { scheduled: { id: number } };
  return {
    ...w,
    inboundA: inboundA!.id,
    relinkId,
    confirmToken: await erasureConfirmationToken(env.LINK_SECRET, requestB!.id),
    plannedLater: plannedLater.id,
    acmeTokenId,
    acmeWebhookId,
    doomedId,
    doomedPageId,
    attA,
    attB,
    janaNotificationId: janaNotification!.id,
    acmeTemplateId: acmeTemplate.id,
    spareTemplateId: spareTemplate.id,
    editedTemplateId: editedTemplate.id,
    extraAddressId: extraAddress!.id,
    invitation: invitation!,
    // Sessions that a row ends (logout), so the shared cookies stay valid.
    spare: {
      jana1: await signIn("jana@acme.example"),
      jana2: await signIn("jana@acme.example"),
      eva1: await signIn("eva@globex.example"),
      eva2: await signIn("eva@globex.example"),
    },
  };
}

// ---- row builders -------------------------------------------------------------------------------------------

type Body = Pick<Req, "json" | "form">;
const A = (w: W) => w.a.applicationId;

/** An admin JSON/live route: 401 without a valid session, 404 (or the caller's own data) for Eva. */
function adminApi(
  route: string,
  path: (w: W) => string,
  opts: { body?: (w: W) => Body; own?: number; owner: number; live?: boolean; ownerCookie?: (w: W) => string; evaCookie?: (w: W) => string; evaBody?: (w: W) => Body } = {
    owner: 200,
  },
): Row {
  const method = route.split(" ")[0]!;
  return {
    route,
    build: (w) => {
      const req = (cookie: string | undefined, body = opts.body?.(w) ?? {}): Req => ({ method, path: path(w), cookie, upgrade: opts.live, ...body });
      return {
        cells: {
          anonymous: { req: req(undefined), status: 401 },
          foreignAdmin: { req: req(opts.evaCookie?.(w) ?? w.eva, opts.evaBody?.(w)), status: opts.own ?? 404, noLeak: opts.own !== undefined },
          otherCandidate: { req: req(`session=${w.b.token}`), status: 401 },
          tampered: { req: req(tamperCookie(w.jana)), status: 401 },
        },
        owner: { req: req(opts.ownerCookie?.(w) ?? w.jana), status: opts.owner },
      };
    },
  };
}

/** An /admin page or form: anonymous visitors go to the login page, Eva gets the 404 page (or her own company's). */
function adminPage(
  route: string,
  path: (w: W) => string,
  opts: { form?: (w: W) => Record<string, string>; own?: number; owner: number; evaForm?: (w: W) => Record<string, string>; after?: (w: W) => () => Promise<void> } = {
    owner: 200,
  },
): Row {
  const method = route.split(" ")[0]!;
  return {
    route,
    build: (w) => {
      const req = (cookie: string | undefined, form = opts.form?.(w)): Req => ({ method, path: path(w), cookie, form });
      return {
        cells: {
          anonymous: { req: req(undefined), status: "login" },
          foreignAdmin: { req: req(w.eva, opts.evaForm?.(w)), status: opts.own ?? 404, noLeak: opts.own !== undefined && opts.own < 300, after: opts.after?.(w) },
          otherCandidate: { req: req(`session=${w.b.token}`), status: "login" },
          tampered: { req: req(tamperCookie(w.jana)), status: "login" },
        },
        owner: { req: req(w.jana), status: opts.owner },
      };
    },
  };
}

/**
 * A route opened by a candidate link: a made-up link, Eva's own candidate's link re-pointed at A, B's link
 * re-pointed at A, and A's link with a changed signature all find nothing.
 */
function candidateRoute(route: string, path: (token: string, w: W) => string, opts: { body?: Body; owner: number; live?: boolean }): Row {
  const method = route.split(" ")[0]!;
  return {
    route,
    build: (w) => {
      const req = (token: string, cookie?: string): Req => ({ method, path: path(token, w), cookie, upgrade: opts.live, ...opts.body });
      return {
        cells: {
          anonymous: { req: req("not-a-token"), status: 404 },
          foreignAdmin: { req: req(retarget(w.g.token, A(w)), w.eva), status: 404 },
          otherCandidate: { req: req(retarget(w.b.token, A(w))), status: 404 },
          tampered: { req: req(tamper(w.a.token)), status: 404 },
        },
        owner: { req: req(w.a.token), status: opts.owner },
      };
    },
  };
}

/** The same answer for everyone (public routes); per-caller requests where each must differ (one application each). */
function publicRoute(route: string, req: (who: Who | "owner", w: W) => Req, statuses: Record<Who, Status>, owner: number): Row {
  return {
    route,
    build: (w) => ({
      cells: Object.fromEntries(CALLERS.map((who) => [who, { req: req(who, w), status: statuses[who] }])) as Record<Who, Cell>,
      owner: { req: req("owner", w), status: owner },
    }),
  };
}

/** Development-only routes: in production nobody reaches them (404); in development they are open by design. */
function devRoute(route: string, req: (w: W) => Req, owner: number): Row {
  return {
    route,
    dev: true,
    build: (w) => {
      const cookieOf: Record<Who, string | undefined> = { anonymous: undefined, foreignAdmin: w.eva, otherCandidate: `session=${w.b.token}`, tampered: tamperCookie(w.jana) };
      return {
        cells: Object.fromEntries(CALLERS.map((who) => [who, { req: { ...req(w), cookie: cookieOf[who] }, status: 404 }])) as Record<Who, Cell>,
        owner: { req: req(w), status: owner },
      };
    },
  };
}

const callerCookie = (who: Who | "owner", w: W) =>
  ({ anonymous: undefined, foreignAdmin: w.eva, otherCandidate: `session=${w.b.token}`, tampered: tamperCookie(w.jana), owner: w.jana })[who];
const noSuchEva = async () => {
  expect(await db.select().from(candidates).where(eq(candidates.email, "eva-sneaks@example.net"))).toEqual([]);
};

// ---- the table ----------------------------------------------------------------------------------------------

const ROWS: Row[] = [
  // JSON API
  publicRoute(
    "POST /api/session",
    (who, w) => ({
      method: "POST",
      path: "/api/session",
      cookie: callerCookie(who, w),
      json: who === "owner" ? { email: "jana@acme.example", password: "demo1234" } : { email: `nobody-${who}@acme.example`, password: "guess" },
    }),
    { anonymous: 401, foreignAdmin: 401, otherCandidate: 401, tampered: 401 },
    200,
  ),
  // Sign-up is open to everyone; each caller signs up an address of their own (the answer does not depend on who).
  publicRoute(
    "POST /api/signup",
    (who) => ({
      method: "POST",
      path: "/api/signup",
      json: { companyName: `Matrix ${who}`, name: "Matrix", email: `rm-signup-${who}@matrix.example`, password: "matrix-pass-1", locale: "en" },
    }),
    { anonymous: 201, foreignAdmin: 201, otherCandidate: 201, tampered: 201 },
    201,
  ),
  publicRoute("GET /api/openapi.json", () => ({ path: "/api/openapi.json" }), { anonymous: 200, foreignAdmin: 200, otherCandidate: 200, tampered: 200 }, 200),
  publicRoute("GET /api/docs", () => ({ path: "/api/docs" }), { anonymous: 200, foreignAdmin: 200, otherCandidate: 200, tampered: 200 }, 200),
  adminApi("DELETE /api/session", () => "/api/session", { owner: 204, own: 204, ownerCookie: (w) => w.spare.jana1, evaCookie: (w) => w.spare.eva1 }),
  publicRoute(
    "POST /api/offers/:id/applications",
    (who, w) => ({
      method: "POST",
      path: `/api/offers/${w.acme.offerId}/applications`,
      cookie: callerCookie(who, w),
      json: { name: "Public Applicant", email: `api-apply-${who}@example.net` },
    }),
    { anonymous: 201, foreignAdmin: 201, otherCandidate: 201, tampered: 201 },
    201,
  ),
  candidateRoute("GET /api/c/:token/messages", (t) => `/api/c/${t}/messages`, { owner: 200 }),
  candidateRoute("POST /api/c/:token/messages", (t) => `/api/c/${t}/messages`, { body: { json: { body: "Intruder was here" } }, owner: 201 }),
  candidateRoute("POST /api/c/:token/read", (t) => `/api/c/${t}/read`, { owner: 204 }),
  adminApi("GET /api/notifications", () => "/api/notifications", { own: 200, owner: 200 }),
  adminApi("POST /api/notifications/read", () => "/api/notifications/read", { own: 200, owner: 200 }),
  // Notifications are each admin's own: Eva naming Jana's gets 404 and marks nothing.
  adminApi("POST /api/notifications/:id/read", (w) => `/api/notifications/${w.janaNotificationId}/read`, { owner: 200 }),
  adminApi("GET /api/templates", () => "/api/templates", { own: 200, owner: 200 }),
  adminApi("POST /api/templates", () => "/api/templates", { body: () => ({ json: { name: "Matrix", body: "Hello {{candidate.name}}" } }), own: 201, owner: 201 }),
  // Eva naming Acme's template gets 404 and changes nothing.
  adminApi("PATCH /api/templates/:id", (w) => `/api/templates/${w.acmeTemplateId}`, { body: () => ({ json: { name: "Renamed" } }), owner: 200 }),
  adminApi("DELETE /api/templates/:id", (w) => `/api/templates/${w.acmeTemplateId}`, { owner: 204 }),
  adminApi("GET /api/applications/:id/live", (w) => `/api/applications/${A(w)}/live`, { live: true, owner: 101 }),
  candidateRoute("GET /api/c/:token/live", (t) => `/api/c/${t}/live`, { live: true, owner: 101 }),
  adminApi("GET /api/applications/:id/scheduled", (w) => `/api/applications/${A(w)}/scheduled`, { owner: 200 }),
  // Nothing is scheduled under this id: 404 for everyone, and no one learns another company's ids.
  adminApi("DELETE /api/scheduled/:id", () => "/api/scheduled/999999", { owner: 404 }),
  adminApi("GET /api/company", () => "/api/company", { own: 200, owner: 200 }),
  // Each admin changes only their own company: Eva's PATCH changes Globex, never Acme.
  adminApi("PATCH /api/company", () => "/api/company", { body: () => ({ json: { timeZone: "Europe/Prague" } }), own: 200, owner: 200 }),
  adminApi("GET /api/live", () => "/api/live", { live: true, own: 101, owner: 101 }),
  adminApi("GET /api/offers", () => "/api/offers", { own: 200, owner: 200 }),
  adminApi("POST /api/offers", () => "/api/offers", { body: () => ({ json: { title: "Matrix Offer", notificationEmails: ["matrix@acme.example"] } }), own: 201, owner: 201 }),
  // Eva naming Acme's offer gets 404 and changes nothing.
  adminApi("PATCH /api/offers/:id", (w) => `/api/offers/${w.acme.offerId}`, { body: () => ({ json: { description: "Changed by the matrix." } }), owner: 200 }),
  adminApi("POST /api/offers/:id/candidates", (w) => `/api/offers/${w.acme.offerId}/candidates`, {
    body: (w) => ({ json: { name: "Added", email: `added-${A(w)}@example.net` } }),
    evaBody: () => ({ json: { name: "Sneaky", email: "eva-sneaks@example.net" } }),
    owner: 201,
  }),
  adminApi("GET /api/applications", () => "/api/applications", { own: 200, owner: 200 }),
  adminApi("GET /api/applications/:id", (w) => `/api/applications/${A(w)}`, { owner: 200 }),
  adminApi("GET /api/applications/:id/messages", (w) => `/api/applications/${A(w)}/messages`, { owner: 200 }),
  adminApi("POST /api/applications/:id/messages", (w) => `/api/applications/${A(w)}/messages`, { body: () => ({ json: { body: "Intruder was here" } }), owner: 201 }),
  adminApi("POST /api/applications/:id/reject", (w) => `/api/applications/${A(w)}/reject`, { owner: 200 }),
  adminApi("POST /api/applications/:id/reopen", (w) => `/api/applications/${A(w)}/reopen`, { owner: 200 }),
  adminApi("POST /api/applications/:id/read", (w) => `/api/applications/${A(w)}/read`, { owner: 204 }),
  adminApi("POST /api/applications/:id/notes", (w) => `/api/applications/${A(w)}/notes`, { body: () => ({ json: { body: "Intruder's note" } }), owner: 201 }),
  adminApi("PATCH /api/applications/:id", (w) => `/api/applications/${A(w)}`, { body: () => ({ json: { assigneeId: null } }), owner: 200 }),
  // Eva naming Acme's applications gets each one back as not found, and nothing is done to them.
  adminApi("POST /api/applications/bulk", () => "/api/applications/bulk", {
    body: (w) => ({ json: { applicationIds: [A(w)], action: "message", body: "Bulk intruder" } }),
    own: 200,
    owner: 200,
  }),
  adminApi("GET /api/tokens", () => "/api/tokens", { own: 200, owner: 200 }),
  adminApi("POST /api/tokens", () => "/api/tokens", { body: () => ({ json: { name: "Matrix" } }), own: 201, owner: 201 }),
  adminApi("DELETE /api/tokens/:id", () => "/api/tokens/999999", { owner: 404 }),
  adminApi("GET /api/webhooks", () => "/api/webhooks", { own: 200, owner: 200 }),
  adminApi("POST /api/webhooks", () => "/api/webhooks", { body: () => ({ json: { url: `${inject("webhookSink")}/matrix`, events: ["message.created"] } }), own: 201, owner: 201 }),
  adminApi("PATCH /api/webhooks/:id", () => "/api/webhooks/999999", { body: () => ({ json: { active: true } }), owner: 404 }),
  adminApi("DELETE /api/webhooks/:id", () => "/api/webhooks/999999", { owner: 404 }),
  adminApi("GET /api/webhooks/:id/deliveries", () => "/api/webhooks/999999/deliveries", { owner: 404 }),
  adminApi("GET /api/inbound", () => "/api/inbound", { own: 200, owner: 200 }),
  adminApi("GET /api/inbound/:id/raw", (w) => `/api/inbound/${w.inboundA}/raw`, { owner: 200 }),
  adminApi("GET /api/search", () => "/api/search?q=anna", { own: 200, owner: 200 }),
  adminApi("GET /api/applications/:id/export", (w) => `/api/applications/${A(w)}/export`, { owner: 200 }),
  // Eva naming Acme's application gets 404 and erases nothing (the owner's erasure of its own application runs last).
  adminApi("POST /api/applications/:id/erase", (w) => `/api/applications/${w.doomedId}/erase`, { owner: 200 }),
  adminApi("GET /api/erasure-requests", () => "/api/erasure-requests", { own: 200, owner: 200 }),
  adminApi("POST /api/applications/:id/erasure-request/decline", (w) => `/api/applications/${w.b.applicationId}/erasure-request/decline`, {
    body: () => ({ json: { reason: "Zákonná lhůta" } }),
    owner: 200,
  }),
  adminApi("POST /api/applications/:id/new-link", (w) => `/api/applications/${w.relinkId}/new-link`, { owner: 200 }),
  candidateRoute("GET /api/c/:token/export", (t) => `/api/c/${t}/export`, { owner: 200 }),
  candidateRoute("POST /api/c/:token/erasure-request", (t) => `/api/c/${t}/erasure-request`, { owner: 202 }),

  // Development only
  devRoute("POST /dev/seed", () => ({ method: "POST", path: "/dev/seed" }), 200),
  devRoute("GET /dev/mailbox.json", () => ({ path: "/dev/mailbox.json" }), 200),
  devRoute("GET /dev/mailbox", () => ({ path: "/dev/mailbox" }), 200),
  devRoute("GET /dev/mailbox/:id/html", (w) => ({ path: `/dev/mailbox/${w.a.toCandidate.id}/html` }), 200),
  devRoute(
    "POST /dev/mailbox/:id/answer",
    (w) => ({ method: "POST", path: `/dev/mailbox/${w.a.toCandidate.id}/answer`, form: { from: w.a.email, body: "Answered from the dev mailbox." } }),
    303,
  ),
  devRoute("DELETE /dev/mailbox", () => ({ method: "DELETE", path: "/dev/mailbox" }), 204),

  // Attachment downloads
  adminPage("GET /admin/attachments/:id", (w) => `/admin/attachments/${w.attA}`, { owner: 200 }),
  {
    route: "GET /c/:token/attachments/:id",
    build: (w) => ({
      cells: {
        anonymous: { req: { path: `/c/not-a-token/attachments/${w.attA}` }, status: 404 },
        // Eva's own candidate link (valid) with Acme's attachment id; B's valid link with A's attachment id.
        foreignAdmin: { req: { path: `/c/${w.g.token}/attachments/${w.attA}`, cookie: w.eva }, status: 404 },
        otherCandidate: { req: { path: `/c/${w.b.token}/attachments/${w.attA}` }, status: 404 },
        tampered: { req: { path: `/c/${tamper(w.a.token)}/attachments/${w.attA}` }, status: 404 },
      },
      owner: { req: { path: `/c/${w.a.token}/attachments/${w.attA}` }, status: 200 },
    }),
  },

  // Public pages
  publicRoute("GET /", (who, w) => ({ path: "/", cookie: callerCookie(who, w) }), { anonymous: 302, foreignAdmin: 302, otherCandidate: 302, tampered: 302 }, 302),
  publicRoute("GET /signup", (who, w) => ({ path: "/signup", cookie: callerCookie(who, w) }), { anonymous: 200, foreignAdmin: 200, otherCandidate: 200, tampered: 200 }, 200),
  publicRoute(
    "GET /signup/sent",
    (who, w) => ({ path: "/signup/sent?email=someone%40initech.example", cookie: callerCookie(who, w) }),
    { anonymous: 200, foreignAdmin: 200, otherCandidate: 200, tampered: 200 },
    200,
  ),
  publicRoute(
    "POST /signup",
    (who) => ({
      method: "POST",
      path: "/signup",
      form: { companyName: `Matrix page ${who}`, name: "Matrix", email: `rm-signup-page-${who}@matrix.example`, password: "matrix-pass-1", locale: "cs" },
    }),
    { anonymous: 201, foreignAdmin: 201, otherCandidate: 201, tampered: 201 },
    201,
  ),
  // A forged link confirms nothing, whoever opens it.
  publicRoute("GET /signup/confirm", () => ({ path: "/signup/confirm?token=forged.abc.def" }), { anonymous: 400, foreignAdmin: 400, otherCandidate: 400, tampered: 400 }, 400),
  publicRoute("GET /login", (who, w) => ({ path: "/login", cookie: callerCookie(who, w) }), { anonymous: 200, foreignAdmin: 303, otherCandidate: 200, tampered: 200 }, 303),
  publicRoute(
    "POST /login",
    (who, w) => ({
      method: "POST",
      path: "/login",
      cookie: callerCookie(who, w),
      form: who === "owner" ? { email: "jana@acme.example", password: "demo1234" } : { email: `nobody-page-${who}@acme.example`, password: "guess" },
    }),
    { anonymous: 401, foreignAdmin: 401, otherCandidate: 401, tampered: 401 },
    303,
  ),
  publicRoute(
    "POST /logout",
    (who, w) => ({ method: "POST", path: "/logout", cookie: who === "owner" ? w.spare.jana2 : who === "foreignAdmin" ? w.spare.eva2 : callerCookie(who, w) }),
    { anonymous: 303, foreignAdmin: 303, otherCandidate: 303, tampered: 303 },
    303,
  ),
  publicRoute(
    "POST /lang",
    (who, w) => ({ method: "POST", path: "/lang", cookie: callerCookie(who, w), form: { lang: "en", next: "/login" } }),
    { anonymous: 303, foreignAdmin: 303, otherCandidate: 303, tampered: 303 },
    303,
  ),
  publicRoute(
    "GET /offers/:offerId",
    (who, w) => ({ path: `/offers/${w.acme.offerId}`, cookie: callerCookie(who, w) }),
    { anonymous: 200, foreignAdmin: 200, otherCandidate: 200, tampered: 200 },
    200,
  ),
  publicRoute(
    "POST /offers/:offerId",
    (who, w) => ({
      method: "POST",
      path: `/offers/${w.acme.offerId}`,
      cookie: callerCookie(who, w),
      form: { name: "Page Applicant", email: `page-apply-${who}@example.net`, message: "" },
    }),
    { anonymous: 200, foreignAdmin: 200, otherCandidate: 200, tampered: 200 },
    200,
  ),
  candidateRoute("GET /c/:token", (t) => `/c/${t}`, { owner: 200 }),
  candidateRoute("POST /c/:token", (t) => `/c/${t}`, { body: { form: { body: "Intruder was here" } }, owner: 303 }),
  candidateRoute("POST /c/:token/erasure-request", (t) => `/c/${t}/erasure-request`, { owner: 303 }),
  {
    route: "GET /invite/:token",
    na: "foreignAdmin: the invitation link itself is the credential; a session plays no part (the other three cover it)",
    build: (w) => ({
      cells: {
        anonymous: { req: { path: "/invite/not-an-invitation" }, status: 404 },
        foreignAdmin: null,
        otherCandidate: { req: { path: `/invite/${w.b.token}` }, status: 404 },
        tampered: { req: { path: `/invite/${tamper(w.invitation)}` }, status: 404 },
      },
      owner: { req: { path: `/invite/${w.invitation}` }, status: 200 },
    }),
  },
  {
    route: "POST /invite/:token",
    na: "foreignAdmin: the invitation link itself is the credential; a session plays no part (the other three cover it)",
    build: (w) => {
      const form = { name: "Intruder", password: "long-enough-1", confirm: "long-enough-1" };
      return {
        cells: {
          anonymous: { req: { method: "POST", path: "/invite/not-an-invitation", form }, status: 404 },
          foreignAdmin: null,
          otherCandidate: { req: { method: "POST", path: `/invite/${w.b.token}`, form }, status: 404 },
          tampered: { req: { method: "POST", path: `/invite/${tamper(w.invitation)}`, form }, status: 404 },
        },
        owner: { req: { method: "POST", path: `/invite/${w.invitation}`, form: { name: "Nová Kolegyně", password: "long-enough-1", confirm: "long-enough-1" } }, status: 303 },
      };
    },
  },

  // Admin pages and their forms
  adminPage("GET /admin", () => "/admin", { own: 200, owner: 200 }),
  adminPage("GET /admin/inbox-rows/:id", (w) => `/admin/inbox-rows/${A(w)}`, { owner: 200 }),
  adminPage("POST /admin/applications/:id/notifications/read", (w) => `/admin/applications/${A(w)}/notifications/read`, { own: 303, owner: 303 }),
  adminPage("POST /admin/notifications/read", () => "/admin/notifications/read", { own: 303, owner: 303 }),
  // As in the API: Eva naming Jana's notification marks nothing.
  adminPage("POST /admin/notifications/:id/read", (w) => `/admin/notifications/${w.janaNotificationId}/read`, { own: 303, owner: 303 }),
  adminPage("GET /admin/candidates/new", () => "/admin/candidates/new", { own: 200, owner: 200 }),
  // The offer is a form field here: Acme's offer is not among Eva's choices, so the form comes back with that error.
  adminPage("POST /admin/candidates", () => "/admin/candidates", {
    form: (w) => ({ offerId: String(w.acme.offerId), name: "Added On Page", email: `page-added-${A(w)}@example.net` }),
    evaForm: (w) => ({ offerId: String(w.acme.offerId), name: "Sneaky", email: "eva-sneaks@example.net" }),
    own: 400,
    after: () => noSuchEva,
    owner: 303,
  }),
  adminPage("GET /admin/applications/:id", (w) => `/admin/applications/${A(w)}`, { owner: 200 }),
  adminPage("POST /admin/applications/:id/messages", (w) => `/admin/applications/${A(w)}/messages`, { form: () => ({ body: "Intruder was here" }), owner: 303 }),
  adminPage("POST /admin/scheduled/:id/cancel", (w) => `/admin/scheduled/${w.plannedLater}/cancel`, { form: (w) => ({ applicationId: String(A(w)) }), owner: 303 }),
  adminPage("GET /admin/queues", () => "/admin/queues", { own: 200, owner: 200 }),
  adminPage("GET /admin/inbound", () => "/admin/inbound", { own: 200, owner: 200 }),
  adminPage("GET /admin/search", () => "/admin/search?q=anna", { own: 200, owner: 200 }),
  adminPage("POST /admin/applications/:id/assignee", (w) => `/admin/applications/${A(w)}/assignee`, { form: () => ({ assigneeId: "" }), owner: 303 }),
  // Another company's admin is shown nobody (GET) and sends nothing (POST: 400, none of theirs selected).
  adminPage("GET /admin/bulk", (w) => `/admin/bulk?applicationIds=${A(w)}`, { own: 200, owner: 200 }),
  adminPage("POST /admin/bulk", () => "/admin/bulk", { form: (w) => ({ applicationIds: String(A(w)), action: "message", body: "Matrix bulk" }), own: 400, owner: 200 }),
  adminPage("GET /admin/applications/:id/reject", (w) => `/admin/applications/${A(w)}/reject`, { owner: 200 }),
  adminPage("POST /admin/applications/:id/reject", (w) => `/admin/applications/${A(w)}/reject`, { owner: 303 }),
  adminPage("POST /admin/applications/:id/reopen", (w) => `/admin/applications/${A(w)}/reopen`, { owner: 303 }),
  adminPage("GET /admin/applications/:id/erase", (w) => `/admin/applications/${A(w)}/erase`, { owner: 200 }),
  // Eva naming Acme's application (with the right name) gets the 404 page and erases nothing.
  adminPage("POST /admin/applications/:id/erase", (w) => `/admin/applications/${w.doomedPageId}/erase`, { form: () => ({ name: "Doomed Page" }), owner: 200 }),
  adminPage("POST /admin/applications/:id/erasure-request/decline", (w) => `/admin/applications/${w.b.applicationId}/erasure-request/decline`, {
    form: () => ({ reason: "Zákonná lhůta" }),
    owner: 303,
  }),
  adminPage("POST /admin/applications/:id/new-link", (w) => `/admin/applications/${w.relinkId}/new-link`, { owner: 303 }),
  adminPage("GET /admin/erasure-requests", () => "/admin/erasure-requests", { own: 200, owner: 200 }),
  adminPage("GET /admin/templates", () => "/admin/templates", { own: 200, owner: 200 }),
  adminPage("POST /admin/onboarding/dismiss", () => "/admin/onboarding/dismiss", { own: 303, owner: 303 }),
  adminPage("POST /admin/templates", () => "/admin/templates", { form: () => ({ name: "Matrix", body: "Hi" }), own: 303, owner: 303 }),
  adminPage("POST /admin/templates/:id", (w) => `/admin/templates/${w.editedTemplateId}`, { form: () => ({ name: "Pozvánka", body: "Dobrý den." }), owner: 303 }),
  adminPage("POST /admin/templates/:id/delete", (w) => `/admin/templates/${w.spareTemplateId}/delete`, { owner: 303 }),
  publicRoute(
    "GET /erasure/confirm",
    (who, w) => ({ path: "/erasure/confirm?token=x", cookie: callerCookie(who, w) }),
    { anonymous: 200, foreignAdmin: 200, otherCandidate: 200, tampered: 200 },
    200,
  ),
  // Only the emailed token confirms: a session, another candidate's link or a changed signature do nothing.
  publicRoute(
    "POST /erasure/confirm",
    (who, w) => ({ method: "POST", path: "/erasure/confirm", cookie: callerCookie(who, w), form: { token: who === "owner" ? w.confirmToken : tamper(w.confirmToken) } }),
    { anonymous: 400, foreignAdmin: 400, otherCandidate: 400, tampered: 400 },
    200,
  ),
  adminPage("GET /admin/offers", () => "/admin/offers", { own: 200, owner: 200 }),
  adminPage("POST /admin/offers", () => "/admin/offers", {
    form: () => ({ title: "Matrix page offer", description: "", email: "matrix-page@acme.example" }),
    own: 303,
    owner: 303,
  }),
  // Eva naming Acme's offer gets the 404 page; the owner's "open" leaves the offer as it is for the other rows.
  adminPage("POST /admin/offers/:id/status", (w) => `/admin/offers/${w.acme.offerId}/status`, {
    form: () => ({ status: "open" }),
    evaForm: () => ({ status: "closed" }),
    owner: 303,
  }),
  adminPage("GET /admin/offers/:id", (w) => `/admin/offers/${w.acme.offerId}`, { owner: 200 }),
  adminPage("POST /admin/offers/:id", (w) => `/admin/offers/${w.acme.offerId}`, {
    form: () => ({ title: "Backend Engineer (TypeScript)", description: "Navrhujete a stavíte API pro naše roboty. TypeScript, Cloudflare Workers, SQL." }),
    evaForm: () => ({ title: "Hijacked by Globex", description: "pwned" }),
    owner: 303,
  }),
  adminPage("POST /admin/offers/:id/addresses", (w) => `/admin/offers/${w.acme.offerId}/addresses`, {
    form: () => ({ email: "owner-added@acme.example" }),
    evaForm: () => ({ email: "eva@globex.example" }),
    owner: 303,
  }),
  adminPage("POST /admin/offers/:id/addresses/:addressId/delete", (w) => `/admin/offers/${w.acme.offerId}/addresses/${w.extraAddressId}/delete`, { owner: 303 }),
  adminPage("GET /admin/settings", () => "/admin/settings", { own: 200, owner: 200 }),
  adminPage("POST /admin/settings", () => "/admin/settings", {
    form: () => ({ contactEmail: "kariera@acme.example", locale: "cs" }),
    evaForm: () => ({ contactEmail: "careers@globex.example", locale: "en" }),
    own: 303,
    owner: 303,
  }),
  adminPage("GET /admin/team", () => "/admin/team", { own: 200, owner: 200 }),
  adminPage("POST /admin/team/invitations", () => "/admin/team/invitations", {
    form: () => ({ email: "second-newcomer@acme.example" }),
    evaForm: () => ({ email: "eva-colleague@globex.example" }),
    own: 201,
    owner: 201,
  }),
  adminPage("GET /admin/settings/integrations", () => "/admin/settings/integrations", { own: 200, owner: 200 }),
  adminPage("POST /admin/settings/integrations/tokens", () => "/admin/settings/integrations/tokens", {
    form: () => ({ name: "Matrix owner" }),
    evaForm: () => ({ name: "Matrix Eva" }),
    own: 201,
    owner: 201,
  }),
  // Eva naming Acme's token or webhook gets 404 and changes nothing; the owner's GETs come before the revoke and delete.
  adminPage("GET /admin/settings/integrations/tokens/:id/revoke", (w) => `/admin/settings/integrations/tokens/${w.acmeTokenId}/revoke`, { owner: 200 }),
  adminPage("POST /admin/settings/integrations/tokens/:id/revoke", (w) => `/admin/settings/integrations/tokens/${w.acmeTokenId}/revoke`, { owner: 303 }),
  adminPage("POST /admin/settings/integrations/webhooks", () => "/admin/settings/integrations/webhooks", {
    form: () => ({ url: `${inject("webhookSink")}/matrix-owner`, events: "message.created" }),
    evaForm: () => ({ url: `${inject("webhookSink")}/matrix-eva`, events: "message.created" }),
    own: 201,
    owner: 201,
  }),
  adminPage("GET /admin/settings/integrations/webhooks/:id", (w) => `/admin/settings/integrations/webhooks/${w.acmeWebhookId}`, { owner: 200 }),
  adminPage("POST /admin/settings/integrations/webhooks/:id/enable", (w) => `/admin/settings/integrations/webhooks/${w.acmeWebhookId}/enable`, { owner: 303 }),
  adminPage("POST /admin/settings/integrations/webhooks/:id/delete", (w) => `/admin/settings/integrations/webhooks/${w.acmeWebhookId}/delete`, { owner: 303 }),
  adminPage("GET /admin/*", () => "/admin/no-such-page", { owner: 404 }),
];

// ---- running it ---------------------------------------------------------------------------------------------

let w: W;
beforeAll(async () => {
  w = await world();
}, 60_000);

const production = { ...env, ENVIRONMENT: "production" } as typeof env;

async function send(req: Req, opts: { production?: boolean } = {}): Promise<Response> {
  if (req.upgrade) return upgrade(req.path, req.cookie ? { Cookie: req.cookie } : {});
  if (opts.production) {
    const headers = new Headers({ Origin: env.APP_URL });
    if (req.cookie) headers.set("Cookie", req.cookie);
    const ctx = createExecutionContext();
    const res = await app.request(req.path, { method: req.method ?? "GET", headers, redirect: "manual" }, production, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }
  return call(req.path, { method: req.method, cookie: req.cookie, json: req.json, form: req.form });
}

/** What of Acme's must not move while the callers try (A and B, the offer, the team, Jana's notifications). */
function leakMarkers(): (string | RegExp)[] {
  return [
    w.a.email,
    w.b.email,
    "Backend Engineer",
    "kariera@acme.example",
    "jana@acme.example",
    "Acme Robotics",
    new RegExp(`"applicationId":${A(w)}\\D`),
    new RegExp(`/admin/applications/${A(w)}\\D`),
  ];
}

async function check(cell: Cell, label: string, opts: { production?: boolean } = {}) {
  const res = await send(cell.req, opts);
  let text = "";
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close(1000, "done");
  } else if (/text|json/.test(res.headers.get("Content-Type") ?? "")) {
    text = await res.text();
  } else {
    await res.arrayBuffer();
  }
  if (cell.status === "login") {
    expect(res.status, `${label}: ${text.slice(0, 200)}`).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?next=${encodeURIComponent(cell.req.path)}`);
  } else {
    expect(res.status, `${label}: ${text.slice(0, 200)}`).toBe(cell.status);
  }
  if (cell.status === 101) expect(res.webSocket).toBeTruthy();
  else expect(res.webSocket ?? null).toBeNull();
  if (cell.noLeak) for (const marker of leakMarkers()) expect(text, `${label} shows ${marker}`).not.toMatch(marker);
  await cell.after?.();
}

async function acmeState() {
  const ids = [w.a.applicationId, w.b.applicationId];
  const offerIds = [w.acme.offerId];
  return {
    applications: await db.select().from(applications).where(inArray(applications.id, ids)),
    messages: await db.select().from(messages).where(inArray(messages.applicationId, ids)),
    attachments: await db.select().from(attachments).where(inArray(attachments.applicationId, ids)),
    notifications: await db.select().from(notifications).where(inArray(notifications.applicationId, ids)),
    readMarkers: await db.select().from(readMarkers).where(inArray(readMarkers.applicationId, ids)),
    offers: await db.select().from(offers).where(inArray(offers.id, offerIds)),
    addresses: await db.select().from(notificationAddresses).where(inArray(notificationAddresses.offerId, offerIds)),
    company: await db.select().from(companies).where(eq(companies.id, w.acme.companyId)),
    // (unread_count moves with every public application, which anyone may send)
    admins: await db
      .select({ id: admins.id, email: admins.email, name: admins.name, passwordHash: admins.passwordHash })
      .from(admins)
      .where(eq(admins.companyId, w.acme.companyId)),
    invitations: await db.select().from(invitations).where(eq(invitations.companyId, w.acme.companyId)),
    apiTokens: await db.select().from(apiTokens).where(eq(apiTokens.companyId, w.acme.companyId)),
    webhooks: await db.select().from(webhooks).where(eq(webhooks.companyId, w.acme.companyId)),
  };
}

it("has a row for every route registered on the app, and no row for a route that is not", () => {
  const registered = [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))].sort();
  const table = ROWS.map((r) => r.route);
  expect(new Set(table).size, "one row per route").toBe(table.length);
  expect(
    registered.filter((r) => !table.includes(r)),
    "routes without a row: add them to ROWS",
  ).toEqual([]);
  expect(
    table.filter((r) => !registered.includes(r)),
    "rows for routes that are not mounted",
  ).toEqual([]);
});

describe("callers who must not get in", () => {
  let before: Awaited<ReturnType<typeof acmeState>>;
  beforeAll(async () => {
    before = await acmeState();
  });

  const cases = ROWS.flatMap((row) => CALLERS.map((who) => ({ row, who, name: `${row.route} — ${who}` })));
  it.each(cases)("$name", async ({ row, who }) => {
    const cell = row.build(w).cells[who];
    if (cell === null) {
      expect(row.na, `${row.route}: a caller without a cell needs a reason`).toContain(who);
      return;
    }
    await check(cell, `${row.route} as ${who}`, { production: row.dev });
  });

  it("nothing of Acme's changed: conversations, attachments, offer, addresses, team, Jana's notifications", async () => {
    expect(await acmeState()).toEqual(before);
  });
});

describe("the owner gets in (positive control: the paths above are the right ones)", () => {
  it.each(ROWS.map((row) => ({ row, name: row.route })))("$name", async ({ row }) => {
    await check(row.build(w).owner, `${row.route} as owner`);
  });
});

describe("a candidate's own link shows only their own conversation", () => {
  it("B's page, messages and live socket know nothing of A", async () => {
    for (const path of [`/c/${w.b.token}`, `/api/c/${w.b.token}/messages`]) {
      const res = await call(path);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).toContain("bob-cv.pdf");
      expect(text).not.toContain("anna-cv.pdf");
      expect(text).not.toContain(w.a.email);
      expect(text).not.toContain(`/c/${w.a.token}`);
    }
  });

  it("the link never leaves the site in a Referer, and its pages and files are never cached", async () => {
    for (const path of [`/c/${w.b.token}`, `/c/${w.b.token}/attachments/${w.attB}`]) {
      const res = await call(path);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      expect(["same-origin", "no-referrer", "strict-origin"]).toContain(res.headers.get("Referrer-Policy"));
      expect(res.headers.get("Cache-Control")).toContain("no-store");
    }
  });

  it("B's valid link cannot download B's own attachment under A's link, nor A's under B's", async () => {
    expect((await call(`/c/${w.a.token}/attachments/${w.attB}`)).status).toBe(404);
    expect((await call(`/c/${w.b.token}/attachments/${w.attA}`)).status).toBe(404);
    expect((await call(`/c/${w.b.token}/attachments/${w.attB}`)).status).toBe(200);
  });
});
