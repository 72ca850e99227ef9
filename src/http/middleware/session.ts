import type { Context, MiddlewareHandler } from "hono";
import { bearerToken, readApiToken, recordApiTokenUse } from "../../accounts/api-tokens";
import { readSession } from "../../accounts/sessions";
import { database } from "../../db/client";
import { sessionStillValid } from "../../db/sessions";
import { waitUntilOf } from "../commit";
import { jsonError } from "../errors";
import { clearSessionCookie, readSessionCookie } from "../session-cookie";
import type { AppContext } from "../types";

/**
 * Puts who is asking (or null) on the context: the signed cookie's claims, read without D1; or, on the API, the
 * admin of an `Authorization: Bearer` token (one read). A Bearer header decides alone: a bad token is nobody.
 * A token's last use is written beside the request (waitUntil), never before its answer.
 */
export const loadSession: MiddlewareHandler<AppContext> = async (c, next) => {
  const token = c.req.path.startsWith("/api/") ? bearerToken(c.req.header("Authorization")) : null;
  const cookie = token === null ? readSessionCookie(c) : undefined;
  const claims = token !== null ? await readApiToken(database(c.env.DB), token) : cookie ? await readSession(c.env.LINK_SECRET, cookie) : null;
  if (token !== null && claims) {
    const noted = recordApiTokenUse(database(c.env.DB), claims).catch((error: unknown) => console.error("api token: recording its use failed", error));
    const later = waitUntilOf(c);
    if (later) later(noted);
    else await noted;
  }
  c.set("admin", claims?.admin ?? null);
  c.set("session", claims);
  return next();
};

/**
 * API guard: 401 JSON unless the session is valid in D1 (signed out or expired sessions are refused at once).
 * Hot paths use requireSignedAdmin instead and assert the session inside their own batch.
 */
export const requireAdmin: MiddlewareHandler<AppContext> = async (c, next) => {
  if (!(await sessionValid(c))) return jsonError(c, 401, "unauthenticated", "Sign in first.");
  return next();
};

/**
 * API guard for the hot paths (posting a message, the inbox and conversation reads): only the cookie's signature
 * is checked here, and the handler's one D1 batch asserts the session row (see src/db/sessions.ts).
 */
export const requireSignedAdmin: MiddlewareHandler<AppContext> = async (c, next) => {
  if (!c.get("session")) return jsonError(c, 401, "unauthenticated", "Sign in first.");
  return next();
};

/** Page guard: anonymous visitors go to the login page and come back afterwards. */
export const requireAdminPage: MiddlewareHandler<AppContext> = async (c, next) => {
  if (!(await sessionValid(c))) {
    // The query too: a search or a filtered inbox opened from a link comes back as it was asked for.
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return next();
};

async function sessionValid(c: Context<AppContext>): Promise<boolean> {
  const session = c.get("session");
  if (!session) return false;
  if (await sessionStillValid(database(c.env.DB), session.tokenHash, session.admin.id, Date.now())) return true;
  // Signed out elsewhere (or expired): this browser's cookie is worthless now.
  clearSessionCookie(c);
  c.set("admin", null);
  c.set("session", null);
  return false;
}
