/**
 * GET /api/openapi.json: an OpenAPI 3.1 document of every /api route, built from the app's own route table, so a
 * route cannot exist undocumented (test/http/openapi.test.ts fails on one without an entry below). /api/docs shows it.
 */
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { z } from "zod";
import type { AppContext } from "../types";
import { bodySchemaOf } from "../validation";

type Auth = "public" | "admin" | "candidate";
interface Operation {
  summary: string;
  auth: Auth;
  tag: string;
  /** The success status and what it means. */
  ok?: [number, string];
}

const DOCS: Record<string, Operation> = {
  "POST /api/session": {
    tag: "Session",
    auth: "public",
    summary: "Sign in (sets the session cookie). 401 bad credentials, 403 email_unconfirmed, 429 slow down.",
  },
  "DELETE /api/session": { tag: "Session", auth: "admin", summary: "Sign out.", ok: [204, "Signed out"] },
  "POST /api/signup": {
    tag: "Session",
    auth: "public",
    summary: "Sign up a company and its first admin; the emailed link confirms the address.",

    ok: [201, "Created"],
  },
  "GET /api/offers": { tag: "Job posts", auth: "admin", summary: "The company's offers with status and counts." },
  "POST /api/offers": {
    tag: "Job posts",
    auth: "admin",
    summary: "Create an offer.",

    ok: [201, "Created"],
  },
  "PATCH /api/offers/{id}": {
    tag: "Job posts",
    auth: "admin",
    summary: "Change an offer; status open or closed.",
  },
  "POST /api/offers/{id}/applications": {
    tag: "Applications",
    auth: "public",
    summary: "Apply (JSON, or multipart with `files`). 409 offer_closed or already applied.",

    ok: [201, "Created"],
  },
  "POST /api/offers/{id}/candidates": { tag: "Applications", auth: "admin", summary: "Add a candidate by hand.", ok: [201, "Created"] },
  "GET /api/applications": {
    tag: "Applications",
    auth: "admin",
    summary: "The inbox, latest activity first. Query: offerId, status, assignee (me|none|id), waitingOn (company|candidate), cursor.",
  },
  "GET /api/applications/{id}": { tag: "Applications", auth: "admin", summary: "One application with assignee and waitingOn." },
  "PATCH /api/applications/{id}": { tag: "Team", auth: "admin", summary: "Set the assignee (an admin of the company, or null)." },
  "POST /api/applications/bulk": {
    tag: "Applications",
    auth: "admin",
    summary: "Message or reject up to 500 applications; answers {done, failed}.",
  },
  "GET /api/applications/{id}/messages": { tag: "Messages", auth: "admin", summary: "Messages oldest first; `after` gives those after a message id." },
  "POST /api/applications/{id}/messages": {
    tag: "Messages",
    auth: "admin",
    summary: "Send a message ({body} or {templateId}, optional sendAt: then 202 with the scheduled message).",

    ok: [201, "Sent"],
  },
  "POST /api/applications/{id}/notes": {
    tag: "Team",
    auth: "admin",
    summary: "An internal note; mentioned admins are notified and emailed.",

    ok: [201, "Created"],
  },
  "GET /api/applications/{id}/scheduled": { tag: "Messages", auth: "admin", summary: "Messages waiting to be sent later." },
  "DELETE /api/scheduled/{id}": { tag: "Messages", auth: "admin", summary: "Cancel a message before its time (409 once sent).", ok: [204, "Cancelled"] },
  "POST /api/applications/{id}/reject": {
    tag: "Applications",
    auth: "admin",
    summary: "Reject, optionally with a message ({body} or {templateId}) emailed first.",
  },
  "POST /api/applications/{id}/reopen": { tag: "Applications", auth: "admin", summary: "Reopen a rejected application." },
  "POST /api/applications/{id}/read": { tag: "Messages", auth: "admin", summary: "Mark the conversation read.", ok: [204, "Read"] },
  "GET /api/applications/{id}/export": { tag: "Personal data", auth: "admin", summary: "Everything kept about the candidate, as JSON." },
  "POST /api/applications/{id}/erase": { tag: "Personal data", auth: "admin", summary: "Erase the candidate's data (audited)." },
  "GET /api/erasure-requests": { tag: "Personal data", auth: "admin", summary: "Candidates' erasure requests, open and declined, with when they were confirmed by email." },
  "POST /api/applications/{id}/erasure-request/decline": {
    tag: "Personal data",
    auth: "admin",
    summary: "Decline the open erasure request; the reason is emailed to the candidate.",
  },
  "POST /api/applications/{id}/new-link": { tag: "Applications", auth: "admin", summary: "Revoke the candidate's link and email them a new one." },
  "GET /api/applications/{id}/live": { tag: "Live", auth: "admin", summary: "WebSocket: the conversation's frames.", ok: [101, "Switching protocols"] },
  "GET /api/live": { tag: "Live", auth: "admin", summary: "WebSocket: the company's frames (notifications, inbox).", ok: [101, "Switching protocols"] },
  "GET /api/search": { tag: "Team", auth: "admin", summary: "Search candidates, messages and notes (q: 1–200 characters); at most 25, best first." },
  "GET /api/notifications": { tag: "Notifications", auth: "admin", summary: "The admin's notifications and unread count." },
  "POST /api/notifications/read": { tag: "Notifications", auth: "admin", summary: "Mark all read.", ok: [204, "Read"] },
  "POST /api/notifications/{id}/read": { tag: "Notifications", auth: "admin", summary: "Mark one read.", ok: [204, "Read"] },
  "GET /api/templates": { tag: "Templates", auth: "admin", summary: "The company's templates." },
  "POST /api/templates": {
    tag: "Templates",
    auth: "admin",
    summary: "Create a template (placeholders like {{candidate.firstName}}).",

    ok: [201, "Created"],
  },
  "PATCH /api/templates/{id}": { tag: "Templates", auth: "admin", summary: "Change a template." },
  "DELETE /api/templates/{id}": { tag: "Templates", auth: "admin", summary: "Delete a template.", ok: [204, "Deleted"] },
  "GET /api/company": { tag: "Company", auth: "admin", summary: "The company's settings." },
  "PATCH /api/company": {
    tag: "Company",
    auth: "admin",
    summary: "Change settings.",
  },
  "GET /api/inbound": { tag: "Email", auth: "admin", summary: "Every email received for the company's conversations, with its outcome; cursor pages." },
  "GET /api/inbound/{id}/raw": { tag: "Email", auth: "admin", summary: "The raw MIME of a received email (message/rfc822)." },
  "GET /api/tokens": { tag: "Integrations", auth: "admin", summary: "The company's API tokens (without the tokens), with `lastUsedAt` (kept to the minute)." },
  "POST /api/tokens": {
    tag: "Integrations",
    auth: "admin",
    summary: "Make a token (shown once); send it as `Authorization: Bearer`.",

    ok: [201, "Created"],
  },
  "DELETE /api/tokens/{id}": { tag: "Integrations", auth: "admin", summary: "Revoke a token at once.", ok: [204, "Revoked"] },
  "GET /api/webhooks": {
    tag: "Integrations",
    auth: "admin",
    summary: "The company's webhooks, each `active` or disabled (`disabledAt`) after 5 deliveries in a row failed for good (`consecutiveFailures`).",
  },
  "POST /api/webhooks": {
    tag: "Integrations",
    auth: "admin",
    summary: "Add a webhook (secret shown once); deliveries are signed per Standard Webhooks.",

    ok: [201, "Created"],
  },
  "PATCH /api/webhooks/{id}": {
    tag: "Integrations",
    auth: "admin",
    summary: "`{active:true}` enables a disabled webhook again (its failure count starts over; waiting retries go on); `{active:false}` pauses it.",
  },
  "DELETE /api/webhooks/{id}": { tag: "Integrations", auth: "admin", summary: "Remove a webhook.", ok: [204, "Deleted"] },
  "GET /api/webhooks/{id}/deliveries": { tag: "Integrations", auth: "admin", summary: "Its latest deliveries and their state." },
  "GET /api/c/{token}/messages": { tag: "Candidate", auth: "candidate", summary: "The candidate's conversation (never internal notes)." },
  "POST /api/c/{token}/messages": {
    tag: "Candidate",
    auth: "candidate",
    summary: "The candidate writes; 403 application_rejected with contactEmail.",

    ok: [201, "Sent"],
  },
  "POST /api/c/{token}/read": { tag: "Candidate", auth: "candidate", summary: "The candidate has read the conversation.", ok: [204, "Read"] },
  "GET /api/c/{token}/live": { tag: "Candidate", auth: "candidate", summary: "WebSocket: the candidate's frames.", ok: [101, "Switching protocols"] },
  "GET /api/c/{token}/export": { tag: "Candidate", auth: "candidate", summary: "The candidate's own data, as JSON." },
  "POST /api/c/{token}/erasure-request": { tag: "Candidate", auth: "candidate", summary: "Ask the company to erase the candidate's data.", ok: [202, "Requested"] },
  "GET /api/openapi.json": { tag: "Meta", auth: "public", summary: "This document." },
  "GET /api/docs": { tag: "Meta", auth: "public", summary: "This document as a page." },
};

/** "/api/applications/:id" → "/api/applications/{id}". */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, "{$1}");

export function undocumented(routes: { method: string; path: string }[]): string[] {
  return apiRoutes(routes).filter((key) => !DOCS[key]);
}

function apiRoutes(routes: { method: string; path: string }[]): string[] {
  return [...new Set(routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL").map((r) => `${r.method} ${openApiPath(r.path)}`))];
}

const SECURITY: Record<Auth, unknown[]> = { public: [], admin: [{ session: [] }, { bearer: [] }], candidate: [] };

export function openApiDocument(routes: { method: string; path: string; handler: object }[], appUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  // The request bodies are the schemas the routes' own validators check (see describesBody in ../validation).
  const bodies = new Map<string, z.ZodType>();
  for (const r of routes) {
    const schema = bodySchemaOf(r.handler);
    if (schema) bodies.set(`${r.method} ${openApiPath(r.path)}`, schema);
  }
  for (const key of apiRoutes(routes)) {
    const doc = DOCS[key];
    if (!doc) continue;
    const [method = "", path = ""] = key.split(" ");
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const [status, description] = doc.ok ?? [200, "OK"];
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      tags: [doc.tag],
      summary: doc.summary,
      security: SECURITY[doc.auth],
      ...(params.length ? { parameters: params } : {}),
      ...(bodies.has(key)
        ? { requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(bodies.get(key)!, { io: "input", unrepresentable: "any" }) } } } }
        : {}),
      responses: {
        [String(status)]: { description },
        default: { description: "An error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Candidate Chat API",
      version: "2",
      description: "Recruiters and candidates in one thread, on the web and by email. Unsafe cookie calls need Origin equal to the app's URL.",
    },
    servers: [{ url: appUrl }],
    components: {
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "session" }, bearer: { type: "http", scheme: "bearer" } },
      schemas: { Error: { type: "object", required: ["error", "message"], properties: { error: { type: "string" }, message: { type: "string" } } } },
    },
    paths,
  };
}

/** The document's routes, given the app's route table (read when asked, after the app is built). */
export function openApiRoutes(routes: () => { method: string; path: string; handler: object }[]) {
  return new Hono<AppContext>()
    .get("/openapi.json", (c) => c.json(openApiDocument(routes(), c.env.APP_URL)))
    .get("/docs", (c) => {
      const doc = openApiDocument(routes(), c.env.APP_URL);
      const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => {
          const o = op as { summary: string; tags: string[]; requestBody?: { content: { "application/json": { schema: unknown } } } };
          const body = o.requestBody ? html`<pre>${JSON.stringify(o.requestBody.content["application/json"].schema, null, 2)}</pre>` : "";
          return html`<section class="panel"><h3><code>${method.toUpperCase()} ${path}</code> <span class="pill">${o.tags[0]}</span></h3><p>${o.summary}</p>${body}</section>`;
        }),
      );
      return c.html(
        html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Candidate Chat API</title><link rel="stylesheet" href="/app.css"></head>
        <body><main class="page stack"><h1>Candidate Chat API</h1><p>${doc.info.description} <a href="/api/openapi.json">OpenAPI 3.1 JSON</a></p>${raw("")}${rows}</main></body></html>`,
      );
    });
}
