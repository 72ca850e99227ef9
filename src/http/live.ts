import { Hono, type Context, type Next } from "hono";
import type { SignedInAdmin } from "../accounts/sessions";
import { candidateAccess } from "../conversations/candidate-access";
import { database } from "../db/client";
import { companyScope } from "../db/company-scope";
import { readAsSession, sessionStillValid } from "../db/sessions";
import { companyHub, conversationRoom } from "../live/fan-out";
import { withIdentity, type LiveIdentity } from "../live/identity";
import { jsonError } from "./errors";
import type { AppContext } from "./types";

/**
 * WebSocket upgrades (CONTRACT.md "Live"). The Worker authenticates, then forwards the raw upgrade request to
 * the Durable Object with the identity in a header; the object accepts it with the Hibernation API. (Hono's
 * upgradeWebSocket helper would hold the socket in this Worker invocation, which cannot hibernate.)
 * Mount with `app.route("/api", liveRoutes)` before any sub-app whose middleware guards all of `/api/*`.
 */
export const liveRoutes = new Hono<AppContext>()
  .get("/applications/:id/live", upgradeFromOurPages, async (c) => {
    const admin = signedInAdmin(c);
    const session = c.get("session");
    if (!admin || !session) return jsonError(c, 401, "unauthenticated", "Sign in first.");
    const applicationId = idOf(c.req.param("id") ?? "") ?? 0;
    const db = database(c.env.DB);
    const read = await readAsSession(db, { tokenHash: session.tokenHash, adminId: admin.id }, [companyScope(db, admin.companyId).applicationQuery(applicationId)]);
    if (!read) return jsonError(c, 401, "unauthenticated", "Sign in first.");
    if (read[0].length === 0) return jsonError(c, 404, "not_found", "This conversation does not exist.");
    return forward(conversationRoom(c.env, applicationId), withIdentity(c.req.raw, adminIdentity(admin)));
  })
  .get("/c/:token/live", upgradeFromOurPages, async (c) => {
    const access = await candidateAccess(c.env, c.req.param("token") ?? "");
    if (!access) return jsonError(c, 404, "not_found", "This conversation link is not valid any more.");
    const identity: LiveIdentity = { role: "candidate", name: access.candidate.name, applicationId: access.applicationId };
    return forward(conversationRoom(c.env, access.applicationId), withIdentity(c.req.raw, identity));
  })
  .get("/live", upgradeFromOurPages, async (c) => {
    const admin = signedInAdmin(c);
    const session = c.get("session");
    if (!admin || !session || !(await sessionStillValid(database(c.env.DB), session.tokenHash, admin.id, Date.now()))) {
      return jsonError(c, 401, "unauthenticated", "Sign in first.");
    }
    return forward(companyHub(c.env, admin.companyId), withIdentity(c.req.raw, adminIdentity(admin)));
  });

/**
 * Only WebSocket upgrades, and only from our own pages. Browsers send cookies with cross-site WebSocket
 * handshakes and the same-origin policy does not apply to them (hono/csrf does not look at GETs either), so
 * without this check any site could open a socket as the signed-in admin. Browsers always send Origin here.
 */
async function upgradeFromOurPages(c: Context<AppContext>, next: Next) {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    return jsonError(c, 426, "upgrade_required", "This address only accepts WebSocket connections.");
  }
  if (c.req.header("Origin") !== new URL(c.env.APP_URL).origin) {
    return jsonError(c, 403, "cross_origin", "This connection came from another site and was refused.");
  }
  return next();
}

function signedInAdmin(c: Context<AppContext>): SignedInAdmin | null {
  return c.get("admin");
}

/**
 * The object's 101 answer, re-wrapped: a Response that came from fetch() has immutable headers, and the app's
 * middleware (security headers) sets headers on every response.
 */
async function forward(stub: { fetch(request: Request): Promise<Response> }, request: Request): Promise<Response> {
  const res = await stub.fetch(request);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers, webSocket: res.webSocket });
}

function adminIdentity(admin: SignedInAdmin): LiveIdentity {
  return { role: "admin", adminId: admin.id, name: admin.name, email: admin.email, companyId: admin.companyId };
}

function idOf(param: string): number | null {
  return /^\d{1,15}$/.test(param) ? Number(param) : null;
}
